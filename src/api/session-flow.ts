import * as v from 'valibot'
import { publicRegions } from './catalog.ts'
import { tokenSchema, type Catalog, type TokenBody } from './schemas.ts'

/**
 * The panel's session as its server keeps it (server/session.ts) and the demo cloud plays it
 * (mocks/panel-server.ts): sign-in, project switch, validation and revocation at Keystone, and
 * what the browser is told. One code for both sides, each handing in how it reaches Keystone; it
 * imports only valibot and its neighbours, so the server compiles it as it is (tsconfig.server).
 * The browser never sees a token: it gets a `SessionView` and an HttpOnly cookie (docs/sessions.md).
 */

/** Sent on every session and proxy request: the session the tab acts in (not a secret), and CSRF's custom header. */
export const SESSION_HEADER = 'X-Panel-Session'
/** The header's value before a tab has a session (sign-in). */
export const NO_SESSION = 'none'

export const SESSION_PATH = '/session'
export const SESSION_PROJECT_PATH = '/session/project'
export const SESSION_REGION_PATH = '/session/region'

/** What the server seals into the cookie: the token never leaves the server. */
export type StoredSession = {
  /** A random ID the tab echoes in SESSION_HEADER; a new one on every sign-in and project switch. */
  sid: string
  token: string
  /** The region a new tab opens in (the user's last choice). */
  region: string
  expiresAt: string
}

/**
 * What the browser gets: everything about the session except the token (the page reads it with
 * `sessionSchema`, src/api/scope.ts).
 */
export type SessionView = {
  id: string
  expiresAt: string
  user: { id: string; name: string; domainName: string }
  project: { id: string; name: string } | null
  roles: string[]
  catalog: Catalog
  region: string
}

export type Credentials = {
  username: string
  password: string
  domain: string
  /** Project name in the user's domain; none for an unscoped sign-in. */
  project?: string | undefined
}

export const credentialsSchema = v.object({
  username: v.pipe(v.string(), v.minLength(1), v.maxLength(255)),
  password: v.pipe(v.string(), v.minLength(1), v.maxLength(4096)),
  domain: v.pipe(v.string(), v.minLength(1), v.maxLength(255)),
  project: v.optional(v.pipe(v.string(), v.maxLength(255))),
})
/** POST /session's body: the credentials, and the region the user last chose, if the page knows it. */
export const signInSchema = v.object({
  ...credentialsSchema.entries,
  region: v.optional(v.string()),
})
export const projectChoiceSchema = v.object({
  projectId: v.pipe(v.string(), v.regex(/^\S{1,64}$/)),
})
export const regionChoiceSchema = v.object({ region: v.pipe(v.string(), v.regex(/^\S{1,255}$/)) })

/**
 * One call to Keystone, `path` under its /v3 base. It rejects when Keystone cannot be reached,
 * with an error named 'TimeoutError' when it did not answer in time.
 */
export type KeystoneCall = (
  path: string,
  init: { method: 'GET' | 'POST' | 'DELETE'; headers?: Record<string, string>; body?: unknown },
) => Promise<Response>

export type Issued = { ok: true; token: string; body: TokenBody['token'] }
export type Failure = { ok: false; status: number; message: string }

const tryAgain = 'Try again in a moment; if it goes on, ask your cloud operator to check it.'

export const notSignedIn = 'You are not signed in, or your session has ended. Sign in again.'
/** A request naming a session other than the browser's: the tab follows the new one first. */
export const otherTab =
  'The session changed in another tab of this browser (a sign-in, sign-out or project switch). This tab follows it now.'
/** What a session route says of a body it cannot use. */
export const badBody = {
  signIn: 'Give a user name, a password and a domain.',
  project: 'Name the project to switch to by its ID.',
  region: 'Name the region.',
} as const

/** The error shape of every answer of the panel's server (and of Glance): the page reads one. */
export function panelError(status: number, message: string) {
  const title = REASON_TITLES[status] ?? 'Error'
  return { message, code: `${status} ${title}`, title }
}
const REASON_TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  502: 'Bad Gateway',
  504: 'Gateway Timeout',
}
/** GET /session's answer when the browser had a session and Keystone no longer takes its token. */
export const sessionEnded =
  'Your session has ended: its token expired or was revoked. Sign in again.'

const REASONS: Record<number, string> = {
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
}

/** Keystone could not be asked: the words say it is the panel's server that could not reach it. */
function unreachable(e: unknown): Failure {
  return e instanceof Error && e.name === 'TimeoutError'
    ? {
        ok: false,
        status: 504,
        message: `The Identity service (Keystone) did not answer the panel's server in time. ${tryAgain}`,
      }
    : {
        ok: false,
        status: 502,
        message: `The panel's server could not reach the Identity service (Keystone). Try again in a moment; if it goes on, ask your cloud operator whether Keystone is up.`,
      }
}

async function keystoneMessage(r: Response): Promise<string> {
  try {
    const body = (await r.json()) as { error?: { message?: unknown } }
    return typeof body.error?.message === 'string' ? body.error.message : ''
  } catch {
    return ''
  }
}

async function failed(r: Response): Promise<Failure> {
  const theirs = await keystoneMessage(r)
  if (r.status >= 500) {
    const reason = REASONS[r.status] ?? 'Error'
    return {
      ok: false,
      status: 502,
      message: `The Identity service (Keystone) failed (${r.status} ${reason}). ${tryAgain}${theirs ? ` Keystone said: ${theirs}` : ''}`,
    }
  }
  return { ok: false, status: r.status, message: theirs || `Keystone answered ${r.status}.` }
}

async function issue(ks: KeystoneCall, auth: unknown): Promise<Issued | Failure> {
  let r: Response
  try {
    r = await ks('/auth/tokens', { method: 'POST', body: { auth } })
  } catch (e) {
    return unreachable(e)
  }
  if (r.status !== 201 && r.status !== 200) return failed(r)
  const token = r.headers.get('X-Subject-Token')
  const parsed = v.safeParse(tokenSchema, await r.json().catch(() => null))
  if (!token || !parsed.success) {
    return {
      ok: false,
      status: 502,
      message: `Keystone's answer to the sign-in was not understood. ${tryAgain}`,
    }
  }
  return { ok: true, token, body: parsed.output.token }
}

/** Keystone's own projects of the token's user (GET /v3/auth/projects). */
async function myProjects(ks: KeystoneCall, token: string): Promise<{ id: string }[]> {
  try {
    const r = await ks('/auth/projects', { method: 'GET', headers: { 'X-Auth-Token': token } })
    if (!r.ok) return []
    const body = (await r.json()) as { projects?: { id?: unknown }[] }
    return (body.projects ?? []).flatMap((p) => (typeof p.id === 'string' ? [{ id: p.id }] : []))
  } catch {
    return []
  }
}

const passwordAuth = (c: Credentials) => ({
  identity: {
    methods: ['password'],
    password: { user: { name: c.username, domain: { name: c.domain }, password: c.password } },
  },
  scope: c.project ? { project: { name: c.project, domain: { name: c.domain } } } : 'unscoped',
})

/**
 * Signs in with a password. With no project named and exactly one project to choose, the token is
 * scoped to it at once (and the unscoped one revoked): there is nothing to choose.
 */
export async function passwordSignIn(ks: KeystoneCall, c: Credentials): Promise<Issued | Failure> {
  const first = await issue(ks, passwordAuth(c))
  if (!first.ok) return first.status === 401 ? explainRefusal(ks, c) : first
  if (first.body.project) return first
  const projects = await myProjects(ks, first.token)
  const only = projects.length === 1 ? projects[0] : undefined
  if (!only) return first
  const scoped = await rescope(ks, first.token, only.id)
  if (!scoped.ok) return first
  void revoke(ks, first.token)
  return scoped
}

/**
 * Keystone answers 401 with one message for a wrong password, an unknown user, a disabled account
 * and a project the user may not use. Asking once more without a project tells the last case apart.
 */
async function explainRefusal(ks: KeystoneCall, c: Credentials): Promise<Failure> {
  if (c.project) {
    const unscoped = await issue(ks, passwordAuth({ ...c, project: undefined }))
    if (unscoped.ok) {
      void revoke(ks, unscoped.token)
      return {
        ok: false,
        status: 401,
        message: `You have no access to a project named “${c.project}” in domain “${c.domain}”, or it does not exist. Leave Project empty to choose from your projects.`,
      }
    }
  }
  return {
    ok: false,
    status: 401,
    message: 'The user name, password or domain is not right, or the account is disabled.',
  }
}

/** Exchanges a token for one scoped to another project of the same user. */
export function rescope(ks: KeystoneCall, token: string, projectId: string) {
  return issue(ks, {
    identity: { methods: ['token'], token: { id: token } },
    scope: { project: { id: projectId } },
  })
}

/**
 * What Keystone says of the token now (GET /v3/auth/tokens, the token validating itself, which
 * Keystone's policy allows its subject): its user, project, roles and catalog, or a 401.
 */
export async function validate(ks: KeystoneCall, token: string): Promise<Issued | Failure> {
  let r: Response
  try {
    r = await ks('/auth/tokens', {
      method: 'GET',
      headers: { 'X-Auth-Token': token, 'X-Subject-Token': token },
    })
  } catch (e) {
    return unreachable(e)
  }
  if (r.status === 401 || r.status === 404) {
    await r.body?.cancel()
    return { ok: false, status: 401, message: sessionEnded }
  }
  if (!r.ok) return failed(r)
  const parsed = v.safeParse(tokenSchema, await r.json().catch(() => null))
  if (!parsed.success) {
    return { ok: false, status: 502, message: `Keystone's answer was not understood. ${tryAgain}` }
  }
  return { ok: true, token, body: parsed.output.token }
}

/** Revokes the token; true when Keystone confirmed it or no longer knows it. */
export async function revoke(ks: KeystoneCall, token: string): Promise<boolean> {
  try {
    const r = await ks('/auth/tokens', {
      method: 'DELETE',
      headers: { 'X-Auth-Token': token, 'X-Subject-Token': token },
    })
    await r.body?.cancel()
    return r.ok || r.status === 401 || r.status === 404
  } catch {
    return false
  }
}

/** The region a session opens in: the one wanted, if the catalog has it, else the catalog's first. */
export function startingRegion(catalog: Catalog, wanted: string | undefined, all: string): string {
  const regions = publicRegions(catalog, 'image')
  if (wanted !== undefined && (wanted === all || regions.includes(wanted))) return wanted
  return regions[0] ?? all
}

/**
 * The session to seal for a token just issued: a new ID, and the region it opens in. An unscoped
 * token has no catalog, so its session has no region until a project is chosen.
 */
export function sessionFor(
  sid: string,
  issued: Issued,
  wantedRegion: string | undefined,
  all: string,
): StoredSession {
  return {
    sid,
    token: issued.token,
    region: issued.body.project
      ? startingRegion(issued.body.catalog ?? [], wantedRegion || undefined, all)
      : '',
    expiresAt: issued.body.expires_at,
  }
}

export function viewOf(stored: StoredSession, body: TokenBody['token']): SessionView {
  return {
    id: stored.sid,
    expiresAt: body.expires_at,
    user: { id: body.user.id, name: body.user.name, domainName: body.user.domain.name },
    project: body.project ? { id: body.project.id, name: body.project.name } : null,
    roles: (body.roles ?? []).map((r) => r.name),
    // The page needs the regions and public URLs only: internal and admin addresses stay here.
    catalog: (body.catalog ?? []).map((service) => ({
      ...service,
      endpoints: service.endpoints.filter((e) => e.interface === 'public'),
    })),
    region: stored.region,
  }
}
