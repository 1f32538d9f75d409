import type { FastifyInstance } from 'fastify'
import type { AddressInfo } from 'node:net'
import { buildApp } from './app.ts'
import { readServerConfig } from './config.ts'
import { parseSessionKeys, sessionSealer } from './session-keys.ts'
import { FAKE_PASSWORD, keystoneAndStaticDirForFile, logCapture } from './test-support.ts'

/**
 * The session routes and the cookie (docs/sessions.md) on the production app, against a loopback
 * Keystone: what the browser gets, what a foreign page can make the server do, several instances.
 */

const world = keystoneAndStaticDirForFile()
const key = (byte: string) => `${byte.repeat(43)}=`
const KEYS = `current:${key('C')}`

const started: FastifyInstance[] = []
afterEach(async () => {
  await Promise.all(started.splice(0).map((a) => a.close()))
})

async function instance(env: Record<string, string> = {}) {
  const log = logCapture()
  const config = readServerConfig({
    OS_AUTH_URL: world.keystone.url,
    PANEL_SESSION_KEYS: KEYS,
    ...env,
  })
  const app = await buildApp(config, { staticDir: world.stat.dir, logStream: log.stream })
  started.push(app)
  await app.listen({ host: '127.0.0.1', port: 0 })
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  return { app, base, log }
}

const credentials = {
  method: 'password',
  username: 'alice',
  password: FAKE_PASSWORD,
  domain: 'Default',
  project: 'producer',
}

function signIn(base: string, headers: Record<string, string> = {}) {
  return fetch(`${base}/session`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-Panel-Session': 'none',
      Origin: base,
      ...headers,
    },
    body: JSON.stringify(credentials),
  })
}

async function signedIn(base: string) {
  const r = await signIn(base)
  expect(r.status).toBe(201)
  const setCookie = r.headers.get('set-cookie') ?? ''
  const { session } = (await r.json()) as { session: { id: string } }
  return { cookie: setCookie.split(';')[0] ?? '', setCookie, sid: session.id }
}

const sessionOf = (base: string, cookie: string) =>
  fetch(`${base}/session`, { headers: { Cookie: cookie } })

const projectsOf = (base: string, cookie: string, sid: string) =>
  fetch(`${base}/proxy/identity/v3/auth/projects`, {
    headers: { Cookie: cookie, 'X-Panel-Session': sid },
  })

describe('what the browser gets', () => {
  it('an HttpOnly, SameSite=Strict cookie and the session without its token', async () => {
    const { base } = await instance()
    const r = await signIn(base)
    expect(r.status).toBe(201)
    const setCookie = r.headers.get('set-cookie') ?? ''
    expect(setCookie).toMatch(/^isp-session=[\w.-]+;/)
    expect(setCookie).toMatch(/; HttpOnly/)
    expect(setCookie).toMatch(/; SameSite=Strict/)
    expect(setCookie).toMatch(/; Path=\//)
    expect(setCookie).toMatch(/; Max-Age=3[0-9]{3}/)
    expect(r.headers.get('x-subject-token')).toBeNull()
    expect(r.headers.get('cache-control')).toBe('no-store')
    const body = await r.text()
    expect(body).not.toMatch(/fake-token/)
    expect(JSON.parse(body)).toMatchObject({
      session: { user: { name: 'alice' }, project: { name: 'producer' }, region: 'RegionOne' },
    })
    // Neither is the token readable from the cookie: it is sealed.
    const value = setCookie.split(';')[0] ?? ''
    expect(Buffer.from(value.split('.').join(''), 'base64url').toString('latin1')).not.toMatch(
      /fake-token/,
    )
  })

  it('behind TLS: Secure and the __Host- prefix', async () => {
    const { base } = await instance({ PANEL_TRUST_PROXY: '127.0.0.1' })
    const r = await signIn(base, {
      'X-Forwarded-Proto': 'https',
      Origin: base.replace('http:', 'https:'),
    })
    expect(r.status).toBe(201)
    const setCookie = r.headers.get('set-cookie') ?? ''
    expect(setCookie).toMatch(/^__Host-isp-session=/)
    expect(setCookie).toMatch(/; Secure/)
    expect(setCookie).not.toMatch(/Domain=/i)
    // The plain name is not read over TLS: a cookie planted by a same-site page over http is ignored.
    const plain = setCookie.split(';')[0]?.replace('__Host-', '') ?? ''
    const r2 = await fetch(`${base}/session`, {
      headers: { Cookie: plain, 'X-Forwarded-Proto': 'https' },
    })
    expect(r2.status).toBe(401)
  })

  it('GET /session says who is signed in, as Keystone sees the token now', async () => {
    const { base } = await instance()
    const { cookie, sid } = await signedIn(base)
    const r = await sessionOf(base, cookie)
    expect(r.status).toBe(200)
    const body = await r.text()
    expect(body).not.toMatch(/fake-token/)
    expect(JSON.parse(body)).toMatchObject({ session: { id: sid, user: { name: 'alice' } } })
    expect((await fetch(`${base}/session`)).status).toBe(401)
  })

  it('a cookie changed by a single character opens nothing', async () => {
    const { base } = await instance()
    const { cookie } = await signedIn(base)
    const last = cookie.at(-2) === 'A' ? 'B' : 'A'
    const forged = `${cookie.slice(0, -2)}${last}${cookie.slice(-1)}`
    expect((await sessionOf(base, forged)).status).toBe(401)
  })

  it('says why a sign-in failed, and never seals a session for it', async () => {
    const { base } = await instance()
    const r = await fetch(`${base}/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Panel-Session': 'none', Origin: base },
      body: JSON.stringify({ ...credentials, password: 'wrong', project: undefined }),
    })
    expect(r.status).toBe(401)
    expect(r.headers.get('set-cookie')).toBeNull()
    expect(((await r.json()) as { message: string }).message).toBe(
      'The user name, password or domain is not right, or the account is disabled.',
    )
  })
})

describe('a foreign page', () => {
  it.each([
    ['no custom header (a form, a no-cors fetch)', { 'X-Panel-Session': '' }],
    ['another port of the same host', { Origin: 'http://127.0.0.1:1' }],
    ['another site', { Origin: 'https://evil.example' }],
    ['a browser that says same-site', { 'Sec-Fetch-Site': 'same-site' }],
    ['a browser that says cross-site', { 'Sec-Fetch-Site': 'cross-site' }],
    ['no Origin at all', { Origin: '' }],
  ])('cannot sign anyone in: %s', async (_what, headers) => {
    const { base } = await instance()
    const before = world.keystone.received.length
    const r = await fetch(`${base}/session`, {
      method: 'POST',
      headers: Object.fromEntries(
        Object.entries({
          'Content-Type': 'text/plain',
          'X-Panel-Session': 'none',
          Origin: base,
          ...headers,
        }).filter(([, v]) => v !== ''),
      ),
      body: JSON.stringify(credentials),
    })
    expect(r.status).toBe(403)
    expect(r.headers.get('set-cookie')).toBeNull()
    expect(world.keystone.received.length).toBe(before)
  })

  it('cannot change anything through the proxy with the cookie it rides on', async () => {
    const { base } = await instance()
    const { cookie, sid } = await signedIn(base)
    const before = world.keystone.received.length
    const attempts: Record<string, string>[] = [
      { Cookie: cookie, 'Content-Type': 'text/plain' },
      { Cookie: cookie, 'X-Panel-Session': sid, 'Sec-Fetch-Site': 'same-site' },
      { Cookie: cookie, 'X-Panel-Session': sid, Origin: 'http://127.0.0.1:1' },
    ]
    for (const headers of attempts) {
      const r = await fetch(`${base}/proxy/image/RegionOne/v2/images/x/members`, {
        method: 'POST',
        headers,
        body: '{"member":"p2"}',
      })
      expect(r.status).toBe(403)
    }
    const signOut = await fetch(`${base}/session`, {
      method: 'DELETE',
      headers: { Cookie: cookie, 'Sec-Fetch-Site': 'cross-site', 'X-Panel-Session': sid },
    })
    expect(signOut.status).toBe(403)
    expect(world.keystone.received.length).toBe(before)
  })

  it('cannot read through the proxy without the session header', async () => {
    const { base } = await instance()
    const { cookie } = await signedIn(base)
    const r = await fetch(`${base}/proxy/identity/v3/auth/projects`, {
      headers: { Cookie: cookie },
    })
    expect(r.status).toBe(401)
  })

  it('cannot use a token of its own through the proxy: only the cookie’s is sent on', async () => {
    const { base } = await instance()
    const { cookie, sid } = await signedIn(base)
    const other = await signedIn(base)
    world.keystone.tokensSeen.length = 0
    const r = await projectsOf(base, cookie, sid)
    expect(r.status).toBe(200)
    const noCookie = await fetch(`${base}/proxy/identity/v3/auth/projects`, {
      headers: {
        'X-Auth-Token': [...world.keystone.live].at(-1) ?? '',
        'X-Panel-Session': other.sid,
      },
    })
    expect(noCookie.status).toBe(401)
    expect(world.keystone.tokensSeen).toHaveLength(1)
  })
})

describe('tabs and instances', () => {
  it('a request naming another session than the cookie’s is refused: the tab must follow first', async () => {
    const { base } = await instance()
    const first = await signedIn(base)
    const second = await signedIn(base)
    expect((await projectsOf(base, second.cookie, first.sid)).status).toBe(401)
    expect((await projectsOf(base, second.cookie, second.sid)).status).toBe(200)
  })

  it('a session made on one instance works on another with the same key, and after a restart', async () => {
    const one = await instance()
    const two = await instance()
    const { cookie, sid } = await signedIn(one.base)
    expect((await projectsOf(two.base, cookie, sid)).status).toBe(200)
    await one.app.close()
    const again = await instance()
    expect((await sessionOf(again.base, cookie)).status).toBe(200)
  })

  it('rotation: the new key seals, the old one still opens, a key dropped opens nothing', async () => {
    const old = await instance()
    const { cookie: sealedOld } = await signedIn(old.base)
    const rotated = await instance({ PANEL_SESSION_KEYS: `next:${key('N')},${KEYS}` })
    expect((await sessionOf(rotated.base, sealedOld)).status).toBe(200)
    const { cookie: sealedNew } = await signedIn(rotated.base)
    const header = JSON.parse(
      Buffer.from(sealedNew.split('=')[1]?.split('.')[0] ?? '', 'base64url').toString(),
    ) as { kid: string; alg: string; enc: string }
    expect(header).toEqual({ alg: 'dir', enc: 'A256GCM', kid: 'next' })
    const dropped = await instance({ PANEL_SESSION_KEYS: `next:${key('N')}` })
    expect((await sessionOf(dropped.base, sealedOld)).status).toBe(401)
    expect((await sessionOf(dropped.base, sealedNew)).status).toBe(200)
  })

  it('sign-out revokes the token at Keystone; the old cookie is then refused everywhere', async () => {
    const one = await instance()
    const two = await instance()
    const { cookie, sid } = await signedIn(one.base)
    // The other instance has the token's catalog cached.
    expect((await projectsOf(two.base, cookie, sid)).status).toBe(200)
    const tokens = new Set(world.keystone.live)
    const r = await fetch(`${one.base}/session`, {
      method: 'DELETE',
      headers: { Cookie: cookie, 'X-Panel-Session': sid, Origin: one.base },
    })
    expect(await r.json()).toEqual({ revoked: true, expiresAt: expect.any(String) as string })
    expect(r.headers.get('set-cookie')).toMatch(/^isp-session=; Max-Age=0;/)
    // Keystone no longer knows the token.
    expect([...tokens].filter((t) => !world.keystone.live.has(t))).toHaveLength(1)
    // The old cookie, replayed: the session is gone, and no change gets through either instance.
    expect((await sessionOf(two.base, cookie)).status).toBe(401)
    const write = await fetch(`${two.base}/proxy/image/RegionOne/v2/images/x/members`, {
      method: 'POST',
      headers: { Cookie: cookie, 'X-Panel-Session': sid, Origin: two.base },
      body: '{}',
    })
    expect(write.status).toBe(401)
  })

  it('a cookie opened once (kept to spare the crypto) is not opened past its token’s expiry', async () => {
    const sealer = sessionSealer(parseSessionKeys(KEYS, 'PANEL_SESSION_KEYS'))
    const expiresAt = new Date(Date.now() + 60_000).toISOString()
    const value = await sealer.seal({ sid: 's', token: 't', region: 'RegionOne', expiresAt })
    expect(await sealer.open(value)).toMatchObject({ sid: 's', token: 't' })
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      vi.setSystemTime(Date.now() + 61_000)
      expect(await sealer.open(value)).toBeNull()
    } finally {
      vi.useRealTimers()
    }
  })

  it('refuses to read keys that are not 32 bytes, or lack an ID', () => {
    expect(() => parseSessionKeys(`k:${key('A').slice(4)}`, 'PANEL_SESSION_KEYS')).toThrow(
      /not 32 bytes/,
    )
    expect(() => parseSessionKeys(key('A'), 'PANEL_SESSION_KEYS')).toThrow(/without a key ID/)
    expect(
      parseSessionKeys(`# rotated 2026-12\na:${key('A')}\nb:${key('B')}`, 'file'),
    ).toHaveLength(2)
  })
})
