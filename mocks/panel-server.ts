import { getResponse, http, HttpResponse, type RequestHandler } from 'msw'
import {
  badBody,
  notSignedIn,
  otherTab,
  panelError,
  passwordSignIn,
  projectChoiceSchema,
  regionChoiceSchema,
  rescope,
  revoke,
  SESSION_HEADER,
  SESSION_PATH,
  SESSION_PROJECT_PATH,
  SESSION_REGION_PATH,
  sessionFor,
  signInSchema,
  validate,
  viewOf,
  type KeystoneCall,
  type StoredSession,
} from '~/api/session-flow'
import * as v from 'valibot'
import { isBrowserMode } from '~mocks/db'
import { glanceHandlers } from '~mocks/glance/handlers'
import { keystoneHandlers } from '~mocks/keystone'
import { readJson } from '~mocks/respond'

/**
 * The panel's own server, played in the page for the demo (docs/sessions.md): the same /session
 * routes and /proxy paths as server/session.ts and server/proxy.ts, and the same session code
 * (src/api/session-flow.ts), so the browser runs one client in both modes. Where the server keeps
 * the token in an HttpOnly cookie, the demo keeps it in a cookie of its own that the page's code
 * can read (DEMO_COOKIE, one session per browser): the demo's tokens open nothing outside it.
 */

const DEMO_COOKIE = 'isp-demo-session'
let memory: StoredSession | null = null

function stored(): StoredSession | null {
  if (!isBrowserMode()) return memory
  const raw = document.cookie
    .split('; ')
    .find((c) => c.startsWith(`${DEMO_COOKIE}=`))
    ?.slice(DEMO_COOKIE.length + 1)
  if (raw === undefined) return null
  try {
    return JSON.parse(decodeURIComponent(raw)) as StoredSession
  } catch {
    return null
  }
}

// A cookie rather than localStorage: a tab told by another that the session changed must read
// the new one at once, and Chromium hands localStorage writes to other tabs' processes later.
function store(s: StoredSession | null) {
  memory = s
  if (!isBrowserMode()) return
  const value = s === null ? '' : encodeURIComponent(JSON.stringify(s))
  const maxAge =
    s === null ? 0 : Math.max(0, Math.floor((Date.parse(s.expiresAt) - Date.now()) / 1000))
  document.cookie = `${DEMO_COOKIE}=${value}; Path=/; SameSite=Strict; Max-Age=${maxAge}`
}

/** For tests: no browser is signed in. */
export function resetPanelSession() {
  store(null)
}

const error = (status: number, message: string) =>
  HttpResponse.json(panelError(status, message), {
    status,
    headers: { 'Cache-Control': 'no-store' },
  })

/** Calls the demo Keystone's handlers directly, as the server calls Keystone over HTTP. */
function keystoneFor(request: Request): KeystoneCall {
  const base = `${new URL(request.url).origin}/demo-cloud/identity/v3`
  return async (path, init) => {
    const headers: Record<string, string> = { Accept: 'application/json', ...init.headers }
    if (init.body !== undefined) headers['Content-Type'] = 'application/json'
    const r = await getResponse(
      keystoneHandlers,
      new Request(`${base}${path}`, {
        method: init.method,
        headers,
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      }),
    )
    // A planned network fault (mocks/faults.ts): Keystone unreachable from the server.
    if (r === undefined || r.type === 'error') throw new TypeError('Keystone unreachable')
    return r
  }
}

const newSid = () => {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return btoa(String.fromCharCode(...bytes)).replace(/[+/=]/g, '')
}

/** The session a tab acts in, or the 401 the server would answer. */
function tabSession(request: Request): StoredSession | Response {
  const s = stored()
  if (s === null || Date.parse(s.expiresAt) <= Date.now()) return error(401, notSignedIn)
  if (request.headers.get(SESSION_HEADER) !== s.sid) return error(401, otherTab)
  return s
}

/** Forwards a /proxy request to the demo cloud's own handlers with the session's token. */
async function forward(request: Request, target: string, handlers: RequestHandler[]) {
  const session = tabSession(request)
  if (session instanceof Response) return session
  const headers = new Headers()
  for (const name of ['accept', 'accept-language', 'content-type']) {
    const value = request.headers.get(name)
    if (value !== null) headers.set(name, value)
  }
  headers.set('X-Auth-Token', session.token)
  const body = ['GET', 'HEAD'].includes(request.method) ? undefined : await request.arrayBuffer()
  const url = new URL(request.url)
  const inner = new Request(`${url.origin}${target}${url.search}`, {
    method: request.method,
    headers,
    ...(body === undefined ? {} : { body }),
  })
  const r = await getResponse(handlers, inner)
  return r ?? error(404, 'The proxy does not serve this path.')
}

export const panelServerHandlers = [
  http.get(`*${SESSION_PATH}`, async ({ request }) => {
    const s = stored()
    if (s === null) return error(401, notSignedIn)
    const checked = await validate(keystoneFor(request), s.token)
    if (!checked.ok) {
      if (checked.status === 401) store(null)
      return error(checked.status, checked.message)
    }
    return HttpResponse.json({ session: viewOf(s, checked.body) })
  }),

  http.post(`*${SESSION_PATH}`, async ({ request }) => {
    if (request.headers.get(SESSION_HEADER) === null) return error(403, 'Refused.')
    const body = await readJson(request)
    const parsed = v.safeParse(signInSchema, body.kind === 'json' ? body.value : null)
    if (!parsed.success) return error(400, badBody.signIn)
    const { region, ...credentials } = parsed.output
    const ks = keystoneFor(request)
    const issued = await passwordSignIn(ks, credentials)
    if (!issued.ok) return error(issued.status, issued.message)
    const previous = stored()
    if (previous !== null) void revoke(ks, previous.token)
    const next = sessionFor(newSid(), issued, region, 'all')
    store(next)
    return HttpResponse.json({ session: viewOf(next, issued.body) }, { status: 201 })
  }),

  http.post(`*${SESSION_PROJECT_PATH}`, async ({ request }) => {
    const current = tabSession(request)
    if (current instanceof Response) return current
    const body = await readJson(request)
    const parsed = v.safeParse(projectChoiceSchema, body.kind === 'json' ? body.value : null)
    if (!parsed.success) return error(400, badBody.project)
    const ks = keystoneFor(request)
    const issued = await rescope(ks, current.token, parsed.output.projectId)
    if (!issued.ok) return error(issued.status, issued.message)
    const next = sessionFor(newSid(), issued, current.region, 'all')
    store(next)
    void revoke(ks, current.token)
    return HttpResponse.json({ session: viewOf(next, issued.body) })
  }),

  http.post(`*${SESSION_REGION_PATH}`, async ({ request }) => {
    const current = tabSession(request)
    if (current instanceof Response) return current
    const body = await readJson(request)
    const parsed = v.safeParse(regionChoiceSchema, body.kind === 'json' ? body.value : null)
    if (!parsed.success) return error(400, badBody.region)
    store({ ...current, region: parsed.output.region })
    return new HttpResponse(null, { status: 204 })
  }),

  http.delete(`*${SESSION_PATH}`, async ({ request }) => {
    if (request.headers.get(SESSION_HEADER) === null) return error(403, 'Refused.')
    const s = stored()
    store(null)
    if (s === null) return HttpResponse.json({ revoked: true })
    const revoked = await revoke(keystoneFor(request), s.token)
    return HttpResponse.json({ revoked, expiresAt: s.expiresAt })
  }),

  http.all('*/proxy/identity/v3/*', ({ request }) => {
    const path = new URL(request.url).pathname.replace(/^.*\/proxy\/identity\/v3/, '')
    // The server's allowlist (server/proxy.ts): tokens are made and revoked by /session only.
    const allowed =
      request.method === 'GET' && /^\/(auth\/catalog|auth\/projects|projects\/[^/]+)$/.test(path)
    if (!allowed) return error(404, 'The proxy does not forward this Identity path.')
    return forward(request, `/demo-cloud/identity/v3${path}`, keystoneHandlers)
  }),

  http.all('*/proxy/image/:region/*', ({ request, params }) => {
    const region = String(params.region)
    const rest = new URL(request.url).pathname.split(
      `/proxy/image/${encodeURIComponent(region)}`,
    )[1]
    return forward(
      request,
      `/demo-cloud/image/${encodeURIComponent(region)}${rest ?? ''}`,
      glanceHandlers,
    )
  }),
]
