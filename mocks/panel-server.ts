import { getResponse, http, HttpResponse, type RequestHandler } from 'msw'
import {
  badBody,
  notSignedIn,
  otherTab,
  panelError,
  projectChoiceSchema,
  regionChoiceSchema,
  rescope,
  revoke,
  secondStep,
  SESSION_HEADER,
  SESSION_PATH,
  SESSION_PROJECT_PATH,
  SESSION_REGION_PATH,
  SESSION_SSO_PATH,
  SESSION_STEP_PATH,
  SESSION_WEBSSO_PATH,
  sessionFor,
  signIn,
  signInSchema,
  signInWords,
  mayTryAgain,
  ssoHandoffUntil,
  ssoReturn,
  ssoSignIn,
  stepSchema,
  stepViewOf,
  validate,
  viewOf,
  type Failure,
  type Issued,
  type KeystoneCall,
  type PendingStep,
  type SsoOutcome,
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

/**
 * What the server seals into a cookie, kept by the demo in a cookie the page can read: the
 * session, a sign-in's pending second step, a Web SSO hand-off.
 */
function demoCookie<T extends { expiresAt: string }>(name: string) {
  let memory: T | null = null
  return {
    read(): T | null {
      if (!isBrowserMode()) return memory
      const raw = document.cookie
        .split('; ')
        .find((c) => c.startsWith(`${name}=`))
        ?.slice(name.length + 1)
      if (raw === undefined || raw === '') return null
      try {
        return JSON.parse(decodeURIComponent(raw)) as T
      } catch {
        return null
      }
    },
    // A cookie rather than localStorage: a tab told by another that the session changed must read
    // the new one at once, and Chromium hands localStorage writes to other tabs' processes later.
    write(value: T | null) {
      memory = value
      if (!isBrowserMode()) return
      const text = value === null ? '' : encodeURIComponent(JSON.stringify(value))
      const maxAge =
        value === null
          ? 0
          : Math.max(0, Math.floor((Date.parse(value.expiresAt) - Date.now()) / 1000))
      document.cookie = `${name}=${text}; Path=/; SameSite=Strict; Max-Age=${maxAge}`
    },
  }
}

const sessionCookie = demoCookie<StoredSession>('isp-demo-session')
const stepCookie = demoCookie<PendingStep>('isp-demo-step')
const ssoCookie = demoCookie<{ token: string; expiresAt: string }>('isp-demo-sso')
const stored = () => sessionCookie.read()
const store = (s: StoredSession | null) => {
  sessionCookie.write(s)
}

/** For tests: no browser is signed in, and no sign-in is under way. */
export function resetPanelSession() {
  store(null)
  stepCookie.write(null)
  ssoCookie.write(null)
}

const error = (status: number, message: string, reason?: Failure['reason']) =>
  HttpResponse.json(panelError(status, message, reason), {
    status,
    headers: { 'Cache-Control': 'no-store' },
  })
const refuse = (f: Failure) => error(f.status, f.message, f.reason)

/** A new session for the browser; whoever was signed in before is signed out. */
function begin(ks: KeystoneCall, issued: Issued, region: string | undefined) {
  const previous = stored()
  if (previous !== null) void revoke(ks, previous.token)
  const next = sessionFor(newSid(), issued, region, 'all')
  store(next)
  return HttpResponse.json({ session: viewOf(next, issued.body) }, { status: 201 })
}

function askNext(pending: PendingStep) {
  stepCookie.write(pending)
  return HttpResponse.json({ step: stepViewOf(pending) }, { status: 202 })
}

/** Where the receiver sends the browser on (server/session.ts). */
const back = (outcome: SsoOutcome) =>
  new HttpResponse(null, {
    status: 303,
    headers: { Location: ssoReturn(outcome), 'Cache-Control': 'no-store' },
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
    const ks = keystoneFor(request)
    const outcome = await signIn(ks, parsed.output)
    if (outcome.ok === 'step') return askNext(outcome.pending)
    if (!outcome.ok) return refuse(outcome)
    stepCookie.write(null)
    return begin(ks, outcome, parsed.output.region)
  }),

  http.post(`*${SESSION_STEP_PATH}`, async ({ request }) => {
    if (request.headers.get(SESSION_HEADER) === null) return error(403, 'Refused.')
    const body = await readJson(request)
    const parsed = v.safeParse(stepSchema, body.kind === 'json' ? body.value : null)
    if (!parsed.success) return error(400, badBody.step)
    const pending = stepCookie.read()
    if (pending === null || Date.parse(pending.expiresAt) <= Date.now()) {
      stepCookie.write(null)
      return error(401, signInWords.receiptExpired, 'receipt-expired')
    }
    const ks = keystoneFor(request)
    const outcome = await secondStep(ks, pending, parsed.output)
    if (outcome.ok === 'step') return askNext(outcome.pending)
    if (!outcome.ok) {
      if (!mayTryAgain(outcome.reason)) stepCookie.write(null)
      return refuse(outcome)
    }
    stepCookie.write(null)
    return begin(ks, outcome, pending.region)
  }),

  // Keystone's form POST; in the demo the identity provider's page sends it (src/pages/sign-in).
  http.post(`*${SESSION_WEBSSO_PATH}`, async ({ request }) => {
    const form = new URLSearchParams(await request.text())
    const token = form.get('token')
    if (!token) return back('no-token')
    const checked = await validate(keystoneFor(request), token)
    if (!checked.ok) return back(checked.status === 401 ? 'refused' : 'unreachable')
    ssoCookie.write({
      token,
      expiresAt: new Date(ssoHandoffUntil(checked.body.expires_at)).toISOString(),
    })
    return back('ready')
  }),

  http.post(`*${SESSION_SSO_PATH}`, async ({ request }) => {
    if (request.headers.get(SESSION_HEADER) === null) return error(403, 'Refused.')
    const handed = ssoCookie.read()
    ssoCookie.write(null)
    if (handed === null || Date.parse(handed.expiresAt) <= Date.now()) {
      return error(401, signInWords.ssoExpired, 'sso-expired')
    }
    const ks = keystoneFor(request)
    const issued = await ssoSignIn(ks, handed.token)
    if (!issued.ok) return refuse(issued)
    return begin(ks, issued, undefined)
  }),

  http.delete(`*${SESSION_SSO_PATH}`, ({ request }) => {
    if (request.headers.get(SESSION_HEADER) === null) return error(403, 'Refused.')
    const handed = ssoCookie.read()
    ssoCookie.write(null)
    if (handed !== null) void revoke(keystoneFor(request), handed.token)
    return new HttpResponse(null, { status: 204 })
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
