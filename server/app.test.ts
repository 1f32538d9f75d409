import type { FastifyInstance } from 'fastify'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { buildApp } from './app.ts'
import { readServerConfig } from './config.ts'
import { logCapture, keystoneAndStaticDirForFile, signInThrough } from './test-support.ts'

const world = keystoneAndStaticDirForFile()

type Started = { app: FastifyInstance; base: string; log: ReturnType<typeof logCapture> }
const started: FastifyInstance[] = []
afterEach(async () => {
  await Promise.all(started.splice(0).map((a) => a.close()))
  world.keystone.delayMs = 0
})

async function start(
  env: Record<string, string> = {},
  staticDir: string | false = world.stat.dir,
): Promise<Started> {
  const log = logCapture()
  const config = readServerConfig({ OS_AUTH_URL: world.keystone.url, ...env })
  const app = await buildApp(config, { staticDir, logStream: log.stream })
  started.push(app)
  await app.listen({ host: '127.0.0.1', port: 0 })
  const { port } = app.server.address() as AddressInfo
  return { app, base: `http://127.0.0.1:${port}`, log }
}

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// The proxy sends a stricter policy of its own on its answers: nothing there is a page.
const PROXY_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox"

function expectSecurityHeaders(r: Response, what: string, csp = CSP) {
  expect(r.headers.get('content-security-policy'), what).toBe(csp)
  expect(r.headers.get('x-content-type-options'), what).toBe('nosniff')
  expect(r.headers.get('referrer-policy'), what).toBe('no-referrer')
  expect(r.headers.get('x-frame-options'), what).toBe('DENY')
  expect(r.headers.get('cross-origin-opener-policy'), what).toBe('same-origin')
  expect(r.headers.get('permissions-policy'), what).toContain('camera=()')
}

describe('security headers', () => {
  it('are on every kind of answer: files, routes, fallbacks, 404s, errors, the proxy', async () => {
    const { base } = await start()
    const cases: [string, RequestInit, number, string?][] = [
      ['/', {}, 200],
      ['/index.html', {}, 200],
      ['/assets/index-AbC123.js', {}, 200],
      ['/images/abc', {}, 200],
      ['/config.json', {}, 200],
      ['/healthz', {}, 200],
      ['/readyz', {}, 200],
      ['/assets/missing.js', {}, 404],
      ['/package.json', {}, 404],
      ['/', { method: 'POST', body: 'x' }, 404],
      ['/proxy/identity/v3', {}, 401, PROXY_CSP],
      ['/proxy/identity/v3/users', {}, 404, PROXY_CSP],
      ['/proxy/image/RegionOne/v2/images', {}, 401, PROXY_CSP],
      // Refused by the router before the proxy sees it.
      ['/proxy/image/RegionOne/%E0%A4%A', {}, 400],
      ['/images/%E0%A4%A', {}, 400],
      ['/config.json', { method: 'POST', body: 'x'.repeat(100_000) }, 413],
    ]
    for (const [path, init, status, csp] of cases) {
      const r = await fetch(base + path, init)
      const what = `${init.method ?? 'GET'} ${path}`
      expect(r.status, what).toBe(status)
      expectSecurityHeaders(r, what, csp)
      expect(r.headers.get('strict-transport-security'), what).toBeNull()
      await r.body?.cancel()
    }
  })

  it('add HSTS when the panel is behind TLS', async () => {
    const { base } = await start({ PANEL_HSTS: 'true' })
    for (const path of ['/', '/nope.txt', '/config.json']) {
      const r = await fetch(base + path)
      expect(r.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains')
    }
  })

  it('never give an exception text or the malformed path back', async () => {
    const { base } = await start()
    const r = await fetch(`${base}/images/%E0%A4%A`)
    expect(await r.json()).toEqual({
      message: 'The request path is malformed.',
      code: '400 Bad Request',
      title: 'Bad Request',
    })
  })
})

describe('/config.json, /healthz, /readyz', () => {
  it('/config.json sends the panel to the proxy, never cached', async () => {
    const { base } = await start({ PANEL_DEFAULT_DOMAIN: 'Users' })
    const r = await fetch(`${base}/config.json`)
    expect(r.headers.get('cache-control')).toBe('no-cache')
    expect(r.headers.get('content-type')).toMatch(/^application\/json/)
    expect(await r.json()).toEqual({
      mode: 'cloud',
      authUrl: '/proxy/identity/v3',
      defaultDomain: 'Users',
      sso: [],
    })
  })

  it('/config.json links each Web SSO choice to Keystone, with the panel’s receiver as origin', async () => {
    const { base } = await start({
      PANEL_WEBSSO_CHOICES:
        '[{"label":"University login","idp":"uni","protocol":"openid"},{"label":"Partners","protocol":"saml2"}]',
      PANEL_WEBSSO_URL: 'https://keystone.example.com/v3',
    })
    const { sso } = (await (await fetch(`${base}/config.json`)).json()) as {
      sso: { label: string; url: string }[]
    }
    const receiver = encodeURIComponent(`${base}/session/websso`)
    expect(sso).toEqual([
      {
        label: 'University login',
        url: `https://keystone.example.com/v3/auth/OS-FEDERATION/identity_providers/uni/protocols/openid/websso?origin=${receiver}`,
      },
      {
        label: 'Partners',
        url: `https://keystone.example.com/v3/auth/OS-FEDERATION/websso/saml2?origin=${receiver}`,
      },
    ])
    // Behind a front end that hides the port or scheme, the configured public origin names it.
    const behind = await start({
      PANEL_WEBSSO_CHOICES: '[{"label":"Partners","protocol":"saml2"}]',
      PANEL_PUBLIC_ORIGIN: 'https://panel.example.com',
    })
    const [choice] = (
      (await (await fetch(`${behind.base}/config.json`)).json()) as { sso: { url: string }[] }
    ).sso
    expect(choice?.url).toMatch(/\?origin=https%3A%2F%2Fpanel\.example\.com%2Fsession%2Fwebsso$/)
  })

  it('/healthz is 200 even when Keystone is down; /readyz follows Keystone', async () => {
    const { base } = await start({ OS_AUTH_URL: `http://127.0.0.1:${await closedPort()}/v3` })
    const health = await fetch(`${base}/healthz`)
    expect(health.status).toBe(200)
    expect(await health.json()).toEqual({ status: 'ok' })
    const ready = await fetch(`${base}/readyz`)
    expect(ready.status).toBe(503)
    expect(ready.headers.get('cache-control')).toBe('no-store')
    expect(await ready.json()).toEqual({
      status: 'unavailable',
      message: 'Keystone (the Identity service) refused the connection.',
    })
  })

  it('/readyz is 200 when Keystone answers, 503 within about 2 s when it hangs', async () => {
    const { base } = await start()
    const up = await fetch(`${base}/readyz`)
    expect(up.status).toBe(200)
    expect(await up.json()).toEqual({ status: 'ok' })
    // Keystone answers after a minute: /readyz must not wait for it. The upper bound is loose so
    // that a busy machine (CI runs several test workers on two cores) cannot fail it.
    world.keystone.delayMs = 60_000
    // A new instance: the first one would give its answer of a moment ago (next test).
    const { base: other } = await start()
    const t0 = Date.now()
    const slow = await fetch(`${other}/readyz`)
    expect(slow.status).toBe(503)
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1900)
    expect(Date.now() - t0).toBeLessThan(30_000)
    expect(await slow.json()).toEqual({
      status: 'unavailable',
      message: 'Keystone (the Identity service) did not answer within 2 s.',
    })
  })

  it('/readyz says what Keystone did: an error status, a host name that does not resolve', async () => {
    const keystone = await keystoneAnswering(500)
    try {
      const { base } = await start({ OS_AUTH_URL: keystone.url })
      expect(await (await fetch(`${base}/readyz`)).json()).toEqual({
        status: 'unavailable',
        message: 'Keystone (the Identity service) answered 500 Internal Server Error.',
      })
    } finally {
      await keystone.close()
    }
    // .invalid never resolves (RFC 6761).
    const { base } = await start({ OS_AUTH_URL: 'http://keystone.invalid/v3' })
    expect(await (await fetch(`${base}/readyz`)).json()).toEqual({
      status: 'unavailable',
      message: 'The host name of Keystone (the Identity service) could not be resolved.',
    })
  })

  it('/readyz asks Keystone once for many probes, and again after 5 s', async () => {
    const keystone = await keystoneAnswering(500)
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      const { base } = await start({ OS_AUTH_URL: keystone.url })
      const readyz = async () => {
        const r = await fetch(`${base}/readyz`)
        await r.body?.cancel()
        return r.status
      }
      // 20 at once share one call; 20 more within 5 s reuse its answer, a failure included.
      expect(await Promise.all(Array.from({ length: 20 }, readyz))).toEqual(Array(20).fill(503))
      keystone.status = 200
      vi.setSystemTime(Date.now() + 4000)
      for (let i = 0; i < 20; i++) expect(await readyz()).toBe(503)
      expect(keystone.calls).toBe(1)
      // Once the answer is 5 s old, the next probe asks again and sees Keystone back.
      vi.setSystemTime(Date.now() + 1000)
      expect(await readyz()).toBe(200)
      expect(await readyz()).toBe(200)
      expect(keystone.calls).toBe(2)
    } finally {
      vi.useRealTimers()
      await keystone.close()
    }
  })
})

/** A port nothing listens on: one the system just gave out and took back. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

/** A Keystone that answers every request with `status` (settable), counting the calls. */
async function keystoneAnswering(status: number) {
  const state = { status, calls: 0 }
  const server = createServer((_req, res) => {
    state.calls++
    res.writeHead(state.status, { 'Content-Type': 'application/json' })
    res.end('{}')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}/v3`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  })
}

describe('static files', () => {
  it('long-caches hashed assets and revalidates index.html', async () => {
    const { base } = await start()
    const asset = await fetch(`${base}/assets/index-AbC123.js`)
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(asset.headers.get('content-type')).toMatch(/javascript/)
    for (const path of ['/', '/index.html']) {
      const r = await fetch(base + path)
      expect(r.status).toBe(200)
      expect(r.headers.get('cache-control')).toBe('no-cache')
      expect(await r.text()).toContain('<title>Image Sharing Panel</title>')
    }
  })

  it('answers deep links with index.html (GET and HEAD), uncached', async () => {
    const { base } = await start()
    for (const path of ['/images/abc', '/review', '/images/8f1c6a2e-1111-2222-3333-444455556666']) {
      const r = await fetch(base + path, { headers: { Accept: 'text/html,*/*;q=0.8' } })
      expect(r.status, path).toBe(200)
      expect(r.headers.get('cache-control')).toBe('no-cache')
      expect(r.headers.get('content-type')).toMatch(/^text\/html/)
      expect(await r.text()).toContain('<title>Image Sharing Panel</title>')
    }
    const head = await fetch(`${base}/images/abc`, { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
  })

  it('404s what is not the panel: missing assets, files, dotfiles, maps, listings, other methods', async () => {
    const { base } = await start()
    const cases: [string, RequestInit?][] = [
      ['/assets/missing-XyZ.js'],
      ['/assets/'],
      ['/assets'],
      ['/assets/index-AbC123.js.map'],
      ['/package.json'],
      ['/.env'],
      ['/.git/config'],
      ['/images/abc', { headers: { Accept: 'application/json' } }],
      ['/images/abc', { method: 'DELETE' }],
      ['/', { method: 'PUT', body: '{}' }],
    ]
    for (const [path, init] of cases) {
      const r = await fetch(base + path, init)
      const what = `${init?.method ?? 'GET'} ${path}`
      expect(r.status, what).toBe(404)
      expect(r.headers.get('content-type'), what).toMatch(/^application\/json/)
      expect(await r.json(), what).toMatchObject({ code: '404 Not Found' })
    }
  })

  it('serves no files and no fallback when Vite serves the panel (staticDir: false)', async () => {
    const { base } = await start({}, false)
    for (const path of ['/', '/images/abc', '/index.html']) {
      expect((await fetch(base + path)).status).toBe(404)
    }
    expect((await fetch(`${base}/config.json`)).status).toBe(200)
  })
})

describe('access log', () => {
  it('one line per request: method, path without query, status, duration, request id, address', async () => {
    const { base, log } = await start()
    const id = 'req-0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d'
    await fetch(`${base}/images/abc?token=SECRET-QUERY`, {
      headers: { 'X-Auth-Token': 'SECRET-TOKEN', 'X-OpenStack-Request-Id': id },
    })
    const { cookie, sid } = await signInThrough(base)
    await fetch(`${base}/proxy/identity/v3/auth/projects?x=SECRET-QUERY`, {
      headers: {
        Cookie: cookie,
        'X-Panel-Session': sid,
        'X-Auth-Token': 'SECRET-TOKEN',
        'X-Subject-Token': 'SECRET-SUBJECT',
      },
    })
    await fetch(`${base}/images/%E0%A4%A?SECRET-QUERY`, { headers: { 'X-Auth-Token': 'SECRET' } })
    const access = log.lines().filter((l) => l.msg === 'request' && l.path !== '/session')
    expect(access).toHaveLength(3)
    expect(access[0]).toMatchObject({
      reqId: id,
      method: 'GET',
      path: '/images/abc',
      status: 200,
      remote: '127.0.0.1',
    })
    expect(typeof access[0]?.ms).toBe('number')
    expect(access[1]).toMatchObject({
      method: 'GET',
      path: '/proxy/identity/v3/auth/projects',
      status: 200,
      upstream: 'identity',
    })
    // An id the client did not give (or gave malformed) is made up, in OpenStack's form.
    expect(access[1]?.reqId).toMatch(/^req-[0-9a-f-]{36}$/)
    expect(access[2]).toMatchObject({ path: '/images/%E0%A4%A', status: 400 })
    expect(log.text()).not.toMatch(/SECRET|fake-token|alice-pw/)
  })

  it('refuses a malformed request id', async () => {
    const { base, log } = await start()
    await fetch(`${base}/healthz`, {
      headers: { 'X-OpenStack-Request-Id': 'req-"forged", "level":60' },
    })
    const [line] = log.lines().filter((l) => l.msg === 'request')
    expect(line?.reqId).toMatch(/^req-[0-9a-f]{8}-[0-9a-f]{4}-/)
  })

  it('logs the client address from X-Forwarded-For only from a trusted proxy', async () => {
    const trusted = await start({ PANEL_TRUST_PROXY: '127.0.0.1' })
    await fetch(`${trusted.base}/healthz`, { headers: { 'X-Forwarded-For': '203.0.113.9' } })
    expect(trusted.log.lines().find((l) => l.msg === 'request')?.remote).toBe('203.0.113.9')

    const untrusted = await start()
    await fetch(`${untrusted.base}/healthz`, { headers: { 'X-Forwarded-For': '203.0.113.9' } })
    expect(untrusted.log.lines().find((l) => l.msg === 'request')?.remote).toBe('127.0.0.1')
  })
})
