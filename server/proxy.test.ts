import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type ClientRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http'
import type { AddressInfo } from 'node:net'
import Fastify, { type FastifyInstance } from 'fastify'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { openstackProxy, parseProxyPath, type ProxyOptions } from './proxy.ts'
import type { Sessions } from './session.ts'

/**
 * Real loopback servers: a Keystone that knows every token starting with "good", a Glance whose
 * answers each test chooses, and the proxy plugin on a bare Fastify in front. The session is a
 * stand-in here: the request's X-Auth-Token plays the token its cookie would hold (the cookie
 * itself, CSRF and tabs are server/session.test.ts's).
 */

type Hit = { method: string; url: string; headers: IncomingHttpHeaders; body: string }
type Handler = (req: IncomingMessage, res: ServerResponse) => void

const MiB = 1 << 20
const TIMEOUT_MS = 400

let keystone: Server
let glance: Server
let ksUrl = ''
let glanceUrl = ''
let deadUrl = ''
let ksHits: Hit[] = []
let glanceHits: Hit[] = []
const revoked = new Set<string>()
/** Per-path Glance behaviour (path as Glance sees it); anything else echoes. */
const glanceRoutes = new Map<string, Handler>()

const listen = (s: Server) =>
  new Promise<string>((resolve) => {
    s.listen(0, '127.0.0.1', () => {
      resolve(`http://127.0.0.1:${(s.address() as AddressInfo).port}`)
    })
  })

function readAll(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = ''
    req.on('data', (c: Buffer) => (body += c.toString()))
    req.on('end', () => resolve(body))
    req.on('error', () => resolve(body))
  })
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function until(check: () => boolean, ms = 3000) {
  const end = Date.now() + ms
  while (!check() && Date.now() < end) await sleep(10)
  return check()
}

function catalog() {
  const port = new URL(glanceUrl).port
  return [
    {
      type: 'image',
      endpoints: [
        { interface: 'public', region_id: 'RegionOne', url: `${glanceUrl}/prefix/` },
        { interface: 'internal', region_id: 'Internal', url: `${glanceUrl}/internal` },
        { interface: 'public', region_id: 'Down', url: deadUrl },
        { interface: 'public', region_id: 'UserInfo', url: `http://user:pw@127.0.0.1:${port}/` },
        { interface: 'public', region_id: 'Query', url: `${glanceUrl}/q?x=1` },
        { interface: 'public', region_id: 'Ftp', url: `ftp://127.0.0.1:${port}/` },
        { interface: 'public', region_id: 'Bare', url: glanceUrl },
      ],
    },
    {
      type: 'compute',
      endpoints: [{ interface: 'public', region_id: 'RegionOne', url: glanceUrl }],
    },
  ]
}

const json = (res: ServerResponse, status: number, body: unknown, headers = {}) =>
  res
    .writeHead(status, { 'Content-Type': 'application/json', ...headers })
    .end(JSON.stringify(body))

type ErrorBody = { message: string; code: string; title: string }
const parse = (body: string) => JSON.parse(body) as ErrorBody

/** Sessions whose token is the request's X-Auth-Token; `revoked` tells the proxy as the session routes do. */
function testSessions() {
  const listeners: ((token: string) => void)[] = []
  const sessions: Sessions = {
    current: (request) => {
      const token = request.headers['x-auth-token']
      return Promise.resolve(
        typeof token === 'string'
          ? { sid: 'tab', token, region: 'RegionOne', expiresAt: '2099-01-01T00:00:00Z' }
          : null,
      )
    },
    foreign: () => null,
    otherTab: () => null,
    keystone: () => Promise.reject(new Error('not in these tests')),
    seal: () => Promise.resolve(''),
    sealAs: () => Promise.resolve(''),
    openAs: () => Promise.resolve(null),
    secure: () => false,
    revoke: () => Promise.resolve(true),
    onRevoked: (l) => listeners.push(l),
  }
  return { sessions, revoked: (token: string) => listeners.forEach((l) => l(token)) }
}

/** A proxy on a bare Fastify, listening; `upstreams` collects what the access log would read. */
type Proxy = {
  app: FastifyInstance
  url: string
  logs: string[]
  upstreams: (string | null)[]
  revoked: (token: string) => void
}
const proxies: Proxy[] = []
async function startProxy(over: Partial<ProxyOptions> = {}): Promise<Proxy> {
  const logs: string[] = []
  const upstreams: (string | null)[] = []
  const app = Fastify({
    logger: { level: 'info', stream: { write: (line: string) => logs.push(line) } },
  })
  app.addHook('onResponse', (request, _reply, done) => {
    upstreams.push(request.proxyUpstream ?? null)
    done()
  })
  const { sessions, revoked } = testSessions()
  await app.register(openstackProxy, {
    sessions,
    authUrl: `${ksUrl}/v3`,
    serviceTypes: ['image'],
    bodyLimit: MiB,
    upstreamTimeoutMs: TIMEOUT_MS,
    ...over,
  })
  const url = await app.listen({ port: 0, host: '127.0.0.1' })
  const p = { app, url, logs, upstreams, revoked }
  proxies.push(p)
  return p
}

type Answer = { status: number; headers: IncomingHttpHeaders; body: string }
/** A raw request: node:http keeps the path exactly as written (fetch would normalize it). */
function send(
  base: string,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const u = new URL(base)
    const req = httpRequest(
      {
        host: u.hostname,
        port: u.port,
        path,
        method: init.method ?? 'GET',
        headers: init.headers,
        agent: false,
      },
      (res) => {
        void readAll(res).then((body) => {
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body })
        })
      },
    )
    req.on('error', reject)
    req.end(init.body)
  })
}

let proxy: Proxy
let tokenSeq = 0
/** A fresh valid token per test, so the catalog caches of one test never serve another. */
const goodToken = () => `good-${++tokenSeq}`

beforeAll(async () => {
  const dead = createServer()
  deadUrl = await listen(dead)
  await new Promise((r) => dead.close(r))

  glance = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0] ?? ''
    const special = glanceRoutes.get(path)
    if (special) {
      special(req, res)
      return
    }
    void readAll(req).then((body) => {
      glanceHits.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body })
      json(res, 200, { images: [] }, { 'x-openstack-request-id': 'req-from-glance' })
    })
  })
  glanceUrl = await listen(glance)

  keystone = createServer((req, res) => {
    void readAll(req).then((body) => {
      const url = req.url ?? ''
      const token = req.headers['x-auth-token']
      ksHits.push({ method: req.method ?? '', url, headers: req.headers, body })
      if (req.method === 'GET' && url === '/v3') return json(res, 200, { version: { id: 'v3.14' } })
      if (url === '/v3/auth/catalog') {
        if (token === 'slow') return // never answers
        if (typeof token === 'string' && token.startsWith('good') && !revoked.has(token)) {
          return json(res, 200, { catalog: catalog() })
        }
        return json(res, 401, { error: { code: 401, message: 'The request you have made…' } })
      }
      if (url === '/v3/auth/tokens' && req.method === 'POST') {
        if (body.includes('slow')) return // never answers
        return json(
          res,
          201,
          { token: {} },
          { 'X-Subject-Token': 'good-issued', 'Set-Cookie': 'ks=1; Path=/' },
        )
      }
      if (url === '/v3/auth/tokens' && req.method === 'DELETE') {
        revoked.add(String(req.headers['x-subject-token']))
        return res.writeHead(204).end()
      }
      if (url === '/v3/auth/projects') return json(res, 200, { projects: [] })
      if (url === '/v3/projects/p1') return json(res, 200, { project: { id: 'p1' } })
      if (url === '/v3/projects/moved') {
        return res.writeHead(302, { Location: `${ksUrl}/v3/projects/p2` }).end()
      }
      return json(res, 404, { error: { code: 404 } })
    })
  })
  ksUrl = await listen(keystone)
  proxy = await startProxy()
})

afterAll(async () => {
  for (const p of proxies) await p.app.close()
  keystone.closeAllConnections()
  glance.closeAllConnections()
  await Promise.all([keystone, glance].map((s) => new Promise((r) => s.close(r))))
})

beforeEach(() => {
  ksHits = []
  glanceHits = []
  glanceRoutes.clear()
})

const catalogCalls = (token: string) =>
  ksHits.filter((h) => h.url === '/v3/auth/catalog' && h.headers['x-auth-token'] === token).length

describe('routing to the catalog', () => {
  it('forwards a service request to the public endpoint of the token catalog, prefix and query kept', async () => {
    const token = goodToken()
    const r = await send(proxy.url, '/proxy/image/RegionOne/v2/images?limit=25&marker=a%20b', {
      headers: { 'X-Auth-Token': token, Accept: 'application/json' },
    })
    expect(r.status).toBe(200)
    expect(parse(r.body)).toEqual({ images: [] })
    expect(glanceHits.map((h) => h.url)).toEqual(['/prefix/v2/images?limit=25&marker=a%20b'])
    expect(glanceHits[0]?.headers['x-auth-token']).toBe(token)
  })

  it('goes to a catalog URL without a path as well', async () => {
    const r = await send(proxy.url, '/proxy/image/Bare/v2/images', {
      headers: { 'X-Auth-Token': goodToken() },
    })
    expect(r.status).toBe(200)
    expect(glanceHits.map((h) => h.url)).toEqual(['/v2/images'])
  })

  it('asks Keystone for a token catalog once, then serves it from the cache', async () => {
    const token = goodToken()
    for (let i = 0; i < 3; i++) {
      const r = await send(proxy.url, '/proxy/image/RegionOne/v2/images', {
        headers: { 'X-Auth-Token': token },
      })
      expect(r.status).toBe(200)
    }
    expect(catalogCalls(token)).toBe(1)
    expect(glanceHits).toHaveLength(3)
  })

  it('answers 401 locally when a service request has no session', async () => {
    const r = await send(proxy.url, '/proxy/image/RegionOne/v2/images')
    expect(r.status).toBe(401)
    expect(parse(r.body)).toEqual({
      message: 'You are not signed in, or your session has ended. Sign in again.',
      code: '401 Unauthorized',
      title: 'Unauthorized',
    })
    expect(ksHits).toHaveLength(0)
    expect(glanceHits).toHaveLength(0)
  })

  it('proxies only the allowed service types, whatever the catalog holds', async () => {
    const r = await send(proxy.url, '/proxy/compute/RegionOne/servers', {
      headers: { 'X-Auth-Token': goodToken() },
    })
    expect(r.status).toBe(404)
    expect(parse(r.body)).toMatchObject({ code: '404 Not Found' })
    expect(ksHits).toHaveLength(0)
    expect(glanceHits).toHaveLength(0)
  })

  it('uses public endpoints only', async () => {
    const r = await send(proxy.url, '/proxy/image/Internal/v2/images', {
      headers: { 'X-Auth-Token': goodToken() },
    })
    expect(r.status).toBe(404)
    expect(parse(r.body).message).toBe(
      "The token's catalog has no public image endpoint in Internal.",
    )
    expect(glanceHits).toHaveLength(0)
  })

  it('tells the access log which upstream served the request', async () => {
    proxy.upstreams.length = 0
    await send(proxy.url, '/proxy/image/RegionOne/v2/images', {
      headers: { 'X-Auth-Token': goodToken() },
    })
    await send(proxy.url, '/proxy/identity/v3/auth/projects', {
      headers: { 'X-Auth-Token': goodToken() },
    })
    expect(await until(() => proxy.upstreams.length === 2)).toBe(true)
    expect(proxy.upstreams).toEqual(['image/RegionOne', 'identity'])
  })
})

describe('identity', () => {
  it.each(['POST', 'DELETE', 'GET', 'HEAD'])(
    'never issues, shows or revokes a token (%s /v3/auth/tokens): the session routes do',
    async (method) => {
      const r = await send(proxy.url, '/proxy/identity/v3/auth/tokens', {
        method,
        headers: { 'X-Auth-Token': goodToken(), 'Content-Type': 'application/json' },
        ...(method === 'POST' ? { body: '{"auth":{}}' } : {}),
      })
      expect(r.status).toBe(404)
      expect(r.headers['x-subject-token']).toBeUndefined()
      expect(ksHits).toHaveLength(0)
    },
  )

  it('answers 401 and asks nobody when the request has no session', async () => {
    const r = await send(proxy.url, '/proxy/identity/v3/auth/projects')
    expect(r.status).toBe(401)
    expect(ksHits).toHaveLength(0)
  })

  it.each([
    ['GET', '/v3/auth/catalog'],
    ['GET', '/v3/auth/projects'],
    ['GET', '/v3/projects/p1'],
    ['GET', '/v3'],
  ])('forwards %s %s, a path the panel calls', async (method, path) => {
    const r = await send(proxy.url, `/proxy/identity${path}`, {
      method,
      headers: { 'X-Auth-Token': goodToken() },
    })
    expect(r.status).toBe(200)
    expect(ksHits.map((h) => h.url)).toEqual([path])
  })

  it.each([
    ['GET', '/proxy/identity/v3/users', 404],
    ['GET', '/proxy/identity/v3/projects', 404],
    ['GET', '/proxy/identity/v3/projects/p1/users', 404],
    ['GET', '/proxy/identity/', 404],
    ['GET', '/proxy/identity/v2.0/tokens', 404],
    ['PATCH', '/proxy/identity/v3/projects/p1', 405],
  ])('refuses %s %s, which the panel never calls', async (method, path, status) => {
    const r = await send(proxy.url, path, { method, headers: { 'X-Auth-Token': goodToken() } })
    expect(r.status).toBe(status)
    expect(parse(r.body).code).toMatch(new RegExp(`^${status} `))
    expect(ksHits).toHaveLength(0)
  })

  it('keeps identity under a path-prefixed auth URL', async () => {
    const prefixed = await startProxy({ authUrl: `${ksUrl}/identity/v3` })
    const r = await send(prefixed.url, '/proxy/identity/v3/auth/projects', {
      headers: { 'X-Auth-Token': goodToken() },
    })
    // The fake Keystone lives at the root, so the prefixed path is its 404: what matters is the path.
    expect(r.status).toBe(404)
    expect(ksHits.map((h) => h.url)).toEqual(['/identity/v3/auth/projects'])
  })
})

describe('malformed paths', () => {
  it.each([
    '/proxy/image/RegionOne/v2/..%2fsecret',
    '/proxy/image/RegionOne/v2/..%2Fsecret',
    '/proxy/image/RegionOne/v2/..%5csecret',
    '/proxy/image/RegionOne/v2/%2E%2E/secret',
    '/proxy/image/RegionOne/v2/.%2e/secret',
    '/proxy/image/RegionOne/v2/../secret',
    '/proxy/image/RegionOne/./v2/images',
    '/proxy/image/RegionOne/v2/a\\b',
    '/proxy/identity/..%2fimage/v2/images',
    '/proxy/identity/v3/auth/%2e%2e/tokens',
    '/proxy/image',
    '/proxy/image/',
    '/proxy/',
    '/proxy',
  ])('answers 400 to %s without calling anyone', async (path) => {
    const r = await send(proxy.url, path, { headers: { 'X-Auth-Token': goodToken() } })
    expect(r.status).toBe(400)
    expect(parse(r.body)).toMatchObject({ code: '400 Bad Request', title: 'Bad Request' })
    expect(ksHits).toHaveLength(0)
    expect(glanceHits).toHaveLength(0)
  })

  it.each([
    '/proxy/image/RegionOne/v2/%E0%A4%A',
    '/proxy/image/RegionOne/v2/%ZZ',
    '/proxy/image/R%FF/x',
  ])('answers 400 to a broken escape (%s) without calling anyone', async (path) => {
    // Fastify's router refuses these before the plugin (its frameworkErrors shape the body).
    const r = await send(proxy.url, path, { headers: { 'X-Auth-Token': goodToken() } })
    expect(r.status).toBe(400)
    expect(ksHits).toHaveLength(0)
    expect(glanceHits).toHaveLength(0)
  })

  it('parses paths itself, refusing what the router would let through', () => {
    expect(parseProxyPath('/proxy/image/R%FF/x')).toMatchObject({ kind: 'bad' })
    expect(parseProxyPath('/proxy/image/RegionOne/v2/%E0%A4%A')).toMatchObject({ kind: 'bad' })
    expect(parseProxyPath('/proxy/image/Region%20Two/v2/images?x=%2f')).toEqual({
      kind: 'service',
      type: 'image',
      region: 'Region Two',
      path: '/v2/images',
      search: '?x=%2f',
    })
    expect(parseProxyPath('/proxy/%69dentity/v3')).toEqual({
      kind: 'identity',
      path: '/v3',
      search: '',
    })
  })

  it.each(['TRACE', 'OPTIONS'])('refuses the method %s', async (method) => {
    const r = await send(proxy.url, '/proxy/image/RegionOne/v2/images', {
      method,
      headers: { 'X-Auth-Token': goodToken() },
    })
    expect(r.status).toBe(405)
    expect(glanceHits).toHaveLength(0)
  })
})

describe('headers', () => {
  it('forwards request headers by allowlist, and a request ID only in the req-<uuid> form', async () => {
    const id = 'req-0f8e5a1c-6a3b-4c2d-9e8f-1a2b3c4d5e6f'
    const headers = {
      'X-Auth-Token': goodToken(),
      Accept: 'application/json',
      'Accept-Language': 'fr',
      Cookie: 'session=1',
      Authorization: 'Basic eDp5',
      'X-Forwarded-For': '10.0.0.1',
      'X-Forwarded-Host': 'evil.example',
      Forwarded: 'for=10.0.0.1',
      'Proxy-Authorization': 'Basic eDp5',
      'X-Custom': 'custom',
      'X-OpenStack-Request-Id': id,
      // What an auth module in front of Keystone would set for federation: never from a page.
      'X-Remote-User': 'admin',
      'X-Idp': 'local-idp',
      'OIDC-Claim-Sub': 'admin',
      'Openstack-Auth-Receipt': 'receipt',
    }
    await send(proxy.url, '/proxy/image/RegionOne/v2/images', { headers })
    await send(proxy.url, '/proxy/image/RegionOne/v2/images', {
      headers: { ...headers, 'X-OpenStack-Request-Id': 'req-attacker' },
    })
    const [first, second] = glanceHits.map((h) => h.headers)
    expect(Object.keys(first ?? {}).sort()).toEqual(
      [
        'accept',
        'accept-language',
        'connection',
        'host',
        'x-auth-token',
        'x-openstack-request-id',
      ].sort(),
    )
    expect(first?.['x-openstack-request-id']).toBe(id)
    expect(first?.host).toBe(new URL(glanceUrl).host)
    expect(second?.['x-openstack-request-id']).toBeUndefined()
  })

  it('passes response headers by allowlist and adds the protective ones', async () => {
    glanceRoutes.set('/prefix/v2/hostile', (_req, res) => {
      res.setHeader('Set-Cookie', ['a=1; Path=/', 'b=2; Path=/'])
      res.setHeader('Access-Control-Allow-Origin', '*')
      res.setHeader('Access-Control-Allow-Credentials', 'true')
      res.setHeader('Content-Security-Policy', 'default-src *')
      res.setHeader('Strict-Transport-Security', 'max-age=1')
      res.setHeader('Proxy-Authenticate', 'Basic')
      res.setHeader('WWW-Authenticate', `Keystone uri="${ksUrl}"`)
      res.setHeader('Connection', 'close, X-Internal-Secret, ETag')
      res.setHeader('X-Internal-Secret', 'leaked')
      res.setHeader('ETag', '"named-in-connection"')
      res.setHeader('Last-Modified', 'Tue, 01 Jul 2025 00:00:00 GMT')
      res.setHeader('X-Openstack-Request-Id', 'req-from-glance')
      res.setHeader('OS-Hash-Algo', 'sha512')
      res.setHeader('Content-Type', 'text/html')
      res.end('<script>alert(1)</script>')
    })
    const r = await send(proxy.url, '/proxy/image/RegionOne/v2/hostile', {
      headers: { 'X-Auth-Token': goodToken() },
    })
    expect(r.status).toBe(200)
    expect(r.body).toBe('<script>alert(1)</script>')
    for (const name of [
      'set-cookie',
      'access-control-allow-origin',
      'access-control-allow-credentials',
      'strict-transport-security',
      'proxy-authenticate',
      'www-authenticate',
      'x-internal-secret',
      'etag',
    ]) {
      expect(r.headers[name], name).toBeUndefined()
    }
    expect(r.headers).toMatchObject({
      'content-type': 'text/html',
      'last-modified': 'Tue, 01 Jul 2025 00:00:00 GMT',
      'x-openstack-request-id': 'req-from-glance',
      'os-hash-algo': 'sha512',
      'cache-control': 'no-store',
      vary: 'Cookie',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'; sandbox",
    })
  })
})

describe('redirects', () => {
  const redirectTo = (location: string) => (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(303, { Location: location })
    res.end()
  }

  it.each([
    ['an absolute Location under the endpoint', () => `${glanceUrl}/prefix/v2/images?x=1`],
    ['a root-relative Location under the endpoint', () => '/prefix/v2/images?x=1'],
    ['a relative Location', () => 'images?x=1'],
  ])('rewrites %s to the proxy path', async (_what, location) => {
    glanceRoutes.set('/prefix/v2/go', redirectTo(location()))
    const r = await send(proxy.url, '/proxy/image/RegionOne/v2/go', {
      headers: { 'X-Auth-Token': goodToken() },
    })
    expect(r.status).toBe(303)
    expect(r.headers.location).toBe('/proxy/image/RegionOne/v2/images?x=1')
  })

  it.each([
    ['another host', () => 'http://127.0.0.1:1/prefix/v2/images'],
    ['a path outside the endpoint', () => '/other/v2/images'],
    ['a sibling with the same prefix', () => '/prefixed/v2/images'],
    ['userinfo', () => `${glanceUrl.replace('//', '//u:p@')}/prefix/v2`],
    ['another scheme', () => 'javascript:alert(1)'],
  ])('refuses a redirect to %s with 502 and no Location', async (_what, location) => {
    glanceRoutes.set('/prefix/v2/go', redirectTo(location()))
    const r = await send(proxy.url, '/proxy/image/RegionOne/v2/go', {
      headers: { 'X-Auth-Token': goodToken() },
    })
    expect(r.status).toBe(502)
    expect(r.headers.location).toBeUndefined()
    expect(parse(r.body)).toEqual({
      message:
        'The Image service in RegionOne answered with a redirect the panel does not follow. Ask your cloud operator to check it.',
      code: '502 Bad Gateway',
      title: 'Bad Gateway',
    })
  })

  it('rewrites an identity redirect under Keystone to the identity proxy path', async () => {
    const r = await send(proxy.url, '/proxy/identity/v3/projects/moved', {
      headers: { 'X-Auth-Token': goodToken() },
    })
    expect(r.status).toBe(302)
    expect(r.headers.location).toBe('/proxy/identity/v3/projects/p2')
  })
})

describe('catalog URLs', () => {
  it.each(['UserInfo', 'Query', 'Ftp'])(
    'refuses the %s catalog URL with words and nothing echoed',
    async (region) => {
      const r = await send(proxy.url, `/proxy/image/${region}/v2/images`, {
        headers: { 'X-Auth-Token': goodToken() },
      })
      expect(r.status).toBe(502)
      expect(parse(r.body)).toEqual({
        message: `The Image service in ${region} has a catalog address the panel does not use. Ask your cloud operator to check the service catalog.`,
        code: '502 Bad Gateway',
        title: 'Bad Gateway',
      })
      expect(r.body).not.toMatch(/127\.0\.0\.1|pw|ftp:|x=1/)
      expect(glanceHits).toHaveLength(0)
    },
  )
})

describe('tokens Keystone refused, and revocation', () => {
  it('refuses a bad token from a short negative cache: Keystone is asked once', async () => {
    for (let i = 0; i < 3; i++) {
      const r = await send(proxy.url, '/proxy/image/RegionOne/v2/images', {
        headers: { 'X-Auth-Token': 'bad-token' },
      })
      expect(r.status).toBe(401)
      expect(parse(r.body).message).toBe(
        'You are not signed in, or your session has ended. Sign in again.',
      )
    }
    expect(catalogCalls('bad-token')).toBe(1)
    expect(glanceHits).toHaveLength(0)
  })

  it('asks Keystone again once the negative cache has expired', async () => {
    const brief = await startProxy({ refusedTokenTtlMs: 50 })
    await send(brief.url, '/proxy/image/RegionOne/v2/images', {
      headers: { 'X-Auth-Token': 'bad-again' },
    })
    await sleep(80)
    await send(brief.url, '/proxy/image/RegionOne/v2/images', {
      headers: { 'X-Auth-Token': 'bad-again' },
    })
    expect(catalogCalls('bad-again')).toBe(2)
  })

  it('drops a token catalog when the session routes revoke the token', async () => {
    const token = goodToken()
    const use = () =>
      send(proxy.url, '/proxy/image/RegionOne/v2/images', { headers: { 'X-Auth-Token': token } })
    expect((await use()).status).toBe(200)
    proxy.revoked(token)
    glanceHits = []
    ksHits = []
    expect((await use()).status).toBe(401)
    expect(glanceHits).toHaveLength(0)
    expect(ksHits).toHaveLength(0)
  })

  it('asks Keystone again before a change, so a token revoked elsewhere changes nothing', async () => {
    const token = goodToken()
    const list = () =>
      send(proxy.url, '/proxy/image/RegionOne/v2/images', { headers: { 'X-Auth-Token': token } })
    expect((await list()).status).toBe(200)
    // Revoked at Keystone through another instance: this one's cache does not know.
    revoked.add(token)
    glanceHits = []
    const change = await send(proxy.url, '/proxy/image/RegionOne/v2/images', {
      method: 'POST',
      headers: { 'X-Auth-Token': token, 'Content-Type': 'application/json' },
      body: '{}',
    })
    expect(change.status).toBe(401)
    expect(glanceHits).toHaveLength(0)
  })
})

describe('cloud not answering', () => {
  const words = (subject: string, what: string) =>
    `${subject} ${what}. Try again in a moment; if it goes on, ask your cloud operator to check it.`

  it('answers 502 with words when the image endpoint refuses connections', async () => {
    const r = await send(proxy.url, '/proxy/image/Down/v2/images', {
      headers: { 'X-Auth-Token': goodToken() },
    })
    expect(r.status).toBe(502)
    expect(parse(r.body)).toEqual({
      message: words('The Image service in Down', 'is not answering'),
      code: '502 Bad Gateway',
      title: 'Bad Gateway',
    })
    expect(r.body).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|Error/)
  })

  it('answers 504 with words when the image endpoint is too slow', async () => {
    glanceRoutes.set('/prefix/v2/slow', () => {}) // never answers
    const started = Date.now()
    const r = await send(proxy.url, '/proxy/image/RegionOne/v2/slow', {
      headers: { 'X-Auth-Token': goodToken() },
    })
    expect(Date.now() - started).toBeGreaterThanOrEqual(TIMEOUT_MS - 20)
    expect(r.status).toBe(504)
    expect(parse(r.body)).toEqual({
      message: words('The Image service in RegionOne', 'did not answer within 0.4 s'),
      code: '504 Gateway Timeout',
      title: 'Gateway Timeout',
    })
  })

  it('answers 504 when the catalog fetch is too slow', async () => {
    const r = await send(proxy.url, '/proxy/image/RegionOne/v2/images', {
      headers: { 'X-Auth-Token': 'slow' },
    })
    expect(r.status).toBe(504)
    expect(parse(r.body).message).toBe(words('The Identity service', 'did not answer within 0.4 s'))
  })

  it('answers 502 with words when Keystone is down, on identity and service routes', async () => {
    const orphan = await startProxy({ authUrl: `${deadUrl}/v3` })
    const projects = await send(orphan.url, '/proxy/identity/v3/auth/projects', {
      headers: { 'X-Auth-Token': goodToken() },
    })
    const list = await send(orphan.url, '/proxy/image/RegionOne/v2/images', {
      headers: { 'X-Auth-Token': goodToken() },
    })
    for (const r of [projects, list]) {
      expect(r.status).toBe(502)
      expect(parse(r.body)).toEqual({
        message: words('The Identity service', 'is not answering'),
        code: '502 Bad Gateway',
        title: 'Bad Gateway',
      })
      expect(r.headers['cache-control']).toBe('no-store')
    }
  })

  it('never writes a token in its logs', async () => {
    const token = goodToken()
    await send(proxy.url, '/proxy/image/Down/v2/images', { headers: { 'X-Auth-Token': token } })
    await send(proxy.url, '/proxy/image/RegionOne/v2/images', {
      headers: { 'X-Auth-Token': 'slow' },
    })
    const text = proxy.logs.join('')
    expect(text).toContain('upstream not answering')
    expect(text).not.toContain(token)
    expect(text).not.toContain('"slow"')
  })
})

describe('bodies and limits', () => {
  /** Starts a raw request and hands back its pieces, so a test can write a body bit by bit. */
  function open(base: string, path: string, headers: Record<string, string>, method = 'PUT') {
    const u = new URL(base)
    const req = httpRequest({ host: u.hostname, port: u.port, path, method, headers, agent: false })
    const response = new Promise<IncomingMessage | Error>((resolve) => {
      req.on('response', resolve)
      req.on('error', resolve)
    })
    return { req, response }
  }

  /** Sends `total` bytes of body as fast as the proxy takes them; resolves with what happened. */
  async function sendBody(
    req: ClientRequest,
    response: Promise<IncomingMessage | Error>,
    total: number,
  ) {
    const errors: string[] = []
    req.on('error', (e: NodeJS.ErrnoException) => errors.push(e.code ?? e.message))
    const chunk = Buffer.alloc(MiB, 0x61)
    for (let sent = 0; sent < total && errors.length === 0; sent += MiB) {
      await new Promise<void>((resolve) => req.write(chunk, () => resolve()))
    }
    req.end()
    const res = await response
    return { res, errors }
  }

  it('answers 413 to a Content-Length over the limit, forwarding nothing, once the body is thrown away', async () => {
    // Connection: close (agent: false): answered mid-body, Node would close such a socket under
    // the client, which would meet EPIPE instead of the 413.
    const { req, response } = open(proxy.url, '/proxy/image/RegionOne/v2/images/x/file', {
      'X-Auth-Token': goodToken(),
      'Content-Type': 'application/octet-stream',
      'Content-Length': String(40 * MiB),
    })
    const { res, errors } = await sendBody(req, response, 40 * MiB)
    expect(errors).toEqual([])
    expect(res).not.toBeInstanceOf(Error)
    const r = res as IncomingMessage
    expect(r.statusCode).toBe(413)
    expect(parse(await readAll(r))).toMatchObject({ code: '413 Request Entity Too Large' })
    expect(ksHits).toHaveLength(0)
    expect(glanceHits).toHaveLength(0)
  })

  it('answers a body over the limit that stops coming after the linger time, and closes', async () => {
    const brief = await startProxy({ lingerMs: 300 })
    const { req, response } = open(brief.url, '/proxy/image/RegionOne/v2/images/x/file', {
      'X-Auth-Token': goodToken(),
      'Content-Type': 'application/octet-stream',
      'Content-Length': String(200 * MiB),
    })
    req.on('error', () => {})
    req.flushHeaders() // headers only, and then nothing
    const started = Date.now()
    const r = (await response) as IncomingMessage
    expect(Date.now() - started).toBeGreaterThanOrEqual(250)
    expect(r.statusCode).toBe(413)
    expect(r.headers.connection).toBe('close')
    req.destroy()
    expect(glanceHits).toHaveLength(0)
  })

  it('answers 413 to an identity body over the limit, with no token', async () => {
    const { req, response } = open(
      proxy.url,
      '/proxy/identity/v3/auth/tokens',
      { 'Content-Type': 'application/json', 'Content-Length': String(20 * MiB) },
      'POST',
    )
    const { res } = await sendBody(req, response, 20 * MiB)
    expect((res as IncomingMessage).statusCode).toBe(413)
    expect(ksHits).toHaveLength(0)
  })

  it('cuts off a chunked body that grows past the limit and aborts the upstream request', async () => {
    let received = 0
    let upstreamClosed = false
    let upstreamComplete = false
    glanceRoutes.set('/prefix/v2/images/x/file', (req) => {
      req.on('data', (c: Buffer) => (received += c.length))
      req.on('end', () => (upstreamComplete = true))
      req.socket.on('close', () => (upstreamClosed = true))
    })
    const { req, response } = open(proxy.url, '/proxy/image/RegionOne/v2/images/x/file', {
      'X-Auth-Token': goodToken(),
      'Content-Type': 'application/octet-stream',
    })
    req.on('error', () => {}) // the proxy may close while we still write
    const chunk = Buffer.alloc(64 * 1024, 1)
    let sent = 0
    let answered = false
    void response.then(() => (answered = true))
    while (sent < 4 * MiB && !answered && !req.destroyed) {
      if (!req.write(chunk)) await new Promise((r) => setTimeout(r, 5))
      sent += chunk.length
      await sleep(1)
    }
    req.end()
    const res = await response
    if (!(res instanceof Error)) {
      expect(res.statusCode).toBe(413)
      expect(parse(await readAll(res)).message).toBe(
        'The request body is larger than the proxy accepts (1048576 bytes).',
      )
    }
    req.destroy()
    expect(await until(() => upstreamClosed)).toBe(true)
    expect(upstreamComplete).toBe(false)
    expect(received).toBeLessThanOrEqual(MiB)
  })

  it('streams a request body: the upstream sees its start before the client has finished', async () => {
    let received = 0
    let finished = false
    glanceRoutes.set('/prefix/v2/images/x/file', (req, res) => {
      req.on('data', (c: Buffer) => (received += c.length))
      req.on('end', () => {
        finished = true
        res.writeHead(204)
        res.end()
      })
    })
    const { req, response } = open(proxy.url, '/proxy/image/RegionOne/v2/images/x/file', {
      'X-Auth-Token': goodToken(),
      'Content-Type': 'application/octet-stream',
      'Content-Length': String(512 * 1024),
    })
    req.write(Buffer.alloc(256 * 1024, 2))
    expect(await until(() => received === 256 * 1024)).toBe(true)
    expect(finished).toBe(false)
    req.end(Buffer.alloc(256 * 1024, 3))
    const res = (await response) as IncomingMessage
    expect(res.statusCode).toBe(204)
    expect(received).toBe(512 * 1024)
  })

  it('streams a large answer: a client that stops reading holds the upstream back', async () => {
    const total = 50 * MiB
    let written = 0
    glanceRoutes.set('/prefix/v2/images/big/file', (_req, res) => {
      res.writeHead(200, {
        'Content-Type': 'application/octet-stream',
        'Content-Length': String(total),
      })
      const chunk = Buffer.alloc(64 * 1024, 7)
      const pump = () => {
        while (written < total) {
          written += chunk.length
          if (!res.write(chunk)) {
            res.once('drain', pump)
            return
          }
        }
        res.end()
      }
      pump()
    })
    const { req, response } = open(
      proxy.url,
      '/proxy/image/RegionOne/v2/images/big/file',
      { 'X-Auth-Token': goodToken() },
      'GET',
    )
    req.end()
    const res = (await response) as IncomingMessage
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-length']).toBe(String(total))
    res.pause()
    await sleep(500)
    // Socket buffers on loopback hold a few MiB; a buffering proxy would have taken all 50.
    expect(written).toBeLessThan(20 * MiB)
    let got = 0
    res.on('data', (c: Buffer) => (got += c.length))
    res.resume()
    await new Promise((r) => res.on('end', r))
    expect(got).toBe(total)
  })

  it('aborts the upstream request when the client goes away before the answer', async () => {
    const patient = await startProxy({ upstreamTimeoutMs: 10_000 })
    let upstreamClosed = 0
    let arrived = false
    glanceRoutes.set('/prefix/v2/slow', (req) => {
      arrived = true
      req.socket.on('close', () => (upstreamClosed = Date.now()))
    })
    const { req } = open(
      patient.url,
      '/proxy/image/RegionOne/v2/slow',
      { 'X-Auth-Token': goodToken() },
      'GET',
    )
    req.on('error', () => {})
    req.end()
    expect(await until(() => arrived)).toBe(true)
    const leftAt = Date.now()
    req.destroy()
    expect(await until(() => upstreamClosed > 0, 2000)).toBe(true)
    expect(upstreamClosed - leftAt).toBeLessThan(2000)
  })

  it('aborts the upstream answer when the client goes away in the middle of it', async () => {
    let upstreamClosed = false
    glanceRoutes.set('/prefix/v2/images/endless/file', (req, res) => {
      req.socket.on('close', () => (upstreamClosed = true))
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' })
      const chunk = Buffer.alloc(64 * 1024, 7)
      const timer = setInterval(() => res.write(chunk), 5)
      res.on('close', () => clearInterval(timer))
    })
    const { req, response } = open(
      proxy.url,
      '/proxy/image/RegionOne/v2/images/endless/file',
      { 'X-Auth-Token': goodToken() },
      'GET',
    )
    req.on('error', () => {})
    req.end()
    const res = (await response) as IncomingMessage
    res.on('error', () => {})
    await new Promise((r) => res.once('data', r))
    req.destroy()
    expect(await until(() => upstreamClosed)).toBe(true)
  })
})
