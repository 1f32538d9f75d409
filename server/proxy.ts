import { createHash } from 'node:crypto'
import {
  Agent as HttpAgent,
  STATUS_CODES,
  request as httpRequest,
  type ClientRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type OutgoingHttpHeaders,
} from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import { Readable, Transform, type TransformCallback } from 'node:stream'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { publicEndpointUrl, type CatalogService } from '../src/api/catalog.ts'
import { notSignedIn, otherTab } from '../src/api/session-flow.ts'
import { FOREIGN, type Sessions } from './session.ts'

/**
 * The same-origin proxy of cloud mode (architecture.md, issue 10):
 *   /proxy/identity/<path>             → Keystone (authUrl without /v3), only the paths the panel calls
 *   /proxy/<type>/<region>/<path>      → the public endpoint of that type and region in the catalog of
 *                                        the session's token, for types in `serviceTypes`
 * The token comes from the session cookie (server/session.ts), never from the page: the proxy adds
 * X-Auth-Token itself, and only for a request that names the cookie's session in X-Panel-Session.
 *
 * Why node:http rather than @fastify/reply-from (read at 12.6.5): reply-from sends the upstream
 * request without an abort signal, so when the client goes away before the upstream answers, the
 * upstream request runs on until its headers timeout; it retries GETs on a 503 up to 10 times,
 * waiting the upstream's Retry-After; and it turns TLS certificate checks off unless told otherwise.
 * node:http streams both ways with backpressure, forwards Content-Length (Keystone behind some WSGI
 * servers refuses chunked bodies, which fetch would send), never decompresses, and is aborted with
 * one `destroy()`.
 */

export type ProxyOptions = {
  /** Keystone's v3 URL, e.g. http://127.0.0.1:5000/v3 */
  authUrl: string
  /** Service types proxied besides identity, e.g. ['image']. */
  serviceTypes: string[]
  /** Request bodies over this many bytes are answered 413. */
  bodyLimit: number
  /** Time allowed for an upstream's (and the catalog's) response headers; 504 after it. */
  upstreamTimeoutMs: number
  /** How long a token's catalog is trusted. */
  catalogTtlMs?: number
  /** How long a token Keystone refused is refused without asking again. */
  refusedTokenTtlMs?: number
  /** Where the token comes from. */
  sessions: Sessions
  /** How long a refused body is read and thrown away before the answer goes anyway (10 s). */
  lingerMs?: number
}

declare module 'fastify' {
  interface FastifyRequest {
    /** For the access log: `<type>/<region>` or `identity` once the proxy has picked an upstream. */
    proxyUpstream: string | null
  }
}

/** Where a request goes, and the words and paths its answers need. */
type Upstream = {
  /** For the access log and server logs. */
  label: string
  /** "The Image service in RegionOne", "The Identity service": the start of every error sentence. */
  subject: string
  /** The upstream's origin (scheme, host, port). */
  base: URL
  /** Its path prefix, no trailing slash ('' for none); redirects must stay under it. */
  basePath: string
  /** The proxy path that stands for `base`. */
  proxyPrefix: string
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Request Entity Too Large',
  502: 'Bad Gateway',
  504: 'Gateway Timeout',
}

/**
 * An error body in Glance's (webob's) JSON shape, which the panel reads like any other: the one
 * shape of every error the server answers, proxied or its own.
 */
export function glanceError(status: number, message: string) {
  const title = REASONS[status] ?? STATUS_CODES[status] ?? 'Error'
  return { message, code: `${status} ${title}`, title }
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']

// What the page calls on Keystone (src/api/keystone.ts); nothing else of Keystone's host is
// reachable. Tokens are issued and revoked by the session routes (server/session.ts), never here.
const IDENTITY_ROUTES: { path: RegExp; methods: string[] }[] = [
  { path: /^\/v3$/, methods: ['GET'] }, // version discovery, harmless
  { path: /^\/v3\/auth\/catalog$/, methods: ['GET'] },
  { path: /^\/v3\/auth\/projects$/, methods: ['GET'] },
  { path: /^\/v3\/projects\/[^/]+$/, methods: ['GET'] },
]

// X-Auth-Token is the session's, set by the proxy; whatever the page sends under that name is dropped.
const FORWARD_REQUEST = ['accept', 'accept-language', 'content-type', 'content-length']
const PASS_RESPONSE = new Set([
  'content-type',
  'content-length',
  'content-encoding',
  'x-openstack-request-id',
  'openstack-request-id',
  'openstack-api-version',
  'etag',
  'last-modified',
  'content-md5',
  'os-hash-algo',
  'os-hash-value',
  'retry-after',
  'allow',
])
/** On every proxied answer: per-token data must not be cached or sniffed into something active. */
const PROTECT = {
  'cache-control': 'no-store',
  vary: 'Cookie',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'; sandbox",
}
/** An OpenStack request ID (`req-<uuid>`): the only client-chosen ID the server passes on or logs. */
export const OPENSTACK_REQUEST_ID =
  /^req-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

const MAX_TOKENS = 1000
const MAX_CATALOG_BYTES = 4 << 20

// The session's token was refused by Keystone: expired, or revoked through another instance.
const AUTH_REQUIRED = notSignedIn

class BodyTooLarge extends Error {}

function hashToken(token: string) {
  return createHash('sha256').update(token).digest('hex')
}

function seconds(ms: number) {
  return `${Number((ms / 1000).toFixed(1))} s`
}

function serviceName(type: string) {
  if (type === 'image') return 'Image service'
  if (type === 'identity') return 'Identity service'
  return `${type} service`
}

function notAnswering(up: Upstream) {
  return `${up.subject} is not answering. Try again in a moment; if it goes on, ask your cloud operator to check it.`
}
function tooSlow(up: Upstream, timeoutMs: number) {
  return `${up.subject} did not answer within ${seconds(timeoutMs)}. Try again in a moment; if it goes on, ask your cloud operator to check it.`
}

function single(v: string | string[] | undefined) {
  return Array.isArray(v) ? v[0] : v
}

/** A catalog URL the proxy may call: http(s), no userinfo, no query or fragment. */
function usableBase(raw: string | undefined): URL | null {
  if (!raw || raw.includes('?') || raw.includes('#')) return null
  let u: URL
  try {
    u = new URL(raw)
  } catch {
    return null
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null
  if (u.username || u.password) return null
  return u
}

function pathPrefix(u: URL) {
  return u.pathname.replace(/\/+$/, '')
}

type ParsedPath =
  | { kind: 'identity'; path: string; search: string }
  | { kind: 'service'; type: string; region: string; path: string; search: string }
  | { kind: 'bad'; message: string }

/**
 * Reads the raw request target, not the router's decoded params: every segment must be a clean
 * percent-encoding with no encoded slash, backslash or dot and no dot segment, so that no front end
 * that decodes or normalizes (nginx, Apache) can read the forwarded path differently.
 */
export function parseProxyPath(rawUrl: string): ParsedPath {
  const q = rawUrl.indexOf('?')
  const pathname = q < 0 ? rawUrl : rawUrl.slice(0, q)
  const search = q < 0 ? '' : rawUrl.slice(q)
  if (!pathname.startsWith('/proxy/')) {
    return { kind: 'bad', message: 'Use /proxy/<service type>/<region>/<path>.' }
  }
  const segments = pathname.slice('/proxy/'.length).split('/')
  const decoded: string[] = []
  for (const s of segments) {
    if (/%(?![0-9a-f]{2})/i.test(s) || /%(2f|5c|2e)/i.test(s) || s.includes('\\')) {
      return { kind: 'bad', message: 'The request path has an escape the proxy does not forward.' }
    }
    if (s === '.' || s === '..') {
      return { kind: 'bad', message: 'Path segments "." and ".." are not proxied.' }
    }
    try {
      decoded.push(decodeURIComponent(s))
    } catch {
      return { kind: 'bad', message: 'The request path has an escape the proxy does not forward.' }
    }
  }
  const rest = (from: number) => '/' + segments.slice(from).join('/')
  if (decoded[0] === 'identity') return { kind: 'identity', path: rest(1), search }
  const [type, region] = decoded
  if (!type || !region) {
    return { kind: 'bad', message: 'Use /proxy/<service type>/<region>/<path>.' }
  }
  return { kind: 'service', type, region, path: segments.length > 2 ? rest(2) : '', search }
}

type CatalogResult =
  { ok: true; catalog: CatalogService[] } | { ok: false; status: number; message: string }

export async function openstackProxy(app: FastifyInstance, opts: ProxyOptions): Promise<void> {
  const authUrl = new URL(opts.authUrl.replace(/\/+$/, ''))
  const catalogUrl = `${authUrl.origin}${pathPrefix(authUrl)}/auth/catalog`
  const serviceTypes = new Set(opts.serviceTypes)
  const timeoutMs = opts.upstreamTimeoutMs
  const catalogTtl = opts.catalogTtlMs ?? 60_000
  const refusedTtl = opts.refusedTokenTtlMs ?? 10_000
  const lingerMs = opts.lingerMs ?? 10_000

  const identity: Upstream = {
    label: 'identity',
    subject: 'The Identity service',
    base: authUrl,
    basePath: pathPrefix(authUrl).replace(/\/v3$/, ''),
    proxyPrefix: '/proxy/identity',
  }

  // Keyed by sha256 of the token, so the process never holds a map of live tokens; both bounded.
  const catalogs = new Map<string, { until: number; catalog: CatalogService[] }>()
  const refused = new Map<string, number>()
  const pending = new Map<string, Promise<CatalogResult>>()
  const agents = {
    http: new HttpAgent({ keepAlive: true, maxSockets: 256 }),
    https: new HttpsAgent({ keepAlive: true, maxSockets: 256 }),
  }

  function remember<V>(map: Map<string, V>, key: string, value: V) {
    map.delete(key)
    if (map.size >= MAX_TOKENS) {
      const oldest = map.keys().next()
      if (!oldest.done) map.delete(oldest.value)
    }
    map.set(key, value)
  }

  async function fetchCatalog(token: string, key: string, log: FastifyRequest['log']) {
    let r: Response
    try {
      r = await fetch(catalogUrl, {
        headers: { 'X-Auth-Token': token, Accept: 'application/json' },
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      })
    } catch (e) {
      const timedOut = e instanceof Error && e.name === 'TimeoutError'
      log.warn({ upstream: 'identity', err: e }, 'catalog fetch failed')
      return timedOut
        ? ({ ok: false, status: 504, message: tooSlow(identity, timeoutMs) } as const)
        : ({ ok: false, status: 502, message: notAnswering(identity) } as const)
    }
    if (r.status === 401 || r.status === 404) {
      await r.body?.cancel()
      remember(refused, key, Date.now() + refusedTtl)
      return { ok: false, status: 401, message: AUTH_REQUIRED } as const
    }
    if (r.status === 403) {
      await r.body?.cancel()
      return {
        ok: false,
        status: 403,
        message: 'This token may not read its service catalog; sign in to a project.',
      } as const
    }
    if (r.status !== 200) {
      await r.body?.cancel()
      log.warn({ upstream: 'identity', status: r.status }, 'catalog fetch answered an error')
      return { ok: false, status: 502, message: notAnswering(identity) } as const
    }
    try {
      const text = await readLimited(r, MAX_CATALOG_BYTES)
      const body = JSON.parse(text) as { catalog?: unknown }
      const catalog = Array.isArray(body.catalog) ? (body.catalog as CatalogService[]) : []
      remember(catalogs, key, { until: Date.now() + catalogTtl, catalog })
      return { ok: true, catalog } as const
    } catch (e) {
      log.warn({ upstream: 'identity', err: e }, 'catalog unreadable')
      return { ok: false, status: 502, message: notAnswering(identity) } as const
    }
  }

  /**
   * `fresh`: for a request that changes something, Keystone is asked again (a token revoked through
   * another instance is then refused at once); reads trust the cached catalog for `catalogTtl`.
   */
  function catalogFor(
    token: string,
    log: FastifyRequest['log'],
    fresh: boolean,
  ): Promise<CatalogResult> {
    const key = hashToken(token)
    const now = Date.now()
    const no = refused.get(key)
    if (no !== undefined && no > now) {
      return Promise.resolve({ ok: false, status: 401, message: AUTH_REQUIRED })
    }
    const hit = catalogs.get(key)
    if (hit && hit.until > now && !fresh) {
      return Promise.resolve({ ok: true, catalog: hit.catalog })
    }
    // Concurrent requests with one token share one Keystone call.
    let p = pending.get(key)
    if (!p) {
      p = fetchCatalog(token, key, log).finally(() => pending.delete(key))
      pending.set(key, p)
    }
    return p
  }

  // A token the session routes revoked is refused at once, without asking Keystone.
  opts.sessions.onRevoked((token) => {
    const key = hashToken(token)
    catalogs.delete(key)
    remember(refused, key, Date.now() + refusedTtl)
  })

  function fail(reply: FastifyReply, status: number, message: string) {
    return reply
      .code(status)
      .headers(PROTECT)
      .header('content-type', 'application/json')
      .send(glanceError(status, message))
  }

  async function handle(request: FastifyRequest, reply: FastifyReply) {
    const method = request.method
    const parsed = parseProxyPath(request.raw.url ?? '/')
    if (parsed.kind === 'bad') return fail(reply, 400, parsed.message)
    if (!METHODS.includes(method)) {
      return fail(reply, 405, `The method ${method} is not proxied.`)
    }
    if (parsed.kind === 'identity') {
      const route = IDENTITY_ROUTES.find((r) => r.path.test(parsed.path))
      if (!route) return fail(reply, 404, 'The proxy does not forward this Identity path.')
      if (!route.methods.includes(method)) {
        return fail(reply, 405, `The method ${method} is not proxied for this Identity path.`)
      }
    } else if (!serviceTypes.has(parsed.type)) {
      return fail(reply, 404, 'The proxy does not serve this service.')
    }
    // Before anything is asked of Keystone or a service: only the panel's own page may change things.
    if (method !== 'GET' && method !== 'HEAD' && opts.sessions.foreign(request) !== null) {
      return fail(reply, 403, FOREIGN)
    }
    const session = await opts.sessions.current(request)
    if (!session) return fail(reply, 401, notSignedIn)
    // A tab still showing a session this browser has left (another tab signed in, out, or
    // switched project) must not act in the new one without knowing it.
    if (opts.sessions.otherTab(request, session) !== null) return fail(reply, 401, otherTab)
    const token = session.token

    if (parsed.kind === 'identity') {
      request.proxyUpstream = identity.label
      return forward(request, reply, identity, parsed.path + parsed.search, token)
    }

    const { type, region } = parsed
    const label = `${type}/${region}`
    request.proxyUpstream = label
    const catalog = await catalogFor(token, request.log, method !== 'GET' && method !== 'HEAD')
    if (!catalog.ok) return fail(reply, catalog.status, catalog.message)

    const subject = `The ${serviceName(type)} in ${region}`
    const raw = publicEndpointUrl(catalog.catalog, type, region)
    if (raw === undefined) {
      return fail(reply, 404, `The token's catalog has no public ${type} endpoint in ${region}.`)
    }
    const base = usableBase(raw)
    if (!base) {
      request.log.warn({ upstream: label }, 'catalog endpoint refused (scheme, userinfo or query)')
      return fail(
        reply,
        502,
        `${subject} has a catalog address the panel does not use. Ask your cloud operator to check the service catalog.`,
      )
    }
    const proxyPrefix = `/proxy/${encodeURIComponent(type)}/${encodeURIComponent(region)}`
    return forward(
      request,
      reply,
      { label, subject, base, basePath: pathPrefix(base), proxyPrefix },
      parsed.path + parsed.search,
      token,
    )
  }

  function forward(
    request: FastifyRequest,
    reply: FastifyReply,
    up: Upstream,
    pathAndSearch: string,
    token: string,
  ): Promise<FastifyReply> {
    return new Promise<FastifyReply>((resolve) => {
      if (reply.raw.destroyed) {
        // The client left while the catalog was being read.
        resolve(reply)
        return
      }
      const headers: OutgoingHttpHeaders = {}
      for (const name of FORWARD_REQUEST) {
        const v = single(request.headers[name])
        if (v !== undefined) headers[name] = v
      }
      headers['x-auth-token'] = token
      const requestId = single(request.headers['x-openstack-request-id'])
      if (requestId && OPENSTACK_REQUEST_ID.test(requestId))
        headers['x-openstack-request-id'] = requestId
      const body = request.body instanceof Readable ? request.body : null
      if (!body) delete headers['content-length']

      const target = `${up.basePath}${pathAndSearch.startsWith('/') ? '' : '/'}${pathAndSearch}`
      const isHttps = up.base.protocol === 'https:'
      const upReq: ClientRequest = (isHttps ? httpsRequest : httpRequest)({
        protocol: up.base.protocol,
        hostname: up.base.hostname.replace(/^\[|\]$/g, ''), // an IPv6 literal without brackets
        port: up.base.port,
        path: target,
        method: request.method,
        headers,
        agent: isHttps ? agents.https : agents.http,
      })

      let done = false
      const finish = (r: FastifyReply) => {
        done = true
        clearTimeout(timer)
        resolve(r)
      }
      const answer = (status: number, message: string) => {
        if (done) return
        upReq.destroy()
        if (body && !request.raw.complete) {
          done = true
          clearTimeout(timer)
          body.unpipe()
          afterTheBody(request.raw, reply, lingerMs, () => resolve(fail(reply, status, message)))
          return
        }
        finish(fail(reply, status, message))
      }

      const timer = setTimeout(() => {
        request.log.warn({ upstream: up.label, timeoutMs }, 'upstream timed out')
        answer(504, tooSlow(up, timeoutMs))
      }, timeoutMs)

      // The client went away: stop the upstream request too (a 'close' after a full answer is a no-op).
      reply.raw.on('close', () => {
        if (!reply.raw.writableFinished) {
          upReq.destroy()
          if (!done) finish(reply)
        }
      })

      upReq.on('error', (err) => {
        if (done) return
        request.log.warn({ upstream: up.label, err }, 'upstream not answering')
        answer(502, notAnswering(up))
      })

      upReq.on('response', (res: IncomingMessage) => {
        if (done) {
          res.destroy()
          return
        }
        const status = res.statusCode ?? 502
        const out = responseHeaders(res.headers)
        const location = single(res.headers.location)
        if (status >= 300 && status < 400 && location !== undefined) {
          const rewritten = rewriteLocation(location, up, target)
          if (rewritten === null) {
            res.destroy()
            request.log.warn({ upstream: up.label, status }, 'upstream redirect refused')
            answer(
              502,
              `${up.subject} answered with a redirect the panel does not follow. Ask your cloud operator to check it.`,
            )
            return
          }
          out.location = rewritten
        }
        // No idle timeout on the body from here: a slow reader stalls the upstream by backpressure,
        // which is not the upstream's fault; the client leaving still aborts it.
        reply.code(status).headers(out).headers(PROTECT)
        if (request.method === 'HEAD' || status === 204 || status === 304) {
          res.resume()
          finish(reply.send())
        } else {
          finish(reply.send(res))
        }
      })

      if (!body) {
        upReq.end()
        return
      }
      let seen = 0
      const limit = opts.bodyLimit
      const counter = new Transform({
        transform(chunk: Buffer, _enc, cb: TransformCallback) {
          seen += chunk.length
          if (seen > limit) cb(new BodyTooLarge())
          else cb(null, chunk)
        },
      })
      counter.on('error', (err) => {
        body.unpipe(counter)
        if (!(err instanceof BodyTooLarge)) {
          upReq.destroy()
          return
        }
        if (done) {
          // The upstream answered before the body ran over: cut the connection.
          upReq.destroy()
          request.raw.socket.destroy()
          return
        }
        answer(413, tooLarge(limit))
      })
      body.on('error', () => upReq.destroy())
      body.pipe(counter).pipe(upReq)
    })
  }

  function responseHeaders(h: IncomingHttpHeaders): Record<string, string> {
    const named = new Set(
      (single(h.connection) ?? '')
        .split(',')
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean),
    )
    const out: Record<string, string> = {}
    for (const [name, value] of Object.entries(h)) {
      if (!PASS_RESPONSE.has(name) || named.has(name) || value === undefined) continue
      out[name] = Array.isArray(value) ? value.join(', ') : value
    }
    return out
  }

  /** A Location under the upstream base, as the same path under the proxy; anything else null. */
  function rewriteLocation(location: string, up: Upstream, target: string): string | null {
    let abs: URL
    try {
      // Relative to the URL that answered, as a browser would read it.
      abs = new URL(location, `${up.base.origin}${target}`)
    } catch {
      return null
    }
    if (abs.origin !== up.base.origin || abs.username || abs.password) return null
    const basePath = up.basePath
    if (abs.pathname !== basePath && !abs.pathname.startsWith(`${basePath}/`)) return null
    const rest = abs.pathname.slice(basePath.length)
    return `${up.proxyPrefix}${rest || '/'}${abs.search}`
  }

  await app.register((scope, _opts, registered) => {
    // Proxied bodies are never parsed or buffered: the handler gets the raw stream.
    scope.removeAllContentTypeParsers()
    scope.addContentTypeParser('*', (_req, payload, done) => {
      done(null, payload)
    })
    if (!scope.hasRequestDecorator('proxyUpstream')) scope.decorateRequest('proxyUpstream', null)

    // A declared length over the limit is refused: nothing is forwarded, and the 413 comes once
    // the body has been thrown away (afterTheBody).
    scope.addHook('onRequest', (request, reply, done) => {
      const declared = Number(single(request.headers['content-length']) ?? 0)
      if (declared > opts.bodyLimit) {
        // Nothing is forwarded: the body is read only to be thrown away (afterTheBody says why).
        afterTheBody(request.raw, reply, lingerMs, () => {
          void fail(reply, 413, tooLarge(opts.bodyLimit))
        })
        return
      }
      done()
    })

    scope.addHook('onClose', (_instance, closed) => {
      agents.http.destroy()
      agents.https.destroy()
      closed()
    })

    const all = [...METHODS, 'OPTIONS', 'TRACE']
    for (const url of ['/proxy', '/proxy/*', '/proxy/identity/*', '/proxy/:type/:region/*']) {
      scope.route({
        method: all,
        url,
        exposeHeadRoute: false,
        handler: (request, reply) =>
          handle(request, reply).catch((err: unknown) => {
            // Never Fastify's default 500 with the exception's text.
            request.log.error({ err, upstream: request.proxyUpstream }, 'proxy failed')
            if (reply.sent) return reply
            return fail(
              reply,
              502,
              "The panel's proxy could not complete this request. Try again; if it goes on, ask your cloud operator to check the panel's logs.",
            )
          }),
      })
    }
    registered()
  })
}

/**
 * Answers a request whose body is refused once the rest of the body has been read and thrown
 * away: answered while the client is still sending, the socket would close under it (Node closes
 * a `Connection: close` client's at once) and the client would meet EPIPE or a reset instead of
 * the answer that says why. A body still arriving after `lingerMs` (huge, or trickled) is cut
 * off: the answer goes with `Connection: close`.
 */
function afterTheBody(
  raw: IncomingMessage,
  reply: FastifyReply,
  lingerMs: number,
  send: () => void,
) {
  if (raw.complete) {
    send()
    return
  }
  let sent = false
  const go = (cutOff: boolean) => {
    if (sent) return
    sent = true
    clearTimeout(timer)
    if (cutOff) void reply.header('connection', 'close')
    send()
  }
  const timer = setTimeout(() => go(true), lingerMs)
  raw.once('end', () => go(false))
  raw.once('close', () => go(true))
  raw.resume()
}

function tooLarge(limit: number) {
  return `The request body is larger than the proxy accepts (${limit} bytes).`
}

async function readLimited(r: Response, max: number): Promise<string> {
  if (!r.body) return ''
  const reader = (r.body as ReadableStream<Uint8Array>).getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.length
    if (size > max) {
      await reader.cancel()
      throw new Error('catalog too large')
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks).toString('utf8')
}
