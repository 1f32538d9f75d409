import { randomBytes } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { parseCookie, stringifySetCookie } from 'cookie'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import * as v from 'valibot'
import {
  badBody,
  notSignedIn,
  otherTab,
  panelError,
  sessionEnded,
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
} from '../src/api/session-flow.ts'
import { sessionSealer, type SessionKey } from './session-keys.ts'

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
/** Cookies beyond this are not ours: a browser never sends more than ~4 KB for one. */
const MAX_COOKIE = 8192

export const FOREIGN =
  "This request did not come from the panel's own page, so it was refused. Reload the panel and try again."

export function createSessions(opts: SessionOptions): Sessions {
  const sealer = sessionSealer(opts.keys)
  const base = opts.authUrl.replace(/\/+$/, '')
  const listeners: ((token: string) => void)[] = []
  const read = new WeakMap<IncomingMessage, Promise<StoredSession | null>>()

  const keystone: KeystoneCall = (path, init) =>
    fetch(`${base}${path}`, {
      method: init.method,
      headers: {
        Accept: 'application/json',
        ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...init.headers,
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      redirect: 'manual',
      signal: AbortSignal.timeout(opts.timeoutMs),
    })

  const secure = (request: FastifyRequest) => opts.secureCookie || request.protocol === 'https'

  return {
    keystone,
    seal: (session) => sealer.seal(session),
    secure,
    async revoke(token) {
      const confirmed = await revoke(keystone, token)
      if (confirmed) for (const l of listeners) l(token)
      return confirmed
    },
    current(request) {
      let p = read.get(request.raw)
      if (!p) {
        const value = cookieOf(request, secure(request))
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

  function cookieOf(request: FastifyRequest, isSecure: boolean): string | undefined {
    const header = request.headers.cookie
    if (header === undefined || header.length > 64 * 1024) return undefined
    const value = parseCookie(header)[isSecure ? SECURE_COOKIE : COOKIE]
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

  async function setCookie(request: FastifyRequest, reply: FastifyReply, s: StoredSession) {
    const maxAge = Math.max(0, Math.floor((Date.parse(s.expiresAt) - Date.now()) / 1000))
    void reply.header(
      'set-cookie',
      stringifySetCookie(name(request), await sessions.seal(s), {
        httpOnly: true,
        secure: isSecure(request),
        // Strict: no other site can make the browser send it, not even on a link; the panel's
        // HTML needs no cookie (the page asks GET /session), so a link from elsewhere still works.
        sameSite: 'strict',
        path: '/',
        maxAge,
      }),
    )
  }

  function clearCookie(request: FastifyRequest, reply: FastifyReply) {
    void reply.header(
      'set-cookie',
      stringifySetCookie(name(request), '', {
        httpOnly: true,
        secure: isSecure(request),
        sameSite: 'strict',
        path: '/',
        maxAge: 0,
      }),
    )
  }

  const answer = (reply: FastifyReply, status: number, message: string) =>
    reply.code(status).header('cache-control', 'no-store').send(panelError(status, message))

  /** The session a tab acts in; null once the 401 that says otherwise is sent. */
  async function tabSession(request: FastifyRequest, reply: FastifyReply) {
    const stored = await sessions.current(request)
    if (!stored) await answer(reply, 401, notSignedIn)
    else if (sessions.otherTab(request, stored) !== null) await answer(reply, 401, otherTab)
    else return stored
    return null
  }

  // Before any body is read and before Keystone is asked: changes come from the panel's page only.
  app.addHook('onRequest', async (request, reply) => {
    if (request.method === 'GET' || request.method === 'HEAD') return
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

  app.post(SESSION_PATH, async (request, reply) => {
    const parsed = v.safeParse(signInSchema, request.body)
    if (!parsed.success) return answer(reply, 400, badBody.signIn)
    const { region, ...credentials } = parsed.output
    const issued = await passwordSignIn(ks, credentials)
    if (!issued.ok) return answer(reply, issued.status, issued.message)
    // One user per browser: whoever was signed in here is signed out, and their token revoked.
    const previous = await sessions.current(request)
    if (previous) void revokeNow(previous.token)
    const stored = sessionFor(newSid(), issued, region, 'all')
    await setCookie(request, reply, stored)
    return reply.code(201).send({ session: viewOf(stored, issued.body) })
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
