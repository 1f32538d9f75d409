import {
  bookKey,
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
  nameProject(key, B, 'old')
  const result = mergeEntries(key, [
    { id: A, name: 'same', source: 'you', updated: at.toISOString() },
    { id: B, name: 'new', source: 'you', updated: at.toISOString() },
    { id: C, name: 'third', source: 'keystone', updated: at.toISOString() },
  ])
  expect(result).toEqual({ added: 1, updated: 1, unchanged: 1, saved: true })
  expect(readBook(key)[B]?.name).toBe('new')
  expect(readBook(key)[C]?.source).toBe('keystone')
})

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
      { id: A, name: 'build-farm', source: 'you', updated: at.toISOString() },
      { id: B, name: 'ci', source: 'keystone', updated: at.toISOString() },
    ]) as unknown,
  })
})

test('a hand-written file needs only IDs and names; those names are the user’s', () => {
  const text = JSON.stringify({
    format: 'image-sharing-panel/project-names',
    version: 1,
    projects: [{ id: A.toUpperCase(), name: ' team a ' }],
  })
  expect(parseBookFile(text, at)).toEqual({
    ok: true,
    entries: [{ id: A, name: 'team a', source: 'you', updated: at.toISOString() }],
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
