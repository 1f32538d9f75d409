import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { openstackProxy } from './openstack-proxy'

/** Real loopback servers: a Keystone that knows one token, a Glance that echoes, the proxy in front. */
let keystone: Server
let glance: Server
let proxy: Server
let proxyUrl = ''
let glanceHits: { url: string; token: string | undefined; body: string }[] = []

const listen = (s: Server) =>
  new Promise<string>((resolve) => {
    s.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(s.address() as AddressInfo).port}`))
  })

beforeAll(async () => {
  glance = createServer((req, res) => {
    let body = ''
    req.on('data', (c: Buffer) => (body += c.toString()))
    req.on('end', () => {
      glanceHits.push({ url: req.url ?? '', token: req.headers['x-auth-token'] as string, body })
      res.writeHead(200, { 'Content-Type': 'application/json', 'x-openstack-request-id': 'req-1' })
      res.end(JSON.stringify({ images: [] }))
    })
  })
  const glanceUrl = await listen(glance)
  keystone = createServer((req, res) => {
    if (req.url === '/v3/auth/catalog' && req.headers['x-auth-token'] === 'good') {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.end(
        JSON.stringify({
          catalog: [
            {
              type: 'image',
              endpoints: [
                { interface: 'public', region_id: 'RegionOne', url: `${glanceUrl}/prefix/` },
              ],
            },
          ],
        }),
      )
      return
    }
    if (req.url === '/v3/auth/tokens') {
      res.writeHead(201, { 'Content-Type': 'application/json', 'X-Subject-Token': 'good' })
      res.end('{"token":{}}')
      return
    }
    res.writeHead(401, { 'Content-Type': 'application/json' })
    res.end(
      '{"error":{"code":401,"title":"Unauthorized","message":"The request you have made requires authentication."}}',
    )
  })
  const keystoneUrl = await listen(keystone)
  const middleware = openstackProxy({ authUrl: `${keystoneUrl}/v3` })
  proxy = createServer((req, res) =>
    middleware(req, res, () => {
      res.writeHead(418)
      res.end()
    }),
  )
  proxyUrl = await listen(proxy)
})

afterAll(() => {
  for (const s of [keystone, glance, proxy]) s.close()
})

beforeEach(() => {
  glanceHits = []
})

describe('openstackProxy', () => {
  it('serves a cloud config.json that points the panel at the proxy', async () => {
    const r = await fetch(`${proxyUrl}/config.json`)
    expect(await r.json()).toEqual({
      mode: 'cloud',
      authUrl: '/proxy/identity/v3',
      defaultDomain: 'Default',
      endpoints: 'proxy',
    })
  })

  it('passes Keystone through, with the X-Subject-Token header', async () => {
    const r = await fetch(`${proxyUrl}/proxy/identity/v3/auth/tokens`, {
      method: 'POST',
      body: '{}',
    })
    expect(r.status).toBe(201)
    expect(r.headers.get('x-subject-token')).toBe('good')
  })

  it("reaches the token's catalog endpoint, keeping its path prefix, query and body", async () => {
    const r = await fetch(`${proxyUrl}/proxy/image/RegionOne/v2/images/abc/members?limit=2`, {
      method: 'POST',
      headers: { 'X-Auth-Token': 'good', 'Content-Type': 'application/json' },
      body: '{"member":"p1"}',
    })
    expect(r.status).toBe(200)
    expect(r.headers.get('x-openstack-request-id')).toBe('req-1')
    expect(glanceHits).toEqual([
      { url: '/prefix/v2/images/abc/members?limit=2', token: 'good', body: '{"member":"p1"}' },
    ])
  })

  it('refuses a region or service that is not in the catalog: no open proxy', async () => {
    const r = await fetch(`${proxyUrl}/proxy/image/Elsewhere/v2/images`, {
      headers: { 'X-Auth-Token': 'good' },
    })
    expect(r.status).toBe(404)
    expect(((await r.json()) as { message: string }).message).toMatch(
      /no public image endpoint in region Elsewhere/,
    )
    expect(glanceHits).toEqual([])
  })

  it('answers 401 without a token, and passes on Keystone’s 401 for a bad one', async () => {
    expect((await fetch(`${proxyUrl}/proxy/image/RegionOne/v2/images`)).status).toBe(401)
    const r = await fetch(`${proxyUrl}/proxy/image/RegionOne/v2/images`, {
      headers: { 'X-Auth-Token': 'stolen' },
    })
    expect(r.status).toBe(401)
    expect(glanceHits).toEqual([])
  })

  it('leaves other paths to the app', async () => {
    expect((await fetch(`${proxyUrl}/images`)).status).toBe(418)
  })
})
