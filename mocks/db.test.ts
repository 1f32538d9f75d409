import { enableBrowserMode, read, resetDb, STORAGE_KEY, transact, type DbState } from '~mocks/db'

// Browser mode: one world in localStorage, re-read on every request, shared by every tab.
// (Vitest isolates modules per file, so the switch stays in this file.)

beforeAll(() => {
  enableBrowserMode()
})

test('changes are saved to localStorage and survive a "reload"', () => {
  transact((db) => {
    db.settings.image_member_quota = 7
  })
  const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as {
    settings: { image_member_quota: number }
  }
  expect(stored.settings.image_member_quota).toBe(7)
})

test('another tab’s write is seen on the next request', () => {
  transact(() => undefined)
  const raw = localStorage.getItem(STORAGE_KEY) ?? ''
  const other = JSON.parse(raw) as { settings: { policyMode: string } }
  other.settings.policyMode = 'legacy'
  // What the other tab's save does: the world, then a new revision.
  localStorage.setItem(STORAGE_KEY, JSON.stringify(other))
  localStorage.setItem(`${STORAGE_KEY}:revision`, 'from another tab')
  expect(transact((db) => db.settings.policyMode)).toBe('legacy')
  // Unchanged revision: the world is not parsed again (a write without one is not seen).
  localStorage.setItem(STORAGE_KEY, JSON.stringify({ ...other, settings: { policyMode: 'x' } }))
  expect(read((db) => db.settings.policyMode)).toBe('legacy')
})

test('a tab that only read never writes its copy over another tab’s newer world', () => {
  transact(() => undefined)
  expect(read((db) => db.settings.policyMode)).toBe('new-defaults')
  const other = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '') as DbState
  other.settings.policyMode = 'legacy'
  localStorage.setItem(STORAGE_KEY, JSON.stringify(other))
  localStorage.setItem(`${STORAGE_KEY}:revision`, 'newer, from another tab')
  // Leaving the page writes back only changes that wait (a bench world's), none here.
  dispatchEvent(new Event('pagehide'))
  expect((JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '') as DbState).settings.policyMode).toBe(
    'legacy',
  )
})

test('resetDb forgets the stored world; a corrupt entry falls back to the seed', () => {
  transact((db) => {
    db.settings.image_member_quota = 3
  })
  resetDb()
  expect(localStorage.getItem(STORAGE_KEY)).toBeNull()
  expect(transact((db) => db.settings.image_member_quota)).toBe(128)
  localStorage.setItem(STORAGE_KEY, '{not json')
  localStorage.setItem(`${STORAGE_KEY}:revision`, 'corrupt')
  expect(transact((db) => db.settings.image_member_quota)).toBe(128)
})

test('resetDb with keepTokens keeps sessions', () => {
  transact((db) => {
    db.tokens.t1 = {
      id: 't1',
      userId: 'u',
      projectId: null,
      methods: ['password'],
      issuedAt: '2026-01-01T00:00:00.000000Z',
      expiresAt: new Date(Date.now() + 60_000).toISOString(),
      auditIds: [],
    }
    db.settings.image_member_quota = 5
  })
  resetDb({ keepTokens: true })
  expect(transact((db) => [Object.keys(db.tokens), db.settings.image_member_quota])).toEqual([
    ['t1'],
    128,
  ])
})

test('the large world stays parsed in the tab, is written after a moment, and sees other tabs', () => {
  vi.useFakeTimers()
  try {
    resetDb({ seed: 'large' })
    const stored = () => JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as DbState
    expect(stored().seed).toBe('large')
    transact((db) => {
      db.settings.image_member_quota = 9
    })
    expect(transact((db) => db.settings.image_member_quota)).toBe(9)
    expect(stored().settings.image_member_quota).not.toBe(9)
    vi.advanceTimersByTime(6000)
    expect(stored().settings.image_member_quota).toBe(9)
    // Another tab writes the world and a new revision.
    const other = stored()
    other.settings.image_member_quota = 11
    localStorage.setItem(STORAGE_KEY, JSON.stringify(other))
    localStorage.setItem(`${STORAGE_KEY}:revision`, 'another tab')
    expect(transact((db) => db.settings.image_member_quota)).toBe(11)
    resetDb()
    expect(transact((db) => [db.seed, db.settings.image_member_quota])).toEqual([undefined, 128])
  } finally {
    vi.useRealTimers()
  }
  // Megabytes of JSON in jsdom's localStorage: slow on a busy machine.
}, 30_000)
