import type { IncomingMessage, ServerResponse } from 'node:http'

/**
 * The same-origin proxy for cloud mode (architecture.md). The browser calls
 *   /proxy/identity/...                 → Keystone (OS_AUTH_URL without its /v3)
 *   /proxy/<service type>/<region>/...  → that service's public endpoint in the catalog of the
 *                                         token the request carries
 * so it reaches Keystone and nothing outside the signed-in user's catalog: no open proxy.
 */

type Endpoint = {
  interface: string
  region?: string | null
  region_id?: string | null
  url: string
}
type CatalogEntry = { type: string; endpoints: Endpoint[] }

export type ProxyOptions = {
  /** Keystone's v3 URL, e.g. http://127.0.0.1:5000/v3 */
  authUrl: string
  defaultDomain?: string
  /** How long a token's catalog is trusted before it is asked again. */
  catalogTtlMs?: number
}

type Next = (err?: unknown) => void
export type Middleware = (req: IncomingMessage, res: ServerResponse, next: Next) => void

// Hop-by-hop headers, and those fetch has already acted on (it decompresses bodies).
const DROP_RESPONSE = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-encoding',
  'content-length',
])
const FORWARD_REQUEST = [
  'accept',
  'accept-language',
  'content-type',
  'x-auth-token',
  'x-subject-token',
  'x-openstack-request-id',
]

const MAX_CACHED_TOKENS = 500

export function openstackProxy(options: ProxyOptions): Middleware {
  const authUrl = options.authUrl.replace(/\/+$/, '')
  const identityBase = authUrl.replace(/\/v3$/, '')
  const ttl = options.catalogTtlMs ?? 60_000
  const catalogs = new Map<string, { at: number; catalog: CatalogEntry[] }>()

  const config = JSON.stringify({
    mode: 'cloud',
    authUrl: '/proxy/identity/v3',
    defaultDomain: options.defaultDomain ?? 'Default',
    endpoints: 'proxy',
  })

  async function catalogFor(token: string): Promise<CatalogEntry[] | Response> {
    const cached = catalogs.get(token)
    if (cached && Date.now() - cached.at < ttl) return cached.catalog
    const r = await fetch(`${authUrl}/auth/catalog`, {
      headers: { 'X-Auth-Token': token, Accept: 'application/json' },
    })
    if (!r.ok) return r
    const body = (await r.json()) as { catalog?: CatalogEntry[] }
    const catalog = body.catalog ?? []
    if (catalogs.size >= MAX_CACHED_TOKENS) catalogs.delete(catalogs.keys().next().value ?? '')
    catalogs.set(token, { at: Date.now(), catalog })
    return catalog
  }

  function endpointIn(catalog: CatalogEntry[], type: string, region: string) {
    for (const entry of catalog) {
      if (entry.type !== type) continue
      const ep = entry.endpoints.find(
        (e) => e.interface === 'public' && (e.region_id ?? e.region) === region,
      )
      if (ep) return ep.url.replace(/\/+$/, '')
    }
    return undefined
  }

  return (req, res, next) => {
    const url = new URL(req.url ?? '/', 'http://panel.local')
    if (url.pathname === '/config.json') {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' })
      res.end(config)
      return
    }
    if (!url.pathname.startsWith('/proxy/')) {
      next()
      return
    }
    handle(req, res, url).catch((e: unknown) => {
      sendError(res, 502, `The proxy could not reach the cloud: ${String(e)}`)
    })
  }

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL) {
    const parts = url.pathname.split('/').slice(2) // after "/proxy/"
    if (parts.some((p) => p === '..' || p === '.')) {
      sendError(res, 400, 'Path segments "." and ".." are not proxied.')
      return
    }
    let target: string
    if (parts[0] === 'identity') {
      target = `${identityBase}/${parts.slice(1).join('/')}`
    } else {
      const [type, region, ...rest] = parts.map(decodeURIComponent)
      const token = header(req, 'x-auth-token')
      if (!type || !region) {
        sendError(res, 404, 'Use /proxy/<service type>/<region>/<path>.')
        return
      }
      if (!token) {
        sendError(res, 401, 'The request you have made requires authentication.')
        return
      }
      const catalog = await catalogFor(token)
      if (catalog instanceof Response) {
        res.writeHead(catalog.status, { 'Content-Type': 'application/json' })
        res.end(await catalog.text())
        return
      }
      const base = endpointIn(catalog, type, region)
      if (!base) {
        sendError(
          res,
          404,
          `The token's catalog has no public ${type} endpoint in region ${region}.`,
        )
        return
      }
      // Appended, not resolved: a catalog URL may carry a path prefix (https://host/image).
      target = `${base}/${rest.map(encodeURIComponent).join('/')}`
    }
    target += url.search

    const headers: Record<string, string> = {}
    for (const name of FORWARD_REQUEST) {
      const value = header(req, name)
      if (value) headers[name] = value
    }
    const method = req.method ?? 'GET'
    const body =
      method === 'GET' || method === 'HEAD' ? undefined : new Uint8Array(await readBody(req))
    const upstream = await fetch(target, { method, headers, body, redirect: 'manual' })
    const out: Record<string, string> = {}
    upstream.headers.forEach((value, name) => {
      if (!DROP_RESPONSE.has(name)) out[name] = value
    })
    const payload = Buffer.from(await upstream.arrayBuffer())
    res.writeHead(upstream.status, out)
    res.end(payload)
  }
}

function header(req: IncomingMessage, name: string) {
  const v = req.headers[name]
  return Array.isArray(v) ? v[0] : v
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

/** Errors in Glance's webob JSON shape, so the panel reads them like any other. */
function sendError(res: ServerResponse, status: number, message: string) {
  const title = { 400: 'Bad Request', 401: 'Unauthorized', 404: 'Not Found', 502: 'Bad Gateway' }[
    status
  ]
  res.writeHead(status, { 'Content-Type': 'application/json' })
  res.end(JSON.stringify({ message, code: `${status} ${title ?? ''}`.trim(), title }))
}
