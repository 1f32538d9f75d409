import * as React from 'react'
import {
  clipText,
  NOTE_MAX,
  SHARED_BY_MAX,
  shareNoteOf,
  SHOW_ALL_MAX,
  withoutBidiControls,
} from '~/api/share-note'
import type { Image } from '~/api/schemas'
import { countOf } from '~/util/format'
import { cn } from '~/ui/cn'
import { textLinkClassName } from '~/ui/text-link'

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
          Shared by <Words text={sharedBy} max={SHARED_BY_MAX} what="Shared by" />{' '}
          <span className="italic">(the producer’s own words)</span>
        </span>
      )}
      {note !== '' && (
        <span className="block break-words whitespace-pre-line">
          Note: <Words text={note} max={NOTE_MAX} what="the note" />
        </span>
      )}
    </span>
  )
}

/**
 * Someone else's text, quoted and isolated (<bdi>) so that it cannot reorder the words around it,
 * and cut at the panel's own limit for it (any Glance client can write more), with a way to see
 * the rest.
 */
function Words({ text, max, what }: { text: string; max: number; what: string }) {
  const [all, setAll] = React.useState(false)
  const clean = React.useMemo(() => withoutBidiControls(text), [text])
  const shown = clipText(clean, all ? SHOW_ALL_MAX : max)
  const cut = shown.length < clean.length
  return (
    <>
      “
      <bdi>
        {shown}
        {cut && '…'}
      </bdi>
      ”
      {clean.length > max && (
        <>
          {' '}
          <button
            type="button"
            aria-expanded={all}
            className={textLinkClassName({ className: 'cursor-pointer' })}
            onClick={() => {
              setAll(!all)
            }}
          >
            {all ? `Show less of ${what}` : `Show all of ${what}`}
          </button>
          {all && cut && (
            <span className="block">
              The other {countOf(clean.length - shown.length, 'character')} are not shown: far more
              than the panel ever writes.
            </span>
          )}
        </>
      )}
    </>
  )
}
