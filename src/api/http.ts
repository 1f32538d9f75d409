import * as v from 'valibot'
import { glanceErrorSchema, keystoneErrorSchema } from './schemas'
import { SESSION_HEADER } from './session-flow'

export type ApiErrorKind = 'http' | 'network' | 'timeout' | 'schema'

/** Every failure of every call becomes this one shape, so components handle one thing. */
export class ApiError extends Error {
  readonly status: number
  readonly requestId: string | undefined
  readonly kind: ApiErrorKind
  /** The panel's server's code for why (`reason` in its error body): what the page acts on, not the words. */
  readonly reason: string | undefined

  constructor(opts: {
    status: number
    message: string
    requestId?: string | undefined
    kind?: ApiErrorKind
    reason?: string | undefined
  }) {
    super(opts.message)
    this.name = 'ApiError'
    this.status = opts.status
    this.requestId = opts.requestId
    this.kind = opts.kind ?? 'http'
    this.reason = opts.reason
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError

/** Anything thrown, as an ApiError: what is not one already never got an answer from the server. */
export const toApiError = (e: unknown): ApiError =>
  e instanceof ApiError ? e : new ApiError({ status: 0, kind: 'network', message: String(e) })

export const DEFAULT_TIMEOUT_MS = 30_000

/**
 * Called when a request made in a session is answered 401: the session store asks the server
 * what became of it (src/session/session.ts). `session` is the one the refused request named, so
 * a session already replaced is told apart.
 */
let onUnauthorized: (error: ApiError, session: string) => void = () => {}
export function setUnauthorizedHandler(handler: (error: ApiError, session: string) => void) {
  onUnauthorized = handler
}

export type RequestOptions = {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  /** A Keystone token, for calls straight to Keystone or Glance (the contract suite, scripts). */
  token?: string | undefined
  /** The tab's session ID, for calls through the panel's server, which holds the token. */
  session?: string | undefined
  /** Serialized as JSON unless it is already a string. */
  body?: unknown
  contentType?: string
  timeoutMs?: number
  signal?: AbortSignal | undefined
}

export type ApiResponse<T> = { data: T; headers: Headers; status: number }

/** With a schema, the JSON body is validated against it; without one, the body is ignored (204s). */
export async function request<S extends v.GenericSchema>(
  url: string,
  opts: RequestOptions & { schema: S },
): Promise<ApiResponse<v.InferOutput<S>>>
export async function request(url: string, opts?: RequestOptions): Promise<ApiResponse<undefined>>
export async function request(
  url: string,
  opts: RequestOptions & { schema?: v.GenericSchema } = {},
): Promise<ApiResponse<unknown>> {
  const { method = 'GET', token, session, body, schema, timeoutMs = DEFAULT_TIMEOUT_MS } = opts
  // Glance answers errors as HTML unless JSON is asked for (webob picks by Accept).
  const headers: Record<string, string> = { Accept: 'application/json' }
  if (token) headers['X-Auth-Token'] = token
  if (session) headers[SESSION_HEADER] = session
  if (body !== undefined) headers['Content-Type'] = opts.contentType ?? 'application/json'

  // setTimeout rather than AbortSignal.timeout: a test can move the clock past the timeout
  // (Playwright's page.clock, Vitest's fake timers) instead of waiting 30 s of real time.
  const timeout = new AbortController()
  const timer = setTimeout(() => {
    timeout.abort(new DOMException('The request timed out.', 'TimeoutError'))
  }, timeoutMs)
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout.signal]) : timeout.signal
  // It runs until the body is read, as AbortSignal.timeout's did.
  try {
    let response: Response
    try {
      response = await fetch(absoluteUrl(url), {
        method,
        headers,
        body:
          body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
        signal,
      })
    } catch (e) {
      if (timeout.signal.aborted) {
        throw new ApiError({ status: 0, kind: 'timeout', message: timeoutMessage(url, timeoutMs) })
      }
      // A caller's own abort (React Query cancelling) must stay an AbortError.
      if (opts.signal?.aborted) throw e
      throw new ApiError({ status: 0, kind: 'network', message: networkMessage(url) })
    }

    const requestId = response.headers.get('x-openstack-request-id') ?? undefined
    if (!response.ok) {
      const { message, reason } = await readError(response, url)
      const error = new ApiError({
        status: response.status,
        requestId,
        reason,
        message:
          response.status >= 500 && !isGatewayFailure(response.status)
            ? serverFailureMessage(response.status, url, message)
            : message,
      })
      if (response.status === 401 && session) onUnauthorized(error, session)
      throw error
    }

    if (!schema) return { data: undefined, headers: response.headers, status: response.status }

    let json: unknown
    try {
      json = await response.json()
    } catch {
      throw new ApiError({
        status: response.status,
        requestId,
        kind: 'schema',
        message: `${describeUrl(url)} sent a response that is not JSON.`,
      })
    }
    const parsed = v.safeParse(schema, json)
    if (!parsed.success) {
      const issue = parsed.issues[0]
      const path = v.getDotPath(issue)
      throw new ApiError({
        status: response.status,
        requestId,
        kind: 'schema',
        message: `${describeUrl(url)} sent an unexpected response${path ? ` at ${path}` : ''}: ${issue.message}.`,
      })
    }
    return { data: parsed.output, headers: response.headers, status: response.status }
  } finally {
    clearTimeout(timer)
  }
}

/** Same-origin paths (the demo cloud, the proxy) resolve against the page, also where fetch needs a full URL. */
export function absoluteUrl(url: string) {
  return new URL(url, globalThis.location?.href ?? 'http://localhost/').href
}

function describeUrl(url: string) {
  try {
    const u = new URL(url, globalThis.location?.href ?? 'http://localhost/')
    return u.origin === globalThis.location?.origin ? u.pathname : u.host
  } catch {
    return url
  }
}

/**
 * The OpenStack service a URL belongs to, told by the API path each one serves (Glance's `/v2/images`,
 * Keystone's `/v3/auth` and `/v3/projects`), whatever host, proxy or demo path is in front: a
 * failure then names the service to try again or to ask an operator about.
 */
function serviceOf(url: string): { name: string; short: string } | undefined {
  let path: string
  try {
    path = new URL(url, globalThis.location?.href ?? 'http://localhost/').pathname
  } catch {
    return undefined
  }
  if (/\/v2\/(images|schemas)(\/|$)/.test(path))
    return { name: 'the Image service (Glance)', short: 'Glance' }
  if (/\/v3\/(auth|projects)(\/|$)/.test(path))
    return { name: 'the Identity service (Keystone)', short: 'Keystone' }
  if (/^\/session(\/|$)/.test(path))
    return { name: "the panel's server", short: "the panel's server" }
  return undefined
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

const askOperator = 'Try again in a moment; if it goes on, ask your cloud operator to check it.'

function networkMessage(url: string) {
  const service = serviceOf(url)
  return service
    ? `Could not reach ${service.name} at ${describeUrl(url)}. Check your network connection and try again; if it goes on, ask your cloud operator whether ${service.short} is up.`
    : `Could not reach ${describeUrl(url)}. Check your network connection and try again.`
}

function timeoutMessage(url: string, timeoutMs: number) {
  const who = serviceOf(url)?.name ?? describeUrl(url)
  return `${capitalized(who)} did not answer: the request to ${describeUrl(url)} timed out after ${Math.round(timeoutMs / 1000)} s. ${askOperator}`
}

/**
 * A service's own 500 or 503 says what went wrong but not which service, and a 500 not what to
 * do: both are said first, and the service's words follow.
 */
function serverFailureMessage(status: number, url: string, theirs: string) {
  const service = serviceOf(url)
  if (service === undefined) return theirs
  return `${capitalized(service.name)} failed (${status} ${reasonPhrase(status) || 'Error'}). ${askOperator} ${service.short} said: ${theirs}`
}

/** Webob appends `<br /><br />` and newlines to every Glance message. */
export function cleanGlanceMessage(message: string) {
  return message
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

function htmlToText(html: string) {
  const body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? html
  return body
    .replace(/<h1[^>]*>[\s\S]*?<\/h1>/i, ' ')
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim()
}

/** 502 and 504 are a gateway's words: a proxy or load balancer found nobody behind it, in time. */
const isGatewayFailure = (status: number) => status === 502 || status === 504

/**
 * A gateway's own error page (nginx's HTML 502, say) names no service: say in words who is not
 * answering. The panel's proxy answers in Glance's JSON shape with better words, used as they are.
 */
function gatewayMessage(status: number, url: string) {
  const who = isSameOrigin(url) ? "The panel's server" : describeUrl(url)
  const what = status === 504 ? 'did not answer in time' : 'is not answering'
  return `${who} ${what} (${status} ${reasonPhrase(status)}). Try again in a moment; if it goes on, ask your cloud operator to check it.`
}

function isSameOrigin(url: string) {
  try {
    return (
      new URL(url, globalThis.location?.href ?? 'http://localhost/').origin ===
      globalThis.location?.origin
    )
  } catch {
    return false
  }
}

/** The words of an error answer, and the panel's server's `reason` code when it gave one. */
async function readError(
  response: Response,
  url: string,
): Promise<{ message: string; reason?: string }> {
  let reason: string | undefined
  const message = await readErrorMessage(response, url, (json) => {
    const r = (json as { reason?: unknown } | null)?.reason
    reason = typeof r === 'string' ? r : undefined
  })
  return { message, reason }
}

async function readErrorMessage(
  response: Response,
  url: string,
  onJson: (json: unknown) => void,
): Promise<string> {
  const fallback =
    `${response.status} ${response.statusText || reasonPhrase(response.status)}`.trim()
  const gateway = isGatewayFailure(response.status)
  let text = ''
  try {
    text = await response.text()
  } catch {
    return gateway ? gatewayMessage(response.status, url) : fallback
  }
  if (!text.trim()) return gateway ? gatewayMessage(response.status, url) : fallback
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  if (json !== undefined) {
    onJson(json)
    const keystone = v.safeParse(keystoneErrorSchema, json)
    if (keystone.success) return keystone.output.error.message || fallback
    const glance = v.safeParse(glanceErrorSchema, json)
    if (glance.success)
      return cleanGlanceMessage(glance.output.message) || glance.output.title || fallback
    return gateway ? gatewayMessage(response.status, url) : fallback
  }
  if (gateway) return gatewayMessage(response.status, url)
  if (/<html|<body|<h1/i.test(text)) return htmlToText(text) || fallback
  // webob's plain-text form: "403 Forbidden\n\nMSG\n\n\n"
  return text.replace(/^\d{3} [^\n]*\n+/, '').trim() || fallback
}

const reasonPhrases: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Request Entity Too Large',
  415: 'Unsupported Media Type',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
}

/** HTTP's reason phrase; fetch leaves statusText empty over HTTP/2. */
export const reasonPhrase = (status: number) => reasonPhrases[status] ?? ''
