// Names for other projects' IDs, kept in this browser for one user of one cloud. Keystone lets a
// non-admin read only their own projects' names, so every other project shows as 32 hex digits:
// the user names them here, and every name the panel did resolve is remembered, so a name an
// admin or the user once saw stays known. Only a name from Keystone is verified; these never are.

import { ownValue } from '~/util/own'

/**
 * Who gave the name: the user, Keystone when the panel could read it, or a file the user
 * imported (whatever the file says: anyone can write "keystone" in one).
 */
export type NameSource = 'you' | 'keystone' | 'file'

export type BookEntry = { name: string; source: NameSource; updated: string }

/**
 * Entries by lowercase project ID, in an object without a prototype; read it with `entryOf`.
 * The IDs come from Glance, which takes any text as a member ID, `__proto__` included.
 */
export type Book = Readonly<Record<string, BookEntry>>

const newBook = (): Record<string, BookEntry> => Object.create(null) as Record<string, BookEntry>

/** The entry for a project ID, in any case; never one of Object.prototype's members. */
export const entryOf = (book: Book, id: string): BookEntry | undefined =>
  ownValue(book, id.toLowerCase())

/** Keystone's own limit for a project name is 64; a label of the user's own may say a bit more. */
export const NAME_MAX = 100
/** Far more projects than anyone shares with; keeps localStorage small. */
export const BOOK_MAX = 5000

const PREFIX = 'isp-address-book:'

/**
 * One book for each Keystone and user: user IDs are unique within a Keystone, and one browser may
 * sign in to several clouds (the demo and a real one, on the same origin).
 */
export const bookKey = (authUrl: string, userId: string) => `${PREFIX}${authUrl}|${userId}`

const EMPTY: Book = Object.freeze(newBook())
const cache = new Map<string, { raw: string | null; book: Book }>()
const listeners = new Set<() => void>()

function isEntry(value: unknown): value is BookEntry {
  if (typeof value !== 'object' || value === null) return false
  const e = value as Record<string, unknown>
  return (
    typeof e.name === 'string' &&
    e.name !== '' &&
    (e.source === 'you' || e.source === 'keystone' || e.source === 'file') &&
    typeof e.updated === 'string'
  )
}

function parse(raw: string | null): Book {
  try {
    const parsed: unknown = raw === null ? null : JSON.parse(raw)
    if (typeof parsed !== 'object' || parsed === null) return EMPTY
    // One damaged entry (another version, a hand edit) costs that entry, not the book.
    const book = newBook()
    for (const [id, entry] of Object.entries(parsed as Record<string, unknown>))
      if (isEntry(entry)) book[id] = entry
    return book
  } catch {
    return EMPTY
  }
}

/**
 * The book as stored; the same object until the stored text changes, as useSyncExternalStore
 * needs. Comparing the text (not trusting a cache) follows a write by another tab or a cleared
 * storage even before the storage event says so.
 */
export function readBook(key: string): Book {
  let raw: string | null = null
  try {
    raw = localStorage.getItem(key)
  } catch {
    // Storage off: an empty book, and names typed are not kept.
  }
  const cached = cache.get(key)
  if (cached?.raw === raw) return cached.book
  const book = parse(raw)
  cache.set(key, { raw, book })
  return book
}

const notify = () => {
  for (const listener of listeners) listener()
}

function onStorage(event: StorageEvent) {
  // Another tab wrote (or cleared storage, key null): labels read their book again.
  if (event.key === null || event.key.startsWith(PREFIX)) notify()
}

/** Called on any change to any book, in this tab or another. */
export function subscribeBook(listener: () => void) {
  if (listeners.size === 0) window.addEventListener('storage', onStorage)
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
    if (listeners.size === 0) window.removeEventListener('storage', onStorage)
  }
}

/** Stores `book`; false when the browser refused (storage full or off). */
function write(key: string, book: Book): boolean {
  const raw = JSON.stringify(book)
  try {
    localStorage.setItem(key, raw)
  } catch {
    return false
  }
  cache.set(key, { raw, book })
  notify()
  return true
}

const copyOf = (book: Book) => Object.assign(newBook(), book)

const withEntry = (book: Book, id: string, entry: BookEntry | undefined): Book => {
  const next = copyOf(book)
  if (entry) next[id] = entry
  else Reflect.deleteProperty(next, id)
  return next
}

/** A name as kept: trimmed, whitespace runs made one space (a pasted name keeps no tabs). */
export const cleanName = (name: string) => name.trim().replace(/\s+/g, ' ')

/**
 * The user names a project, or with an empty name forgets it. False when the browser did not
 * save it, or the name is longer than NAME_MAX.
 */
export function nameProject(key: string, id: string, name: string, now = new Date()): boolean {
  const clean = cleanName(name)
  if (clean.length > NAME_MAX) return false
  const book = readBook(key)
  const pid = id.toLowerCase()
  return write(
    key,
    withEntry(
      book,
      pid,
      clean === '' ? undefined : { name: clean, source: 'you', updated: now.toISOString() },
    ),
  )
}

/**
 * Remembers a name Keystone gave. A name the user typed is theirs and stays; an imported one
 * gives way; the same name again changes nothing (so a label showing it writes nothing).
 */
export function noteKeystoneName(key: string, id: string, name: string, now = new Date()) {
  const book = readBook(key)
  const pid = id.toLowerCase()
  const had = entryOf(book, pid)
  if (had?.source === 'you' || had?.name === name || name === '') return
  if (had === undefined && Object.keys(book).length >= BOOK_MAX) return
  write(key, withEntry(book, pid, { name, source: 'keystone', updated: now.toISOString() }))
}

/** What a file says of a project; where the name came from is not taken from it. */
export type ImportedEntry = { id: string; name: string; updated: string }

/** A name of the user's own that an import replaced. */
export type ReplacedName = { id: string; was: string; now: string }

export type MergeResult = {
  added: number
  updated: number
  unchanged: number
  /** Of `updated`, the names the user had given, for the import to say which. */
  replacedYours: ReplacedName[]
  /** New IDs left out: the book was full (BOOK_MAX). */
  notImported: number
  saved: boolean
}

/** A file's time, never later than now: a future one would keep its name first in every export. */
function notAfter(updated: string, now: Date) {
  const at = Date.parse(updated)
  return Number.isNaN(at) || at > now.getTime() ? now.toISOString() : new Date(at).toISOString()
}

/**
 * Adds a file's entries to the book, marked as imported: a new name replaces the one kept for the
 * same ID (and the result says so when that name was the user's own), and new IDs stop at
 * BOOK_MAX for the whole book.
 */
export function mergeEntries(
  key: string,
  entries: readonly ImportedEntry[],
  now = new Date(),
): MergeResult {
  const next = copyOf(readBook(key))
  let size = Object.keys(next).length
  const result = { added: 0, updated: 0, unchanged: 0, notImported: 0 }
  const replacedYours: ReplacedName[] = []
  for (const { id, name, updated } of entries) {
    const pid = id.toLowerCase()
    const had = entryOf(next, pid)
    if (had?.name === name) {
      result.unchanged++
      continue
    }
    if (had === undefined && size >= BOOK_MAX) {
      result.notImported++
      continue
    }
    if (had === undefined) {
      result.added++
      size++
    } else {
      result.updated++
      if (had.source === 'you') replacedYours.push({ id: pid, was: had.name, now: name })
    }
    next[pid] = { name, source: 'file', updated: notAfter(updated, now) }
  }
  const counts = { ...result, replacedYours }
  if (result.added + result.updated === 0) return { ...counts, saved: true }
  return { ...counts, saved: write(key, next) }
}
