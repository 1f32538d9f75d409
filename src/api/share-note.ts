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

// U+202A–U+202E (embeddings, overrides) and U+2066–U+2069 (isolates): an owner's "Shared by"
// could otherwise turn the words around it, or read as someone else's name backwards.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g

/** The words as shown: whichever owner wrote them, so without the controls that reorder text. */
export const withoutBidiControls = (text: string) => text.replace(BIDI_CONTROLS, '')

/**
 * Glance keeps a property value of any length: past this, even "Show all" stops, so that no page
 * renders a megabyte of someone else's text. Ten notes' worth.
 */
export const SHOW_ALL_MAX = 10 * 1000

/** The first `max` UTF-16 units of `text`, never half of a surrogate pair. */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text
  const code = text.charCodeAt(max - 1)
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max)
}

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
