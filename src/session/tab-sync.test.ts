import { createTabSync, tokenId, type EndReason, type TabSync } from './tab-sync'

type S = { token: string; user: string }

/** One tab of the protocol: its own channel object on the shared name, and its own session. */
function tab(name: string, session: S | null, waitMs = 60) {
  const channel = new BroadcastChannel(name)
  const seen: { ended: EndReason[]; replaced: S[] } = { ended: [], replaced: [] }
  const t = {
    session,
    seen,
    sync: undefined as unknown as TabSync<S>,
  }
  t.sync = createTabSync<S>(
    channel,
    {
      offerable: () => t.session,
      heldToken: () => t.session?.token,
      parse: (v) =>
        typeof v === 'object' && v !== null && 'token' in v && typeof v.token === 'string'
          ? (v as S)
          : null,
      onEnded: (reason) => {
        seen.ended.push(reason)
        t.session = null
      },
      onReplaced: (s) => {
        seen.replaced.push(s)
        t.session = s
      },
    },
    { waitMs },
  )
  return t
}

let channelName = ''
const open: { sync: TabSync<S> }[] = []
const make = (session: S | null) => {
  const t = tab(channelName, session)
  open.push(t)
  return t
}
/** Lets the other channel objects receive what was posted (delivery is asynchronous). */
const settle = () => new Promise((r) => setTimeout(r, 30))

beforeEach(() => {
  channelName = `isp-test-${Math.random()}`
})
afterEach(() => {
  for (const t of open.splice(0)) t.sync.close()
})

describe('the tab protocol', () => {
  it('gives a new tab the session of an open tab', async () => {
    make({ token: 'alice-token', user: 'alice' })
    const fresh = make(null)
    expect(await fresh.sync.ask()).toEqual({ token: 'alice-token', user: 'alice' })
  })

  it('answers nothing when no tab has a session', async () => {
    make(null)
    const fresh = make(null)
    expect(await fresh.sync.ask()).toBeNull()
  })

  it("takes the most recently used tab's session when several answer", async () => {
    const alice = make({ token: 'alice-token', user: 'alice' })
    const bob = make({ token: 'bob-token', user: 'bob' })
    await new Promise((r) => setTimeout(r, 5))
    bob.sync.touch()
    expect((await make(null).sync.ask())?.user).toBe('bob')
    await new Promise((r) => setTimeout(r, 5))
    alice.sync.touch()
    expect((await make(null).sync.ask())?.user).toBe('alice')
  })

  it('ends the session in the tabs that hold the same token, and only there', async () => {
    const a1 = make({ token: 'alice-token', user: 'alice' })
    const a2 = make({ token: 'alice-token', user: 'alice' })
    const bob = make({ token: 'bob-token', user: 'bob' })
    a1.sync.announceEnded('alice-token', 'signed-out')
    await settle()
    expect(a2.seen.ended).toEqual(['signed-out'])
    expect(a2.session).toBeNull()
    expect(bob.seen.ended).toEqual([])
    expect(bob.session?.user).toBe('bob')
    // The sender is not told its own news.
    expect(a1.seen.ended).toEqual([])
  })

  it('moves the tabs of a replaced token to the new session', async () => {
    const a1 = make({ token: 'old', user: 'carol' })
    const a2 = make({ token: 'old', user: 'carol' })
    const other = make({ token: 'another', user: 'carol' })
    a1.sync.announceReplaced('old', { token: 'new', user: 'carol' })
    await settle()
    expect(a2.session).toEqual({ token: 'new', user: 'carol' })
    expect(other.seen.replaced).toEqual([])
  })

  it('tells whether another tab still holds a token', async () => {
    const a1 = make({ token: 'alice-token', user: 'alice' })
    make({ token: 'alice-token', user: 'alice' })
    make({ token: 'bob-token', user: 'bob' })
    expect(await a1.sync.anyoneHolds('alice-token')).toBe(true)
    expect(await a1.sync.anyoneHolds('carol-token')).toBe(false)
  })

  it('names tokens by a hash in every message but the session hand-overs', async () => {
    const spy = new BroadcastChannel(channelName)
    const messages: unknown[] = []
    spy.onmessage = (e: MessageEvent) => messages.push(e.data)
    try {
      const a = make({ token: 'secret-token-value', user: 'alice' })
      a.sync.announceEnded('secret-token-value', 'expired')
      void a.sync.anyoneHolds('secret-token-value')
      await settle()
      expect(messages).toHaveLength(2)
      expect(JSON.stringify(messages)).not.toContain('secret-token-value')
      expect(messages[0]).toEqual({
        type: 'ended',
        tokenId: tokenId('secret-token-value'),
        reason: 'expired',
      })
    } finally {
      spy.close()
    }
  })

  it('ignores what is not a message of the protocol', async () => {
    const a = make({ token: 'alice-token', user: 'alice' })
    const stray = new BroadcastChannel(channelName)
    stray.postMessage('hello')
    stray.postMessage({ type: 'replaced', tokenId: tokenId('alice-token'), session: { nope: 1 } })
    await settle()
    stray.close()
    expect(a.session?.token).toBe('alice-token')
  })
})

describe('tokenId', () => {
  it('is stable, and differs between tokens', () => {
    expect(tokenId('abc')).toBe(tokenId('abc'))
    expect(tokenId('abc')).not.toBe(tokenId('abd'))
    expect(tokenId('abc')).toMatch(/^[0-9a-f]+$/)
  })
})
