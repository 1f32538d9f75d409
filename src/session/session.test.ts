import { http, HttpResponse } from 'msw'
import { server } from '~mocks/node'
import { control } from '~mocks/test-helpers'
import { initRuntime } from '~/config/runtime'
import { listImages } from '~/api/glance'
import { ApiError } from '~/api/http'
import { ALL_REGIONS, glanceTarget, viewRegions } from '~/api/scope'
import { SESSION_HEADER } from '~/api/session-flow'
import {
  expireSession,
  getSessionState,
  isExpired,
  listProjects,
  loadSession,
  refreshSession,
  resetSessionState,
  setRegion,
  signIn,
  signOut,
  switchProject,
} from './session'
import { createSessionBroadcast, type ChannelLike } from './tab-sync'

beforeEach(() => {
  initRuntime({ mode: 'demo', defaultDomain: 'Default' })
  resetSessionState()
})

const alice = { username: 'alice', password: 'alice-demo', domain: 'Default' }
const carol = { username: 'carol', password: 'carol-demo', domain: 'Default' }

/** The demo's Keystone tokens are Fernet-like: url-safe base64 behind `gAAAAA`. */
const TOKEN = /gAAAAA[\w-]{20,}/

/** Every header the tab sent, request by request, while `run` ran. */
async function headersSentDuring(run: () => Promise<unknown>) {
  const sent: { url: string; headers: Record<string, string> }[] = []
  const listener = ({ request }: { request: Request }) => {
    sent.push({ url: request.url, headers: Object.fromEntries(request.headers.entries()) })
  }
  server.events.on('request:start', listener)
  try {
    await run()
  } finally {
    server.events.removeListener('request:start', listener)
  }
  return sent
}

/** A tab opened now: a fresh store, signed in by whatever the browser's session is. */
async function newTab() {
  resetSessionState()
  await loadSession()
  return getSessionState()
}

describe('sign-in', () => {
  it('scopes at once to the only project of a user who names none', async () => {
    const s = await signIn(alice)
    expect(s.project?.name).toBe('producer')
    expect(s.roles).toContain('member')
    expect(s.catalog.some((e) => e.type === 'image')).toBe(true)
    expect(s.region).toBe('RegionOne')
  })

  it('never hands the page a token: not in the session, not in storage', async () => {
    const s = await signIn(alice)
    expect(JSON.stringify(s)).not.toMatch(TOKEN)
    const stored = [
      ...Object.keys(sessionStorage).map((k) => sessionStorage.getItem(k)),
      ...Object.keys(localStorage).map((k) => localStorage.getItem(k)),
    ].join('\n')
    expect(stored).not.toMatch(TOKEN)
  })

  it('sends the session, never a token, on every request of the page', async () => {
    const s = await signIn(alice)
    const sent = await headersSentDuring(async () => {
      await listImages(glanceTarget(s, 'RegionOne'), {})
      await listProjects()
    })
    // The page's own requests; the demo's server adds the token behind them.
    const page = sent.filter((r) => new URL(r.url).pathname.startsWith('/proxy/'))
    expect(page.map((r) => new URL(r.url).pathname)).toEqual([
      '/proxy/image/RegionOne/v2/images',
      '/proxy/identity/v3/auth/projects',
    ])
    for (const r of page) {
      expect(r.headers[SESSION_HEADER.toLowerCase()]).toBe(s.id)
      expect(r.headers['x-auth-token']).toBeUndefined()
    }
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

  it('says Keystone is unreachable when the server cannot reach it', async () => {
    await control('settings', { failNext: { status: 0, service: 'identity' } })
    await expect(signIn(alice)).rejects.toThrow(
      "The panel's server could not reach the Identity service (Keystone). Try again in a moment; if it goes on, ask your cloud operator whether Keystone is up.",
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

  it("says the panel's server is not answering when the page cannot reach it", async () => {
    server.use(http.post('*/session', () => HttpResponse.error()))
    await expect(signIn(alice)).rejects.toThrow(
      /^Could not reach the panel's server at \/session\./,
    )
  })
})

describe('a new tab, a reload', () => {
  it('is signed in by the browser’s session alone, in the region last chosen', async () => {
    const s = await signIn(alice)
    await setRegion('RegionTwo')
    const tab = await newTab()
    expect(tab.session).toMatchObject({ id: s.id, user: { name: 'alice' }, region: 'RegionTwo' })
    expect(tab.loading).toBe(false)
  })

  it('is signed out when the browser has no session, and keeps why across a reload', async () => {
    expect(await newTab()).toMatchObject({ session: null, loading: false, reason: undefined })
    await signIn(alice)
    await signOut()
    expect(await newTab()).toMatchObject({ session: null, reason: 'signed-out' })
  })

  it("is signed out once Keystone no longer knows the session's token", async () => {
    await signIn(alice)
    await control('expire-tokens')
    // And says so: it is not a browser that never signed in.
    expect(await newTab()).toMatchObject({ session: null, reason: 'expired' })
  })
})

describe('re-scope', () => {
  it('switches project in a new session and keeps the chosen region', async () => {
    const first = await signIn({ ...carol, project: 'producer' })
    void setRegion('RegionTwo')
    const consumerB = (await listProjects()).find((p) => p.name === 'consumer-b')
    expect(consumerB).toBeDefined()
    const next = await switchProject(consumerB?.id ?? '')
    expect(next.project?.name).toBe('consumer-b')
    expect(next.id).not.toBe(first.id)
    expect(next.region).toBe('RegionTwo')
    // Requests still naming the old session are refused, not answered in the new project.
    const stale = await listImages(glanceTarget(first, 'RegionOne'), {}).catch((e: unknown) => e)
    expect((stale as ApiError).status).toBe(401)
    expect(getSessionState().session?.id).toBe(next.id)
  })

  it('starts a new sign-in in the user’s last region choice, whether or not it names a project', async () => {
    expect((await signIn(alice)).region).toBe('RegionOne')
    void setRegion('RegionTwo')
    await signOut()
    expect((await signIn(alice)).region).toBe('RegionTwo')
    // carol names no project and has two: she chooses one, and starts where alice would.
    expect((await signIn(carol)).project).toBeNull()
    const producer = (await listProjects()).find((p) => p.name === 'producer')
    expect((await switchProject(producer?.id ?? '')).region).toBe('RegionOne')
    void setRegion(ALL_REGIONS)
    await signOut()
    await signIn(carol)
    expect((await switchProject(producer?.id ?? '')).region).toBe(ALL_REGIONS)
  })

  it('spans every region with "All regions"', async () => {
    const s = await signIn(alice)
    expect(viewRegions(s)).toEqual(['RegionOne'])
    void setRegion(ALL_REGIONS)
    const all = getSessionState().session
    expect(all && viewRegions(all)).toEqual(['RegionOne', 'RegionTwo'])
  })
})

describe('expiry and sign-out', () => {
  it('knows an expired session', () => {
    const s = { expiresAt: '2026-01-01T00:00:00.000000Z' } as Parameters<typeof isExpired>[0]
    expect(isExpired(s, Date.parse('2026-01-01T00:00:01Z'))).toBe(true)
    expect(isExpired(s, Date.parse('2025-12-31T23:59:59Z'))).toBe(false)
  })

  it('ends the session when a request is refused and the server confirms it is gone', async () => {
    const s = await signIn(alice)
    await control('expire-tokens')
    const error = await listImages(glanceTarget(s, 'RegionOne'), {}).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).status).toBe(401)
    await vi.waitFor(() => expect(getSessionState().session).toBeNull())
    expect(getSessionState().reason).toBe('expired')
  })

  it('keeps the session when Glance refuses a request but the session is alive', async () => {
    const s = await signIn(alice)
    await control('settings', { failNext: { status: 401, path: '/v2/images' } })
    const error = await listImages(glanceTarget(s, 'RegionOne'), {}).catch((e: unknown) => e)
    expect((error as ApiError).status).toBe(401)
    await refreshSession()
    expect(getSessionState().session?.id).toBe(s.id)
  })

  it('sign-out revokes the token: the old session opens nothing any more', async () => {
    const s = await signIn(alice)
    expect(await signOut()).toEqual({ revoked: true })
    expect(getSessionState().reason).toBe('signed-out')
    const error = await listImages(glanceTarget(s, 'RegionOne'), {}).catch((e: unknown) => e)
    expect((error as ApiError).status).toBe(401)
  })

  it('a sign-out the server could not confirm says the token stays valid until it expires', async () => {
    const s = await signIn(alice)
    server.use(http.delete('*/session', () => HttpResponse.error()))
    expect(await signOut()).toEqual({ revoked: false, expiresAt: s.expiresAt })
  })

  it('the expiry time ends the session here, saying so', async () => {
    await signIn(alice)
    expireSession()
    expect(getSessionState()).toMatchObject({ session: null, reason: 'expired' })
  })
})

describe('other tabs of the browser', () => {
  /** Two ends of one channel: what one posts, the other hears. */
  function channelPair(): [ChannelLike, ChannelLike] {
    const a: ChannelLike = { postMessage: () => {}, onmessage: null, close: () => {} }
    const b: ChannelLike = { postMessage: () => {}, onmessage: null, close: () => {} }
    a.postMessage = (data) => b.onmessage?.(new MessageEvent('message', { data }))
    b.postMessage = (data) => a.onmessage?.(new MessageEvent('message', { data }))
    return [a, b]
  }

  it('hears only hints, and ignores anything else on the channel, sessions included', () => {
    const [mine, theirs] = channelPair()
    const heard: string[] = []
    createSessionBroadcast(mine, (h) => heard.push(h))
    const other = createSessionBroadcast(theirs, () => {})
    other.announce('signed-out')
    theirs.postMessage({ hint: 'take-over', session: { id: 'x', token: 'gAAAAAforged' } })
    theirs.postMessage('changed')
    expect(heard).toEqual(['signed-out'])
  })

  it("follows another tab's project switch, as the server says, keeping this tab's region", async () => {
    const mine = await signIn({ ...carol, project: 'producer' })
    void setRegion('RegionTwo')
    // Another tab of the browser switches: the same cookie, a new session.
    const consumerB = (await listProjects()).find((p) => p.name === 'consumer-b')
    const theirs = await switchProject(consumerB?.id ?? '')
    // This tab still shows the old one, until its next request is refused or a hint arrives.
    resetSessionState()
    await loadSession()
    expect(getSessionState().session?.id).toBe(theirs.id)
    await refreshSession('changed')
    expect(getSessionState().session).toMatchObject({
      id: theirs.id,
      project: { name: 'consumer-b' },
    })
    expect(mine.id).not.toBe(theirs.id)
  })

  it('a hint that the session ended is believed only once the server says so', async () => {
    const s = await signIn(alice)
    await refreshSession('signed-out')
    expect(getSessionState().session?.id).toBe(s.id)
    await signOut()
    resetSessionState()
    await loadSession()
    await refreshSession('signed-out')
    expect(getSessionState().reason).toBe('signed-out')
  })
})
