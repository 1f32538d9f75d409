import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { STATUS_CODES } from 'node:http'
import { join, sep } from 'node:path'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import Fastify, { LogController } from 'fastify'
import fastifyStatic from '@fastify/static'
import { SESSION_WEBSSO_PATH } from '../src/api/session-flow.ts'
import type { ServerConfig, WebSsoChoice } from './config.ts'
import { glanceError, OPENSTACK_REQUEST_ID, openstackProxy } from './proxy.ts'
import { keystoneReadiness } from './readiness.ts'
import { securityHeaders } from './security-headers.ts'
import { createSessions, sessionRoutes } from './session.ts'
import { ephemeralKey } from './session-keys.ts'

export type BuildOptions = {
  /** The built panel to serve (dist-cloud/), or false when Vite serves it (start:cloud, preview:cloud). */
  staticDir?: string | false
  /** Where log lines go (tests capture them); stdout by default. */
  logStream?: NodeJS.WritableStream
}

/** How long /readyz waits for Keystone: well under a load balancer's usual probe timeout. */
const READY_TIMEOUT_MS = 2000
/** Only the proxy takes bodies (with its own limit); everything else is GET. */
const SMALL_BODY_LIMIT = 16 * 1024
const IMMUTABLE = 'public, max-age=31536000, immutable'

/** Keystone's WebSSO endpoint for a choice: by identity provider and protocol, or protocol only. */
export function webSsoLink(keystone: string, choice: WebSsoChoice, receiver: string): string {
  const at = (id: string) => encodeURIComponent(id)
  const path = choice.idp
    ? `/auth/OS-FEDERATION/identity_providers/${at(choice.idp)}/protocols/${at(choice.protocol)}/websso`
    : `/auth/OS-FEDERATION/websso/${at(choice.protocol)}`
  return `${keystone}${path}?origin=${encodeURIComponent(receiver)}`
}

/** The path without the query string: a query may carry anything, and logs keep no secrets. */
function pathOf(url: string | undefined): string {
  const path = (url ?? '/').split('?', 1)[0] ?? '/'
  return path.length > 2048 ? `${path.slice(0, 2048)}…` : path
}

/** nginx's $request_id (32 hex) or a UUID from another front end. */
const FRONT_END_ID = /^[0-9A-Za-z-]{16,64}$/

/** One id per request, taken from the front end or the panel when well-formed, so lines correlate. */
function requestId(req: IncomingMessage): string {
  const header = (name: string) => {
    const v = req.headers[name]
    return typeof v === 'string' ? v : undefined
  }
  const os = header('x-openstack-request-id')
  if (os && OPENSTACK_REQUEST_ID.test(os)) return os
  const fe = header('x-request-id')
  if (fe && FRONT_END_ID.test(fe)) return fe
  return `req-${randomUUID()}`
}

/** The upstream the proxy picked (`image/RegionOne`, `identity`), if any; read defensively. */
function upstreamOf(request: FastifyRequest): string | undefined {
  const v: unknown = request.proxyUpstream
  return typeof v === 'string' && v !== '' ? pathOf(v) : undefined
}

function trustHops(hops: number) {
  return (_address: string, hop: number) => hop < hops
}

/** Deep links of the SPA: a route-like path (no file extension, no dotfile) that may want HTML. */
function isSpaRoute(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false
  const path = pathOf(request.url)
  if (['/proxy', '/assets'].some((p) => path === p || path.startsWith(`${p}/`))) return false
  const segments = path.split('/')
  if (segments.some((s) => s.startsWith('.'))) return false
  if ((segments.at(-1) ?? '').includes('.')) return false
  const accept = request.headers.accept
  return accept === undefined || accept.includes('text/html') || accept.includes('*/*')
}

/**
 * One access line per request, when it completes, instead of Fastify's "incoming" and "completed"
 * pair; errors are logged by the error handler below.
 */
class AccessLog extends LogController {
  override incomingRequest(): void {}
  override routeNotFound(): void {}
  override defaultErrorLog(): void {}
  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const upstream = upstreamOf(request)
    request.log.info(
      {
        method: request.method,
        path: pathOf(request.url),
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
        ...(upstream ? { upstream } : {}),
        remote: request.ip,
        // The answer did not complete (client gone, stream cut): say so, without the details.
        ...(error ? { aborted: true } : {}),
      },
      'request',
    )
  }
}

/**
 * The production server of cloud mode: the same-origin proxy, /config.json, health checks and
 * (for `serve`) the built panel, with security headers on every answer and one access line per
 * request. Fastify rather than a hand-written server: streaming, body limits, routing, request
 * ids, logging and graceful close are kept up by its maintainers.
 */
export async function buildApp(
  config: ServerConfig,
  { staticDir = false, logStream }: BuildOptions = {},
): Promise<FastifyInstance> {
  const headers = securityHeaders({ hsts: config.hsts })
  const app = Fastify({
    logger: {
      level: config.logLevel,
      ...(logStream ? { stream: logStream } : {}),
      timestamp: () => `,"time":"${new Date().toISOString()}"`,
      // Headers are never logged; should a serializer ever touch them, tokens are censored.
      redact: {
        paths: [
          'req.headers["x-auth-token"]',
          'req.headers["x-subject-token"]',
          'res.headers["x-subject-token"]',
          'headers["x-auth-token"]',
          'headers["x-subject-token"]',
        ],
        censor: '[redacted]',
      },
      serializers: {
        req: (req: { method?: string; url?: string }) => ({
          method: req.method,
          path: pathOf(req.url),
        }),
        res: (res: { statusCode?: number }) => ({ status: res.statusCode }),
      },
    },
    logController: new AccessLog(),
    genReqId: requestId,
    // A hop count as Fastify itself implements it (its types take no number).
    trustProxy:
      typeof config.trustProxy === 'number' ? trustHops(config.trustProxy) : config.trustProxy,
    bodyLimit: SMALL_BODY_LIMIT,
    // A client that trickles its request (headers or a body of at most PANEL_BODY_LIMIT) is cut off
    // after a minute, as nginx's client_body_timeout would; Fastify's default is no limit at all.
    requestTimeout: 60_000,
    // On close, idle keep-alive sockets go at once; busy ones finish their request first.
    forceCloseConnections: 'idle',
    // While draining, a request on a kept-alive socket is still answered (with Connection: close,
    // and the security headers) rather than Fastify's bare 503.
    return503OnClosing: false,
    frameworkErrors: (error, request, reply) => {
      // A malformed % escape or an over-long parameter. No hook runs here (and Fastify's types
      // give a generic reply), so the answer is written whole: headers, body, access line.
      const body = JSON.stringify(glanceError(400, 'The request path is malformed.'))
      reply.raw.writeHead(400, {
        ...headers,
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': Buffer.byteLength(body),
        'Cache-Control': 'no-store',
      })
      reply.raw.end(body)
      request.log.info(
        { method: request.method, path: pathOf(request.url), status: 400, code: error.code },
        'request',
      )
    },
  })

  // First, so every answer carries them: routes, static files, 404s, errors, the proxy (which may
  // set a stricter policy of its own on proxied answers).
  app.addHook('onRequest', async (_request, reply) => {
    reply.headers(headers)
  })

  // While draining (app.close() called), answers tell the client not to reuse the socket.
  let draining = false
  app.addHook('preClose', (done) => {
    draining = true
    done()
  })
  app.addHook('onSend', async (_request, reply) => {
    if (draining) reply.header('Connection', 'close')
  })

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status =
      error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 600
        ? error.statusCode
        : 500
    if (status >= 500) request.log.error({ err: error }, 'request failed')
    // Never an exception's text: a fixed sentence per status.
    const message =
      status === 413
        ? 'The request body is larger than the panel accepts.'
        : status >= 500
          ? 'The panel server failed to answer. Try again in a moment.'
          : `${STATUS_CODES[status] ?? 'Bad request'}.`
    return reply.code(status).header('Cache-Control', 'no-store').send(glanceError(status, message))
  })

  const notFound = (reply: FastifyReply) =>
    reply.code(404).header('Cache-Control', 'no-store').send(glanceError(404, 'Not found.'))

  app.setNotFoundHandler((request, reply) => {
    if (staticDir !== false && isSpaRoute(request)) {
      return reply.header('Cache-Control', 'no-cache').sendFile('index.html')
    }
    return notFound(reply)
  })

  app.get('/config.json', async (request, reply) => {
    // The receiver is named as the browser reaches the panel: Keystone sends the user back there
    // only if it is listed, exactly, in its [federation] trusted_dashboard.
    const receiver = `${config.publicOrigin ?? `${request.protocol}://${request.host}`}${SESSION_WEBSSO_PATH}`
    return reply.header('Cache-Control', 'no-cache').send({
      mode: 'cloud',
      authUrl: '/proxy/identity/v3',
      defaultDomain: config.defaultDomain,
      sso: config.webSso.map((choice) => ({
        label: choice.label,
        url: webSsoLink(config.webSsoUrl, choice, receiver),
      })),
    })
  })

  app.get('/healthz', async (_request, reply) => {
    return reply.header('Cache-Control', 'no-store').send({ status: 'ok' })
  })

  const readiness = keystoneReadiness(config.authUrl, { timeoutMs: READY_TIMEOUT_MS })
  app.get('/readyz', async (_request, reply) => {
    const answer = await readiness()
    void reply.header('Cache-Control', 'no-store')
    if (answer.ready) return reply.send({ status: 'ok' })
    return reply.code(503).send({ status: 'unavailable', message: answer.message })
  })

  // No key configured (tests, the dev server): one for this process, so sessions end with it.
  // `serve` refuses to start without one (main.ts).
  const sessions = createSessions({
    authUrl: config.authUrl,
    keys: config.sessionKeys.length > 0 ? config.sessionKeys : [ephemeralKey()],
    timeoutMs: config.upstreamTimeoutMs,
    secureCookie: config.secureCookie,
    publicOrigin: config.publicOrigin,
  })
  await app.register(sessionRoutes, { sessions })

  await app.register(openstackProxy, {
    sessions,
    authUrl: config.authUrl,
    serviceTypes: config.serviceTypes,
    bodyLimit: config.bodyLimit,
    upstreamTimeoutMs: config.upstreamTimeoutMs,
  })

  if (staticDir !== false) {
    const assets = join(staticDir, 'assets') + sep
    await app.register(fastifyStatic, {
      root: staticDir,
      prefix: '/',
      wildcard: true,
      index: ['index.html'],
      redirect: false,
      list: false,
      // Dotfiles and source maps are not part of the panel: 404, as if absent.
      dotfiles: 'ignore',
      allowedPath: (pathName) => !pathName.endsWith('.map'),
      cacheControl: false,
      setHeaders: (reply, path) => {
        // Hashed names change with content; everything else is revalidated on each load.
        void reply.header('Cache-Control', path.startsWith(assets) ? IMMUTABLE : 'no-cache')
      },
    })
  }

  return app
}
