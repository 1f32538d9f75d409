import { http, HttpResponse } from 'msw'
import { server } from '~mocks/node'
import { control } from '~mocks/test-helpers'
import { initRuntime } from '~/config/runtime'
import { listImages } from '~/api/glance'
import { ApiError } from '~/api/http'
import { ALL_REGIONS, glanceTarget, viewRegions, type Session } from '~/api/scope'
import {
  getSessionState,
  isExpired,
  joinOtherTabs,
  listProjects,
  reloadSessionFromStorage,
  setRegion,
  signIn,
  signInAsAnotherUser,
  signOut,
  startTabSync,
  stopTabSync,
  switchProject,
} from './session'
import { createTabSync, type TabSync } from './tab-sync'

beforeEach(() => {
  initRuntime({ mode: 'demo', defaultDomain: 'Default' })
  reloadSessionFromStorage()
})

const alice = { username: 'alice', password: 'alice-demo', domain: 'Default' }
const carol = { username: 'carol', password: 'carol-demo', domain: 'Default' }
const alice_ = alice

describe('sign-in', () => {
  it('scopes at once to the only project of a user who names none', async () => {
    const s = await signIn(alice)
    expect(s.project?.name).toBe('producer')
    expect(s.roles).toContain('member')
    expect(s.catalog.some((e) => e.type === 'image')).toBe(true)
    expect(s.region).toBe('RegionOne')
    // Kept for a reload of this tab, and nowhere else.
    expect(JSON.parse(sessionStorage.getItem('isp-session') ?? '{}')).toMatchObject({
      token: s.token,
    })
    expect(localStorage.getItem('isp-session')).toBeNull()
  })

  it('leaves a user with several projects unscoped, to choose', async () => {
    const s = await signIn(carol)
    expect(s.project).toBeNull()
    expect(s.catalog).toEqual([])
  })

  it('tells a wrong password from a project the user may not use', async () => {
    await expect(signIn({ ...alice, password: 'nope' })).rejects.toThrow(
      'The user name, password or domain is not right, or the account is disabled.',
    )
    await expect(signIn({ ...alice, project: 'consumer-a' })).rejects.toThrow(
      /no access to a project named “consumer-a”/,
    )
  })
})

describe('a reload of the tab', () => {
  it('keeps the session: a fresh copy of the module reads it from sessionStorage', async () => {
    const s = await signIn(alice)
    vi.resetModules()
    const reloaded = await import('./session')
    expect(reloaded.getSessionState()).toEqual({ session: s, reason: undefined, tabs: 'done' })
  })

  it('a tab that never had a session is to ask the other tabs', async () => {
    vi.resetModules()
    const reloaded = await import('./session')
    expect(reloaded.getSessionState()).toEqual({
      session: null,
      reason: undefined,
      tabs: 'unasked',
    })
  })
})

describe('sign-in faults', () => {
  it('says Keystone is unreachable when the network fails', async () => {
    server.use(http.post('*/demo-cloud/identity/v3/auth/tokens', () => HttpResponse.error()))
    await expect(signIn(alice)).rejects.toThrow(
      'Could not reach the Identity service (Keystone) at /demo-cloud/identity/v3/auth/tokens. Check your network connection and try again; if it goes on, ask your cloud operator whether Keystone is up.',
    )
    expect(getSessionState().session).toBeNull()
  })

  it('names Keystone and what to try when it answers 503', async () => {
    await control('settings', { failNext: { status: 503, service: 'identity' } })
    await expect(signIn(alice)).rejects.toThrow(
      'The Identity service (Keystone) failed (503 Service Unavailable). Try again in a moment; if it goes on, ask your cloud operator to check it. Keystone said: Service Unavailable',
    )
    expect(getSessionState().session).toBeNull()
    // The plan was for one request: the next sign-in goes through.
    await expect(signIn(alice)).resolves.toMatchObject({ user: { name: 'alice' } })
  })
})

describe('re-scope', () => {
  it('switches project with a new token and keeps the chosen region', async () => {
    const first = await signIn({ ...carol, project: 'producer' })
    setRegion('RegionTwo')
    const projects = await listProjects()
    const consumerB = projects.find((p) => p.name === 'consumer-b')
    expect(consumerB).toBeDefined()
    const next = await switchProject(consumerB?.id ?? '')
    expect(next.project?.name).toBe('consumer-b')
    expect(next.token).not.toBe(first.token)
    expect(next.region).toBe('RegionTwo')
  })

  it('starts a new sign-in in the user’s last region choice, whether or not it names a project', async () => {
    expect((await signIn(alice)).region).toBe('RegionOne')
    setRegion('RegionTwo')
    await signOut()
    expect((await signIn(alice)).region).toBe('RegionTwo')
    // carol names no project and has two: she chooses one, and starts where alice would.
    const unscoped = await signIn(carol)
    expect(unscoped.project).toBeNull()
    const producer = (await listProjects()).find((p) => p.name === 'producer')
    expect((await switchProject(producer?.id ?? '')).region).toBe('RegionOne')
    setRegion(ALL_REGIONS)
    await signOut()
    await signIn(carol)
    expect((await switchProject(producer?.id ?? '')).region).toBe(ALL_REGIONS)
  })

  it('spans every region with "All regions"', async () => {
    const s = await signIn(alice)
    expect(viewRegions(s)).toEqual(['RegionOne'])
    setRegion(ALL_REGIONS)
    const all = getSessionState().session
    expect(all && viewRegions(all)).toEqual(['RegionOne', 'RegionTwo'])
  })
})

describe('expiry', () => {
  it('knows an expired session', () => {
    const s = { expiresAt: '2026-01-01T00:00:00.000000Z' } as Parameters<typeof isExpired>[0]
    expect(isExpired(s, Date.parse('2026-01-01T00:00:01Z'))).toBe(true)
    expect(isExpired(s, Date.parse('2025-12-31T23:59:59Z'))).toBe(false)
  })

  it('ends the session when Glance answers 401, saying it expired', async () => {
    const s = await signIn(alice)
    await fetch('http://localhost/demo-cloud/_control/expire-tokens', { method: 'POST' })
    const error = await listImages(glanceTarget(s, 'RegionOne'), {}).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).status).toBe(401)
    expect(getSessionState()).toEqual({ session: null, reason: 'expired', tabs: 'done' })
    expect(sessionStorage.getItem('isp-session')).toBeNull()
    // A reload of the tab still knows why it was signed out.
    reloadSessionFromStorage()
    expect(getSessionState()).toEqual({ session: null, reason: 'expired', tabs: 'done' })
  })

  it('revokes the token on sign-out', async () => {
    const s = await signIn(alice)
    await signOut()
    expect(getSessionState().reason).toBe('signed-out')
    const error = await listImages(glanceTarget(s, 'RegionOne'), {}).catch((e: unknown) => e)
    expect((error as ApiError).status).toBe(401)
  })
})

describe('other tabs of the browser', () => {
  let name = ''
  let other: { session: Session | null; ended: string[]; sync: TabSync<Session> }

  /** Another tab of the panel: the protocol module with a session of its own. */
  function otherTab(session: Session | null) {
    const t = { session, ended: [] as string[], sync: undefined as unknown as TabSync<Session> }
    t.sync = createTabSync<Session>(
      new BroadcastChannel(name),
      {
        offerable: () => t.session,
        heldToken: () => t.session?.token,
        parse: (v) => v as Session,
        onEnded: (reason) => {
          t.ended.push(reason)
          t.session = null
        },
        onReplaced: (s) => {
          t.session = s
        },
      },
      { waitMs: 60 },
    )
    return t
  }
  const settle = () => new Promise((r) => setTimeout(r, 30))
  /** Whether Glance still takes the token. */
  const works = async (s: Session) => {
    try {
      await listImages(glanceTarget(s, 'RegionOne'), {})
      return true
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return false
      throw e
    }
  }
  /** This tab as a new tab: nothing in its sessionStorage. */
  const freshTab = () => {
    sessionStorage.clear()
    reloadSessionFromStorage()
  }

  beforeEach(() => {
    name = `isp-session-test-${Math.random()}`
    startTabSync(new BroadcastChannel(name), { waitMs: 60 })
  })
  afterEach(() => {
    stopTabSync()
    other?.sync.close()
  })

  it('a new tab adopts the session of an open tab, into its own sessionStorage only', async () => {
    const alice = await signIn(alice_)
    freshTab()
    other = otherTab(alice)
    expect(getSessionState()).toMatchObject({ session: null, tabs: 'unasked' })
    const joined = joinOtherTabs()
    expect(getSessionState().tabs).toBe('asking')
    await joined
    expect(getSessionState()).toEqual({ session: alice, reason: undefined, tabs: 'done' })
    expect(JSON.parse(sessionStorage.getItem('isp-session') ?? '{}')).toEqual(alice)
    expect(localStorage.getItem('isp-session')).toBeNull()
  })

  it('goes to sign-in when no tab answers', async () => {
    freshTab()
    other = otherTab(null)
    await joinOtherTabs()
    expect(getSessionState()).toEqual({ session: null, reason: undefined, tabs: 'done' })
  })

  it('does not ask after a sign-out: a signed-out tab stays signed out', async () => {
    const alice = await signIn(alice_)
    other = otherTab(alice)
    await signOut()
    other.session = await signIn(alice_)
    await signOut()
    expect(getSessionState().tabs).toBe('done')
    await joinOtherTabs()
    expect(getSessionState().session).toBeNull()
  })

  it('sign-out ends the session in the tabs sharing the token, and revokes it', async () => {
    const alice = await signIn(alice_)
    other = otherTab(alice)
    const result = await signOut()
    expect(result).toEqual({ revoked: true })
    await settle()
    expect(other.ended).toEqual(['signed-out'])
    expect(await works(alice)).toBe(false)
  })

  it('a sign-out whose revocation fails says the token stays valid until it expires', async () => {
    const alice = await signIn(alice_)
    server.use(http.delete('*/demo-cloud/identity/v3/auth/tokens', () => HttpResponse.error()))
    expect(await signOut()).toEqual({ revoked: false, expiresAt: alice.expiresAt })
  })

  it("another tab's sign-out or expiry of the same token ends it here", async () => {
    const alice = await signIn(alice_)
    other = otherTab(alice)
    other.sync.announceEnded(alice.token, 'signed-out')
    await settle()
    expect(getSessionState()).toMatchObject({ session: null, reason: 'signed-out' })

    const again = await signIn(alice_)
    other.sync.announceEnded(again.token, 'expired')
    await settle()
    expect(getSessionState()).toMatchObject({ session: null, reason: 'expired' })
  })

  it("another user's sign-out elsewhere leaves this tab alone", async () => {
    const bob = await signIn({ username: 'bob', password: 'bob-demo', domain: 'Default' })
    const alice = await signIn(alice_)
    other = otherTab(bob)
    other.sync.announceEnded(bob.token, 'signed-out')
    await settle()
    expect(getSessionState().session).toEqual(alice)
  })

  it('a 401 here ends the token in the tabs sharing it', async () => {
    const alice = await signIn(alice_)
    other = otherTab(alice)
    await fetch('http://localhost/demo-cloud/_control/expire-tokens', { method: 'POST' })
    await listImages(glanceTarget(alice, 'RegionOne'), {}).catch(() => {})
    await settle()
    expect(getSessionState().reason).toBe('expired')
    expect(other.ended).toEqual(['expired'])
  })

  it('switching project revokes the old token, and the tabs sharing it follow', async () => {
    const first = await signIn({ ...carol, project: 'producer' })
    other = otherTab(first)
    const consumerB = (await listProjects()).find((p) => p.name === 'consumer-b')
    const next = await switchProject(consumerB?.id ?? '')
    await settle()
    expect(other.session).toEqual(next)
    await vi.waitFor(async () => expect(await works(first)).toBe(false))
    // The old token's 401 came after the switch: it ends nothing.
    expect(getSessionState().session).toEqual(next)
    expect(await works(next)).toBe(true)
  })

  it('"Sign in as another user" leaves the other tabs signed in', async () => {
    const alice = await signIn(alice_)
    other = otherTab(alice)
    await signInAsAnotherUser()
    expect(getSessionState()).toEqual({ session: null, reason: 'switched-user', tabs: 'done' })
    expect(other.ended).toEqual([])
    // Another tab still holds the token: it is not revoked.
    expect(await works(alice)).toBe(true)
  })

  it('"Sign in as another user" revokes the token when no other tab holds it', async () => {
    const alice = await signIn(alice_)
    other = otherTab(null)
    await signInAsAnotherUser()
    expect(await works(alice)).toBe(false)
  })

  it('revokes the unscoped token of the first sign-in once the scoped one is issued', async () => {
    const revoked: string[] = []
    const onRequest = ({ request }: { request: Request }) => {
      if (request.method === 'DELETE') revoked.push(request.headers.get('X-Subject-Token') ?? '')
    }
    server.events.on('request:start', onRequest)
    try {
      const alice = await signIn(alice_)
      await vi.waitFor(() => expect(revoked).toHaveLength(1))
      expect(revoked[0]).not.toBe(alice.token)
      expect(await works(alice)).toBe(true)
    } finally {
      server.events.removeListener('request:start', onRequest)
    }
  })
})
