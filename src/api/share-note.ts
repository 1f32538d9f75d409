import type { Image } from './schemas'

/**
 * What a producer says about itself to the projects it shares with. Keystone does not let a
 * member read another project's name, so a consumer sees only 32 hex digits; the producer can
 * write who it is on the image itself, as two extra properties, which every project that can
 * see the image (every member, whatever its answer) can read.
 */

/** The extra properties' names, as documented in docs/glance-contract.md. */
export const SHARED_BY_PROPERTY = 'sharing_panel_shared_by'
export const NOTE_PROPERTY = 'sharing_panel_note'

/**
 * Glance keeps a property's key in 255 characters and its value as text without a schema
 * limit; these limits are the panel's, to keep a name a name and a note a note.
 */
export const SHARED_BY_MAX = 255
export const NOTE_MAX = 1000

export type ShareNote = { sharedBy: string; note: string }

const textOf = (image: Image, key: string) => {
  const value = image[key]
  return typeof value === 'string' ? value : ''
}

/** The producer's words on an image, '' where it said nothing. */
export const shareNoteOf = (image: Image): ShareNote => ({
  sharedBy: textOf(image, SHARED_BY_PROPERTY),
  note: textOf(image, NOTE_PROPERTY),
})

export const cleanShareNote = (n: ShareNote): ShareNote => ({
  sharedBy: n.sharedBy.trim().replace(/\s+/g, ' '),
  note: n.note.trim(),
})

/** Why the words cannot be saved, or undefined. */
export function shareNoteProblem(n: ShareNote): string | undefined {
  const clean = cleanShareNote(n)
  if (clean.sharedBy.length > SHARED_BY_MAX)
    return `“Shared by” can have at most ${SHARED_BY_MAX} characters (it has ${clean.sharedBy.length}).`
  if (clean.note.length > NOTE_MAX)
    return `The note can have at most ${NOTE_MAX} characters (it has ${clean.note.length}).`
  return undefined
}

export type PropertyPatch =
  { op: 'add'; path: string; value: string } | { op: 'remove'; path: string }

/**
 * The JSON-patch that makes the image say `wanted`: nothing when it already does. With Glance's
 * v2.1 patch type `add` sets a property whether or not it exists; `remove` of a missing one is a
 * 409, so only a property the image has is removed.
 */
export function shareNotePatch(image: Image, wanted: ShareNote): PropertyPatch[] {
  const now = shareNoteOf(image)
  const next = cleanShareNote(wanted)
  const ops: PropertyPatch[] = []
  const set = (key: string, was: string, value: string) => {
    if (value === was) return
    ops.push(
      value === '' ? { op: 'remove', path: `/${key}` } : { op: 'add', path: `/${key}`, value },
    )
  }
  set(SHARED_BY_PROPERTY, now.sharedBy, next.sharedBy)
  set(NOTE_PROPERTY, now.note, next.note)
  return ops
}
