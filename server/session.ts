import { randomBytes } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { parseCookie, stringifySetCookie } from 'cookie'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import * as v from 'valibot'
import {
  badBody,
  keystoneOverHttp,
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
  sessionEnded,
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
} from '../src/api/session-flow.ts'
import { sessionSealer, type SealedKind, type SessionKey } from './session-keys.ts'

/**
 * The browser's session with the panel (docs/sessions.md): the server signs in to Keystone and
 * keeps the token in an encrypted HttpOnly cookie; the page gets the session without its token.
 * Every change (sign-in, project, region, sign-out) and every proxied call must come from the
 * panel's own page: a custom header (which no form or no-cors request can send, and which a
 * cross-origin fetch can send only after a preflight the server never grants) and a same-origin
 * Sec-Fetch-Site or Origin.
 */

export type SessionOptions = {
  authUrl: string
  keys: readonly SessionKey[]
  timeoutMs: number
  /** Secure + __Host- even when the request did not come over TLS (a front end that hides it). */
  secureCookie: boolean
  /** The panel's public origin, when the Host header a front end passes lacks it (nginx's $host has no port). */
  publicOrigin: string | undefined
}

/** The session of a request, read once, for the session routes and the proxy. */
export type Sessions = {
  current(request: FastifyRequest): Promise<StoredSession | null>
  /** Why the request may not change anything, or null when it came from the panel's own page. */
  foreign(request: FastifyRequest): string | null
  /** Why the request does not act in the session it names, or null when it does. */
  otherTab(request: FastifyRequest, session: StoredSession): string | null
  keystone: KeystoneCall
  seal(session: StoredSession): Promise<string>
  /** A sign-in half done, or a Web SSO hand-off: sealed like the session, under its own audience. */
  sealAs(kind: SealedKind, claims: Record<string, unknown>, expiresAtMs: number): Promise<string>
  openAs(kind: SealedKind, request: FastifyRequest): Promise<Record<string, unknown> | null>
  /** Whether the cookie is Secure and __Host- prefixed: over TLS, or when configured so. */
  secure(request: FastifyRequest): boolean
  /** Revokes the token at Keystone; true when Keystone confirmed it (or no longer knows it). */
  revoke(token: string): Promise<boolean>
  /** Called with every token the server revoked, so the proxy drops its catalog at once. */
  onRevoked(listener: (token: string) => void): void
}

const COOKIE = 'isp-session'
/** Over TLS: Secure, host-only, Path=/ (the prefix makes the browser hold the server to all three). */
const SECURE_COOKIE = '__Host-isp-session'
/** The cookies of a sign-in in progress, named like the session's. */
const KIND_COOKIES: Record<SealedKind, string> = { step: 'isp-step', sso: 'isp-sso' }
const cookieName = (base: string, secure: boolean) => (secure ? `__Host-${base}` : base)
/** Cookies beyond this are not ours: a browser never sends more than ~4 KB for one. */
const MAX_COOKIE = 8192

/** Keystone's form carries one token (a Fernet token is ~250 characters): nothing else is read. */
const FORM_LIMIT = 16 * 1024
const MAX_TOKEN = 8192

const pendingSchema = v.object({
  receipt: v.string(),
  username: v.string(),
  domain: v.string(),
  project: v.optional(v.string()),
  region: v.optional(v.string()),
  needs: v.picklist(['passcode', 'password']),
  expiresAt: v.string(),
})
const pendingOf = (claims: unknown): PendingStep | null => {
  const parsed = v.safeParse(pendingSchema, claims)
  return parsed.success ? parsed.output : null
}
const regionOf = (body: unknown): string | undefined => {
  const region = (body as { region?: unknown } | null)?.region
  return typeof region === 'string' && region.length <= 255 ? region : undefined
}

export const FOREIGN =
  "This request did not come from the panel's own page, so it was refused. Reload the panel and try again."

export function createSessions(opts: SessionOptions): Sessions {
  const sealer = sessionSealer(opts.keys)
  const listeners: ((token: string) => void)[] = []
  const read = new WeakMap<IncomingMessage, Promise<StoredSession | null>>()

  const keystone = keystoneOverHttp(opts.authUrl, opts.timeoutMs)

  const secure = (request: FastifyRequest) => opts.secureCookie || request.protocol === 'https'

  return {
    keystone,
    seal: (session) => sealer.seal(session),
    sealAs: (kind, claims, expiresAtMs) => sealer.sealAs(kind, claims, expiresAtMs),
    async openAs(kind, request) {
      const value = readCookie(request, cookieName(KIND_COOKIES[kind], secure(request)))
      return value === undefined ? null : sealer.openAs(kind, value)
    },
    secure,
    async revoke(token) {
      const confirmed = await revoke(keystone, token)
      if (confirmed) for (const l of listeners) l(token)
      return confirmed
    },
    current(request) {
      let p = read.get(request.raw)
      if (!p) {
        const value = readCookie(request, secure(request) ? SECURE_COOKIE : COOKIE)
        p = value === undefined ? Promise.resolve(null) : sealer.open(value)
        read.set(request.raw, p)
      }
      return p
    },
    foreign(request) {
      const tab = request.headers[SESSION_HEADER.toLowerCase()]
      if (typeof tab !== 'string' || tab === '') return 'no session header'
      // A browser's own word, which no page can forge; a non-browser client sends Origin instead.
      const site = request.headers['sec-fetch-site']
      if (site !== undefined) return site === 'same-origin' ? null : `Sec-Fetch-Site ${site}`
      const origin = request.headers.origin
      if (origin === undefined) return 'no Origin'
      const own = opts.publicOrigin ?? `${request.protocol}://${request.host}`
      return origin === own ? null : 'foreign Origin'
    },
    otherTab(request, session) {
      const tab = request.headers[SESSION_HEADER.toLowerCase()]
      return tab === session.sid ? null : 'another session'
    },
    onRevoked(listener) {
      listeners.push(listener)
    },
  }

  function readCookie(request: FastifyRequest, cookie: string): string | undefined {
    const header = request.headers.cookie
    if (header === undefined || header.length > 64 * 1024) return undefined
    const value = parseCookie(header)[cookie]
    return value === undefined || value.length > MAX_COOKIE ? undefined : value
  }
}

/** Registers /session: what the page is signed in as, and every change to it. */
export function sessionRoutes(
  app: FastifyInstance,
  { sessions }: { sessions: Sessions },
  done: (err?: Error) => void,
): void {
  const ks = sessions.keystone
  const revokeNow = (token: string) => sessions.revoke(token)
  const isSecure = (request: FastifyRequest) => sessions.secure(request)
  const name = (request: FastifyRequest) => (isSecure(request) ? SECURE_COOKIE : COOKIE)

  /**
   * Strict: no other site can make the browser send them, not even on a link; the panel's HTML
   * needs no cookie (the page asks GET /session), so a link from elsewhere still works.
   */
  function cookie(
    request: FastifyRequest,
    reply: FastifyReply,
    name: string,
    value: string,
    maxAge: number,
  ) {
    void reply.header(
      'set-cookie',
      stringifySetCookie(name, value, {
        httpOnly: true,
        secure: isSecure(request),
        sameSite: 'strict',
        path: '/',
        maxAge,
      }),
    )
  }
  const untilMs = (at: number) => Math.max(0, Math.floor((at - Date.now()) / 1000))

  async function setCookie(request: FastifyRequest, reply: FastifyReply, s: StoredSession) {
    cookie(request, reply, name(request), await sessions.seal(s), untilMs(Date.parse(s.expiresAt)))
  }

  function clearCookie(request: FastifyRequest, reply: FastifyReply) {
    cookie(request, reply, name(request), '', 0)
  }

  const kindCookie = (request: FastifyRequest, kind: SealedKind) =>
    cookieName(KIND_COOKIES[kind], isSecure(request))

  async function setKindCookie(
    request: FastifyRequest,
    reply: FastifyReply,
    kind: SealedKind,
    claims: Record<string, unknown>,
    expiresAtMs: number,
  ) {
    const value = await sessions.sealAs(kind, claims, expiresAtMs)
    cookie(request, reply, kindCookie(request, kind), value, untilMs(expiresAtMs))
  }

  /** Clears a sign-in-in-progress cookie, if the browser sent one. */
  function clearKindCookie(request: FastifyRequest, reply: FastifyReply, kind: SealedKind) {
    if (request.headers.cookie?.includes(`${kindCookie(request, kind)}=`)) {
      cookie(request, reply, kindCookie(request, kind), '', 0)
    }
  }

  const answer = (
    reply: FastifyReply,
    status: number,
    message: string,
    reason?: Failure['reason'],
  ) =>
    reply
      .code(status)
      .header('cache-control', 'no-store')
      .send(panelError(status, message, reason))
  const refuse = (reply: FastifyReply, f: Failure) => answer(reply, f.status, f.message, f.reason)

  /** The session a tab acts in; null once the 401 that says otherwise is sent. */
  async function tabSession(request: FastifyRequest, reply: FastifyReply) {
    const stored = await sessions.current(request)
    if (!stored) await answer(reply, 401, notSignedIn)
    else if (sessions.otherTab(request, stored) !== null) await answer(reply, 401, otherTab)
    else return stored
    return null
  }

  // Before any body is read and before Keystone is asked: changes come from the panel's page only.
  // Web SSO's receiver is the exception: Keystone's page posts to it from Keystone's origin, and
  // what it receives is used only when the tab that started the sign-in claims it (POST /session/sso).
  app.addHook('onRequest', async (request, reply) => {
    if (request.method === 'GET' || request.method === 'HEAD') return
    if (request.method === 'POST' && request.routeOptions.url === SESSION_WEBSSO_PATH) return
    const why = sessions.foreign(request)
    if (why !== null) {
      request.log.info({ refused: why }, 'session change refused')
      return answer(reply, 403, FOREIGN)
    }
  })
  app.addHook('onSend', async (_request, reply) => {
    void reply.header('cache-control', 'no-store')
  })

  const newSid = () => randomBytes(16).toString('base64url')

  app.get(SESSION_PATH, async (request, reply) => {
    const stored = await sessions.current(request)
    if (!stored) {
      // A cookie that no longer opens (past its token's expiry, or under a key since dropped).
      if (!request.headers.cookie?.includes(`${name(request)}=`)) {
        return answer(reply, 401, notSignedIn)
      }
      clearCookie(request, reply)
      return answer(reply, 401, sessionEnded)
    }
    // Keystone's own view, every time: a token revoked anywhere ends the session here too.
    const checked = await validate(ks, stored.token)
    if (!checked.ok) {
      if (checked.status === 401) clearCookie(request, reply)
      return answer(reply, checked.status, checked.message)
    }
    return reply.send({ session: viewOf(stored, checked.body) })
  })

  /** A new session for the browser. One user per browser: whoever was signed in is signed out. */
  async function begin(
    request: FastifyRequest,
    reply: FastifyReply,
    issued: Issued,
    region: string | undefined,
  ) {
    const previous = await sessions.current(request)
    if (previous) void revokeNow(previous.token)
    const stored = sessionFor(newSid(), issued, region, 'all')
    await setCookie(request, reply, stored)
    return reply.code(201).send({ session: viewOf(stored, issued.body) })
  }

  /** Keystone wants another factor: the receipt stays here, sealed, until it expires. */
  async function askNext(request: FastifyRequest, reply: FastifyReply, pending: PendingStep) {
    await setKindCookie(request, reply, 'step', pending, Date.parse(pending.expiresAt))
    return reply.code(202).send({ step: stepViewOf(pending) })
  }

  app.post(SESSION_PATH, async (request, reply) => {
    const parsed = v.safeParse(signInSchema, request.body)
    if (!parsed.success) return answer(reply, 400, badBody.signIn)
    const outcome = await signIn(ks, parsed.output)
    if (outcome.ok === 'step') return askNext(request, reply, outcome.pending)
    if (!outcome.ok) return refuse(reply, outcome)
    // A half-done sign-in of before is over: the secret is used once and kept nowhere.
    clearKindCookie(request, reply, 'step')
    return begin(request, reply, outcome, parsed.output.region)
  })

  app.post(SESSION_STEP_PATH, async (request, reply) => {
    const parsed = v.safeParse(stepSchema, request.body)
    if (!parsed.success) return answer(reply, 400, badBody.step)
    const pending = pendingOf(await sessions.openAs('step', request))
    if (!pending) {
      return answer(reply, 401, signInWords.receiptExpired, 'receipt-expired')
    }
    const outcome = await secondStep(ks, pending, parsed.output)
    if (outcome.ok === 'step') return askNext(request, reply, outcome.pending)
    if (!outcome.ok) {
      // A wrong passcode may be tried again while the receipt lasts; anything else starts over.
      if (!mayTryAgain(outcome.reason)) clearKindCookie(request, reply, 'step')
      return refuse(reply, outcome)
    }
    clearKindCookie(request, reply, 'step')
    return begin(request, reply, outcome, pending.region)
  })

  // Keystone's page posts the token as a form; nothing else here takes one.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: FORM_LIMIT },
    (_request, body, done) => {
      done(null, new URLSearchParams(typeof body === 'string' ? body : body.toString('latin1')))
    },
  )

  app.post(SESSION_WEBSSO_PATH, async (request, reply) => {
    const back = (outcome: SsoOutcome) =>
      reply
        .code(303)
        .header('location', ssoReturn(outcome))
        .header('cache-control', 'no-store')
        .send()
    const token = request.body instanceof URLSearchParams ? request.body.get('token') : null
    if (!token || token.length > MAX_TOKEN) return back('no-token')
    const checked = await validate(ks, token)
    if (!checked.ok) return back(checked.status === 401 ? 'refused' : 'unreachable')
    await setKindCookie(
      request,
      reply,
      'sso',
      { tok: token },
      ssoHandoffUntil(checked.body.expires_at),
    )
    return back('ready')
  })

  app.post(SESSION_SSO_PATH, async (request, reply) => {
    const handed = await sessions.openAs('sso', request)
    clearKindCookie(request, reply, 'sso')
    const token = typeof handed?.tok === 'string' ? handed.tok : null
    if (!token) return answer(reply, 401, signInWords.ssoExpired, 'sso-expired')
    const issued = await ssoSignIn(ks, token)
    if (!issued.ok) return refuse(reply, issued)
    return begin(request, reply, issued, regionOf(request.body))
  })

  app.delete(SESSION_SSO_PATH, async (request, reply) => {
    const handed = await sessions.openAs('sso', request)
    clearKindCookie(request, reply, 'sso')
    // A sign-in this tab did not start (a forged POST to the receiver): its token is of no use.
    if (typeof handed?.tok === 'string') void revokeNow(handed.tok)
    return reply.code(204).send()
  })

  app.post(SESSION_PROJECT_PATH, async (request, reply) => {
    const stored = await tabSession(request, reply)
    if (!stored) return reply
    const parsed = v.safeParse(projectChoiceSchema, request.body)
    if (!parsed.success) return answer(reply, 400, badBody.project)
    const issued = await rescope(ks, stored.token, parsed.output.projectId)
    if (!issued.ok) return answer(reply, issued.status, issued.message)
    const next = sessionFor(newSid(), issued, stored.region, 'all')
    await setCookie(request, reply, next)
    // The token it replaces has done its job.
    void revokeNow(stored.token)
    return reply.send({ session: viewOf(next, issued.body) })
  })

  app.post(SESSION_REGION_PATH, async (request, reply) => {
    const stored = await tabSession(request, reply)
    if (!stored) return reply
    const parsed = v.safeParse(regionChoiceSchema, request.body)
    if (!parsed.success) return answer(reply, 400, badBody.region)
    await setCookie(request, reply, { ...stored, region: parsed.output.region })
    return reply.code(204).send()
  })

  app.delete(SESSION_PATH, async (request, reply) => {
    const stored = await sessions.current(request)
    clearCookie(request, reply)
    if (!stored) return reply.send({ revoked: true })
    const revokedNow = await revokeNow(stored.token)
    return reply.send({ revoked: revokedNow, expiresAt: stored.expiresAt })
  })
  done()
}
