import { shareNoteOf } from '~/api/share-note'
import type { Image } from '~/api/schemas'
import { cn } from '~/ui/cn'

/**
 * What the producer wrote about itself on the image ("Shared by", a note), marked as its own
 * words: nothing checks them, and any owner can write any name.
 */
export function ProducerWords({ image, className }: { image: Image; className?: string }) {
  const { sharedBy, note } = shareNoteOf(image)
  if (sharedBy === '' && note === '') return null
  return (
    <span className={cn('block text-xs text-gray-700', className)}>
      {sharedBy !== '' && (
        <span className="block break-words">
          Shared by “{sharedBy}” <span className="italic">(the producer’s own words)</span>
        </span>
      )}
      {note !== '' && <span className="block break-words whitespace-pre-line">Note: “{note}”</span>}
    </span>
  )
}
