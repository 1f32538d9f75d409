import {
  BOOK_MAX,
  bookKey,
  entryOf,
  mergeEntries,
  NAME_MAX,
  nameProject,
  noteKeystoneName,
  readBook,
  subscribeBook,
} from './address-book'
import { bookFileText, parseBookFile } from './address-book-file'

const A = 'a'.repeat(32)
const B = 'b'.repeat(32)
const C = 'c'.repeat(32)
const key = bookKey('https://keystone.example/v3', 'user-1')
const at = new Date('2026-05-01T10:00:00Z')

beforeEach(() => {
  localStorage.clear()
})

test('a name typed is kept per Keystone and user, tidied, and an empty one forgets it', () => {
  expect(nameProject(key, A.toUpperCase(), '  build   farm ', at)).toBe(true)
  expect(readBook(key)).toEqual({
    [A]: { name: 'build farm', source: 'you', updated: '2026-05-01T10:00:00.000Z' },
  })
  // Another user, or the same user ID in another cloud, has a book of their own.
  expect(readBook(bookKey('https://keystone.example/v3', 'user-2'))).toEqual({})
  expect(readBook(bookKey('https://other.example/v3', 'user-1'))).toEqual({})
  expect(nameProject(key, A, '')).toBe(true)
  expect(readBook(key)).toEqual({})
})

test('a name longer than NAME_MAX is refused and nothing changes', () => {
  nameProject(key, A, 'short')
  expect(nameProject(key, A, 'x'.repeat(NAME_MAX + 1))).toBe(false)
  expect(readBook(key)[A]?.name).toBe('short')
})

test('a name Keystone gave is remembered, follows a rename, and never replaces a name typed', () => {
  noteKeystoneName(key, A, 'ci-prod', at)
  expect(readBook(key)[A]).toEqual({
    name: 'ci-prod',
    source: 'keystone',
    updated: at.toISOString(),
  })
  noteKeystoneName(key, A, 'ci-prod-2')
  expect(readBook(key)[A]?.name).toBe('ci-prod-2')
  nameProject(key, B, 'my label')
  noteKeystoneName(key, B, 'their-name')
  expect(readBook(key)[B]).toMatchObject({ name: 'my label', source: 'you' })
})

test('readBook gives the same object until a change, and subscribers hear every change', () => {
  const heard = vi.fn()
  const stop = subscribeBook(heard)
  nameProject(key, A, 'one')
  const first = readBook(key)
  // The same name seen again writes nothing: labels do not re-render for it.
  noteKeystoneName(key, A, 'one')
  expect(readBook(key)).toBe(first)
  expect(heard).toHaveBeenCalledTimes(1)
  stop()
})

test('a change made in another tab is read, and announced by the storage event', () => {
  const heard = vi.fn()
  const stop = subscribeBook(heard)
  nameProject(key, A, 'here')
  const other = JSON.stringify({ [A]: { name: 'there', source: 'you', updated: at.toISOString() } })
  localStorage.setItem(key, other)
  window.dispatchEvent(new StorageEvent('storage', { key, newValue: other }))
  expect(heard).toHaveBeenCalledTimes(2)
  expect(readBook(key)[A]?.name).toBe('there')
  // Another store's key is none of the book's business.
  window.dispatchEvent(new StorageEvent('storage', { key: 'isp-theme' }))
  expect(heard).toHaveBeenCalledTimes(2)
  stop()
})

test('a damaged entry is dropped, not the whole book', () => {
  localStorage.setItem(
    key,
    JSON.stringify({
      [A]: { name: 'fine', source: 'you', updated: at.toISOString() },
      [B]: { name: 42 },
    }),
  )
  expect(Object.keys(readBook(key))).toEqual([A])
  localStorage.setItem(key, '{not json')
  expect(readBook(key)).toEqual({})
})

test('merging counts what was added, updated and already known', () => {
  nameProject(key, A, 'same')
  noteKeystoneName(key, B, 'old')
  const result = mergeEntries(key, [
    { id: A, name: 'same', updated: at.toISOString() },
    { id: B, name: 'new', updated: at.toISOString() },
    { id: C, name: 'third', updated: at.toISOString() },
  ])
  expect(result).toEqual({
    added: 1,
    updated: 1,
    unchanged: 1,
    replacedYours: [],
    notImported: 0,
    saved: true,
  })
  expect(readBook(key)[B]?.name).toBe('new')
  // A name already known keeps where it came from.
  expect(readBook(key)[A]?.source).toBe('you')
})

test('an imported name is marked imported, whatever the file claims, and dated no later than now', () => {
  const now = new Date('2026-05-02T00:00:00Z')
  const text = JSON.stringify({
    format: 'image-sharing-panel/project-names',
    version: 1,
    projects: [
      { id: A, name: 'prod', source: 'keystone', updated: '2099-01-01T00:00:00Z' },
      { id: B, name: 'ci', source: 'you', updated: at.toISOString() },
    ],
  })
  const parsed = parseBookFile(text)
  if (!parsed.ok) throw new Error(parsed.reason)
  mergeEntries(key, parsed.entries, now)
  expect(readBook(key)).toEqual({
    [A]: { name: 'prod', source: 'file', updated: now.toISOString() },
    [B]: { name: 'ci', source: 'file', updated: at.toISOString() },
  })
  // Keystone's own name, when the panel reads it, takes the place of an imported one.
  noteKeystoneName(key, A, 'prod-real')
  expect(readBook(key)[A]).toMatchObject({ name: 'prod-real', source: 'keystone' })
})

test("merging says which of the user's own names it replaced", () => {
  nameProject(key, A, 'build farm')
  nameProject(key, B, 'kept')
  noteKeystoneName(key, C, 'seen')
  const result = mergeEntries(key, [
    { id: A, name: 'ci farm', updated: at.toISOString() },
    { id: B, name: 'kept', updated: at.toISOString() },
    { id: C, name: 'other', updated: at.toISOString() },
  ])
  expect(result.updated).toBe(2)
  expect(result.replacedYours).toEqual([{ id: A, was: 'build farm', now: 'ci farm' }])
})

test('merging stops at BOOK_MAX for the whole book and says how many it left out', () => {
  const hex = (n: number) => n.toString(16).padStart(32, '0')
  const full = Array.from({ length: BOOK_MAX - 2 }, (_, n) => [
    hex(n),
    { name: `p${String(n)}`, source: 'keystone', updated: at.toISOString() },
  ])
  localStorage.setItem(key, JSON.stringify(Object.fromEntries(full)))
  const result = mergeEntries(key, [
    // A name for an ID already kept is still taken: it does not grow the book.
    { id: hex(0), name: 'renamed', updated: at.toISOString() },
    ...[1, 2, 3, 4, 5].map((n) => ({
      id: hex(BOOK_MAX + n),
      name: 'new',
      updated: at.toISOString(),
    })),
  ])
  expect(result).toMatchObject({ added: 2, updated: 1, notImported: 3, saved: true })
  expect(Object.keys(readBook(key))).toHaveLength(BOOK_MAX)
  expect(readBook(key)[hex(0)]?.name).toBe('renamed')
})

test.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
  'an ID named like a member of every object, %s, has no name until given one',
  (id) => {
    expect(entryOf(readBook(key), id)).toBeUndefined()
    nameProject(key, A, 'a')
    expect(entryOf(readBook(key), id)).toBeUndefined()
    // Glance takes any text as a member ID, so the user may name this one too.
    expect(nameProject(key, id, 'odd one')).toBe(true)
    expect(entryOf(readBook(key), id)?.name).toBe('odd one')
    expect(entryOf(readBook(key), A)?.name).toBe('a')
    // Read back from storage, as another tab would (other text: not the cached book).
    const raw = localStorage.getItem(key) ?? ''
    localStorage.setItem(key, JSON.stringify(JSON.parse(raw), null, 1))
    expect(entryOf(readBook(key), id)?.name).toBe('odd one')
    expect(entryOf(readBook(key), A)?.name).toBe('a')
    noteKeystoneName(key, id, 'from keystone')
    expect(entryOf(readBook(key), id)?.name).toBe('odd one')
  },
)

test('a file exported is read back whole', () => {
  nameProject(key, A, 'build-farm', at)
  noteKeystoneName(key, B, 'ci', at)
  const text = bookFileText(readBook(key), at)
  expect(JSON.parse(text)).toMatchObject({
    format: 'image-sharing-panel/project-names',
    version: 1,
    exported_at: at.toISOString(),
  })
  const parsed = parseBookFile(text)
  expect(parsed).toEqual({
    ok: true,
    entries: expect.arrayContaining([
      { id: A, name: 'build-farm', updated: at.toISOString() },
      { id: B, name: 'ci', updated: at.toISOString() },
    ]) as unknown,
  })
})

test('a hand-written file needs only IDs and names', () => {
  const text = JSON.stringify({
    format: 'image-sharing-panel/project-names',
    version: 1,
    projects: [{ id: A.toUpperCase(), name: ' team a ' }],
  })
  expect(parseBookFile(text, at)).toEqual({
    ok: true,
    entries: [{ id: A, name: 'team a', updated: at.toISOString() }],
  })
})

test.each([
  ['not JSON', '{', 'it is not JSON'],
  ['another file', '{"images": []}', 'it is not a list of project names'],
  [
    'another format',
    '{"format": "x", "version": 1, "projects": []}',
    'it does not say "format": "image-sharing-panel/project-names"',
  ],
  [
    'a bad ID',
    JSON.stringify({
      format: 'image-sharing-panel/project-names',
      version: 1,
      projects: [
        { id: A, name: 'ok' },
        { id: 'build-farm', name: 'oops' },
      ],
    }),
    'project 2: the project ID is not 32 hexadecimal digits',
  ],
  [
    'an empty name',
    JSON.stringify({
      format: 'image-sharing-panel/project-names',
      version: 1,
      projects: [{ id: A, name: '  ' }],
    }),
    'project 1: the name is empty',
  ],
])('a file with %s is refused with its reason', (_, text, reason) => {
  expect(parseBookFile(text)).toEqual({ ok: false, reason })
})
