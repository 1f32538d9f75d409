import type { JsonBodyType } from 'msw'
import { delay, HttpResponse } from 'msw'
import { reasonPhrase as httpReasonPhrase } from '~/api/http'
import { isBrowserMode } from '~mocks/db'

/** Response helpers that make the demo cloud answer in Keystone's and Glance's own formats. */

export const DEMO_PATH = '*/demo-cloud'

export const reasonPhrase = (status: number) => httpReasonPhrase(status) || 'Error'

/** Every OpenStack response carries one (oslo.middleware request_id). */
export const requestIdHeader = () => ({ 'x-openstack-request-id': `req-${crypto.randomUUID()}` })

/** Keystone's error shape: {"error": {"code": 401, "title": "Unauthorized", "message": "…"}}. */
export function keystoneError(status: number, message: string, headers: HeadersInit = {}) {
  return HttpResponse.json(
    { error: { code: status, title: reasonPhrase(status), message } },
    { status, headers: { ...requestIdHeader(), ...Object.fromEntries(new Headers(headers)) } },
  )
}

export const KEYSTONE_UNAUTHORIZED = 'The request you have made requires authentication.'

export const keystoneUnauthorized = () =>
  keystoneError(401, KEYSTONE_UNAUTHORIZED, {
    'WWW-Authenticate': 'Keystone uri="/demo-cloud/identity"',
  })

/** webob's default explanations, used when Glance gives none of its own. */
export const webobExplanations = {
  401:
    'This server could not verify that you are authorized to access the document you ' +
    'requested.  Either you supplied the wrong credentials (e.g., bad password), or your ' +
    'browser does not understand how to supply the credentials required.',
  404: 'The resource could not be found.',
  500: 'The server has either erred or is incapable of performing the requested operation.',
  503: 'The server is currently unavailable. Please try again at a later time.',
} as const

const escapeHtml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#x27;')

/**
 * A Glance error as webob renders it (webob/exc.py::generate_response): JSON when the client
 * accepts application/json, an HTML page for text/html, any type or no Accept, plain text otherwise.
 */
export function webobError(
  request: Request,
  status: number,
  explanation: string,
  headers: Record<string, string> = {},
) {
  const statusLine = `${status} ${reasonPhrase(status)}`
  const accept = request.headers.get('Accept') ?? ''
  const init = { status, headers: { ...requestIdHeader(), ...headers } }
  if (accept.includes('application/json')) {
    return HttpResponse.json(
      {
        message: `${explanation}<br /><br />\n\n\n`,
        code: statusLine,
        title: reasonPhrase(status),
      },
      init,
    )
  }
  if (accept === '' || accept.includes('text/html') || accept.includes('*/*')) {
    return HttpResponse.html(
      `<html>\n <head>\n  <title>${statusLine}</title>\n </head>\n <body>\n  <h1>${statusLine}</h1>\n  ${escapeHtml(explanation)}<br /><br />\n\n\n\n </body>\n</html>`,
      init,
    )
  }
  return HttpResponse.text(`${statusLine}\n\n${explanation}\n\n\n`, init)
}

/** JSON success with a request id. */
export function json(body: JsonBodyType, status = 200, headers: Record<string, string> = {}) {
  return HttpResponse.json(body, {
    status,
    headers: { ...requestIdHeader(), ...headers },
  })
}

export const noContent = () => new HttpResponse(null, { status: 204, headers: requestIdHeader() })

/** In the browser the demo feels like a network; Vitest stays fast and deterministic. */
export async function simulateLatency() {
  if (isBrowserMode()) await delay(50 + Math.floor(Math.random() * 100))
}

export type BodyRead = { kind: 'empty' } | { kind: 'malformed' } | { kind: 'json'; value: unknown }

/** Read a JSON body the way Glance's JSONRequestDeserializer does: empty, malformed, or a value. */
export async function readJson(request: Request): Promise<BodyRead> {
  const text = await request.text()
  if (text.length === 0) return { kind: 'empty' }
  try {
    return { kind: 'json', value: JSON.parse(text) as unknown }
  } catch {
    return { kind: 'malformed' }
  }
}
