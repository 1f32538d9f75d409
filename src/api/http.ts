import * as v from 'valibot'
import { glanceErrorSchema, keystoneErrorSchema } from './schemas'

export type ApiErrorKind = 'http' | 'network' | 'timeout' | 'schema'

/** Every failure of every call becomes this one shape, so components handle one thing. */
export class ApiError extends Error {
  readonly status: number
  readonly requestId: string | undefined
  readonly kind: ApiErrorKind

  constructor(opts: {
    status: number
    message: string
    requestId?: string | undefined
    kind?: ApiErrorKind
  }) {
    super(opts.message)
    this.name = 'ApiError'
    this.status = opts.status
    this.requestId = opts.requestId
    this.kind = opts.kind ?? 'http'
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError

/** Anything thrown, as an ApiError: what is not one already never got an answer from the server. */
export const toApiError = (e: unknown): ApiError =>
  e instanceof ApiError ? e : new ApiError({ status: 0, kind: 'network', message: String(e) })

export const DEFAULT_TIMEOUT_MS = 30_000

/** Called when a request that carried a token is answered 401: the session ends and sign-in follows. */
let onUnauthorized: (error: ApiError, token: string) => void = () => {}
/** `token` is the one the refused request carried, so a token already replaced is told apart. */
export function setUnauthorizedHandler(handler: (error: ApiError, token: string) => void) {
  onUnauthorized = handler
}

export type RequestOptions = {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  token?: string | undefined
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
  const { method = 'GET', token, body, schema, timeoutMs = DEFAULT_TIMEOUT_MS } = opts
  // Glance answers errors as HTML unless JSON is asked for (webob picks by Accept).
  const headers: Record<string, string> = { Accept: 'application/json' }
  if (token) headers['X-Auth-Token'] = token
  if (body !== undefined) headers['Content-Type'] = opts.contentType ?? 'application/json'

  const timeout = AbortSignal.timeout(timeoutMs)
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout

  let response: Response
  try {
    response = await fetch(absoluteUrl(url), {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      signal,
    })
  } catch (e) {
    if (timeout.aborted) {
      throw new ApiError({
        status: 0,
        kind: 'timeout',
        message: `The request to ${describeUrl(url)} timed out after ${Math.round(timeoutMs / 1000)} s.`,
      })
    }
    // A caller's own abort (React Query cancelling) must stay an AbortError.
    if (opts.signal?.aborted) throw e
    throw new ApiError({
      status: 0,
      kind: 'network',
      message: `Could not reach ${describeUrl(url)}. Check your network connection and try again.`,
    })
  }

  const requestId = response.headers.get('x-openstack-request-id') ?? undefined
  if (!response.ok) {
    const error = new ApiError({
      status: response.status,
      requestId,
      message: await readErrorMessage(response, url),
    })
    if (response.status === 401 && token) onUnauthorized(error, token)
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

async function readErrorMessage(response: Response, url: string): Promise<string> {
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
