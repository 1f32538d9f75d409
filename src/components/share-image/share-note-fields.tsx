import { useId } from 'react'
import {
  NOTE_MAX,
  NOTE_PROPERTY,
  SHARED_BY_MAX,
  SHARED_BY_PROPERTY,
  type ShareNote,
} from '~/api/share-note'
import { Input, Label, Textarea } from '~/ui/field'

/**
 * "Shared by" and a note, which the projects it is shared with see beside the image: they cannot
 * read the producer's project name in Keystone. Folded, it says what they will see.
 */
export function ShareNoteFields({
  words,
  onChange,
}: {
  words: ShareNote
  onChange: (words: ShareNote) => void
}) {
  const ids = useId()
  const summary = `${words.sharedBy.trim() === '' ? 'no name' : `“${words.sharedBy.trim()}”`}${
    words.note.trim() === '' ? ', no note' : ', with a note'
  }`
  return (
    <details className="rounded-md border border-gray-200 px-3 py-2 text-sm">
      <summary className="cursor-pointer font-medium">
        What the projects see about you: {summary}
      </summary>
      <div className="mt-3 grid gap-3">
        <p className="text-gray-700">
          Saved on the image as the properties <code>{SHARED_BY_PROPERTY}</code> and{' '}
          <code>{NOTE_PROPERTY}</code>. Every project it is shared with can read them, whatever its
          answer, and so can anyone who can see the image.
        </p>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor={`${ids}-by`}>Shared by</Label>
          <Input
            id={`${ids}-by`}
            value={words.sharedBy}
            maxLength={SHARED_BY_MAX}
            onChange={(e) => onChange({ ...words, sharedBy: e.target.value })}
          />
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor={`${ids}-note`}>Note for them (optional)</Label>
          <Textarea
            id={`${ids}-note`}
            value={words.note}
            rows={2}
            aria-describedby={`${ids}-note-hint`}
            onChange={(e) => onChange({ ...words, note: e.target.value })}
          />
          <p id={`${ids}-note-hint`} className="text-gray-600">
            At most {NOTE_MAX.toLocaleString('en')} characters: who to ask, what the image is for.
          </p>
        </div>
      </div>
    </details>
  )
}
