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
/** The second step of a multi-factor sign-in: the passcode (or password) Keystone still wants. */
export const SESSION_STEP_PATH = '/session/step'
/**
 * Web SSO's receiver: Keystone's page posts the federated token here (a cross-site form POST). It is
 * what the operator puts in keystone.conf's `[federation] trusted_dashboard`.
 */
export const SESSION_WEBSSO_PATH = '/session/websso'
/** The tab that started a Web SSO sign-in claims (POST) or declines (DELETE) what the receiver got. */
export const SESSION_SSO_PATH = '/session/sso'
/** Where the receiver sends the browser on, with `?sso=` one of SsoOutcome. */
export const SSO_RETURN_PATH = '/sign-in'
export const ssoReturn = (outcome: SsoOutcome) => `${SSO_RETURN_PATH}?sso=${outcome}`
/**
 * Until when the receiver holds a federated token for the tab that started the sign-in: briefly
 * (it claims it at once on its way back), and never past the token itself.
 */
export const ssoHandoffUntil = (tokenExpiresAt: string, now = Date.now()) =>
  Math.min(now + 120_000, Date.parse(utc(tokenExpiresAt)))

/** How a user signs in; what the sign-in page offers again when the session ends. */
export type SignInMethod = 'password' | 'totp' | 'application_credential' | 'sso'
/** What the Web SSO receiver tells the page, in `?sso=`: ready to claim, or why not. */
export type SsoOutcome = 'ready' | 'no-token' | 'refused' | 'unreachable'

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
  method: SignInMethod
  /** An application credential's session: Keystone ties it to the credential's project and roles. */
  applicationCredential: { id: string; name: string; restricted: boolean } | null
}

const text = v.pipe(v.string(), v.minLength(1), v.maxLength(255))
const secret = v.pipe(v.string(), v.minLength(1), v.maxLength(4096))
/** Keystone's TOTP codes are 6 digits by default; a deployment may configure more. */
const passcode = v.pipe(v.string(), v.regex(/^\d{6,10}$/))
const optionalProject = v.optional(v.pipe(v.string(), v.maxLength(255)))
const region = v.optional(v.pipe(v.string(), v.maxLength(255)))

/**
 * POST /session's body: one way in, and the region the user last chose, if the page knows it. A
 * project (by name, in the user's domain) is optional; an application credential has its own.
 */
export const signInSchema = v.pipe(
  v.variant('method', [
    v.object({
      method: v.literal('password'),
      username: text,
      password: secret,
      domain: text,
      project: optionalProject,
      region,
    }),
    v.object({
      method: v.literal('totp'),
      username: text,
      passcode,
      domain: text,
      project: optionalProject,
      region,
    }),
    v.object({
      method: v.literal('application_credential'),
      /** By ID; or by name with its user's name and domain. */
      id: v.optional(text),
      name: v.optional(text),
      user: v.optional(text),
      domain: v.optional(text),
      secret,
      region,
    }),
  ]),
  v.check(
    (b) => b.method !== 'application_credential' || !!b.id || !!(b.name && b.user && b.domain),
    'An application credential is named by its ID, or by its name, user and domain.',
  ),
)
export type SignInBody = v.InferOutput<typeof signInSchema>
export type PasswordSignIn = Extract<SignInBody, { method: 'password' }>

/** POST /session/step's body: what Keystone still wants. */
export const stepSchema = v.union([v.object({ passcode }), v.object({ password: secret })])
export type StepAnswer = v.InferOutput<typeof stepSchema>

/**
 * A sign-in half done: Keystone took one factor and gave an auth receipt for the next. The server
 * keeps it sealed in a short-lived HttpOnly cookie; the page is told only `StepView`.
 */
export type PendingStep = {
  receipt: string
  username: string
  domain: string
  project?: string | undefined
  region?: string | undefined
  needs: 'passcode' | 'password'
  expiresAt: string
}
/** POST /session's 202 answer: what to ask for next, and until when the first step holds. */
export type StepView = { needs: PendingStep['needs']; user: string; expiresAt: string }
export const stepViewOf = (p: PendingStep): StepView => ({
  needs: p.needs,
  user: p.username,
  expiresAt: p.expiresAt,
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

/** Keystone at its v3 URL over HTTP: what the server uses, and the contract suite on both targets. */
export function keystoneOverHttp(authUrl: string, timeoutMs: number): KeystoneCall {
  const base = authUrl.replace(/\/+$/, '')
  return (path, init) =>
    fetch(`${base}${path}`, {
      method: init.method,
      headers: {
        Accept: 'application/json',
        ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...init.headers,
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    })
}

export type Issued = { ok: true; token: string; body: TokenBody['token'] }
export type Failure = { ok: false; status: number; message: string; reason?: Reason }
/** Keystone took a factor and wants another (a 401 with an auth receipt). */
export type StepNeeded = { ok: 'step'; pending: PendingStep }

/** A wrong passcode or password may be tried again while the receipt lasts; any other refusal starts over. */
export const mayTryAgain = (reason: string | undefined) =>
  reason === 'wrong-passcode' || reason === 'wrong-password'

/** Codes of the session routes' refusals that the page acts on (ApiError.reason). */
export type Reason =
  'wrong-passcode' | 'wrong-password' | 'receipt-expired' | 'credential-refused' | 'sso-expired'

const tryAgain = 'Try again in a moment; if it goes on, ask your cloud operator to check it.'

export const notSignedIn = 'You are not signed in, or your session has ended. Sign in again.'
/** A request naming a session other than the browser's: the tab follows the new one first. */
export const otherTab =
  'The session changed in another tab of this browser (a sign-in, sign-out or project switch). This tab follows it now.'
/** What the multi-factor and application-credential sign-ins say when Keystone refuses. */
export const signInWords = {
  wrongPasscode:
    'That passcode is not right, or it has already changed. Enter the code your authenticator app shows now.',
  wrongPassword: 'That password is not right. Try again.',
  receiptExpired:
    'The time to finish signing in ran out (Keystone holds the first step only a few minutes). Sign in again from the start.',
  credentialRefused:
    'The application credential was refused: its ID (or name, user and domain) or secret is not right, or it has expired or been deleted.',
  credentialNeedsMfa:
    'Keystone requires a second factor from this user, so an application credential alone is refused. Sign in with your password and passcode, or ask your cloud operator to allow application credentials in your multi-factor rules.',
  unsupportedRules:
    'Keystone requires a combination of sign-in methods for this user that the panel cannot ask for. Ask your cloud operator which methods your account needs.',
  passcodeRefused:
    'The user name, passcode or domain is not right, or the account is disabled or has no authenticator.',
  ssoExpired: 'The single sign-on answer was not found or came too late. Sign in again.',
} as const

/** What a session route says of a body it cannot use. */
export const badBody = {
  signIn:
    'Give a user name and a password or passcode, and a domain; or an application credential.',
  step: 'Give the passcode (digits only) or the password that Keystone asked for.',
  project: 'Name the project to switch to by its ID.',
  region: 'Name the region.',
} as const

/** The error shape of every answer of the panel's server (and of Glance): the page reads one. */
export function panelError(status: number, message: string, reason?: Reason) {
  const title = REASON_TITLES[status] ?? 'Error'
  return { message, code: `${status} ${title}`, title, ...(reason ? { reason } : {}) }
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

/** Keystone's 401 to a factor it took, when the user's rules want another (an auth receipt). */
type Receipt = { value: string; methods: string[]; required: string[][]; expiresAt: string }

const receiptBodySchema = v.object({
  receipt: v.object({ methods: v.array(v.string()), expires_at: v.string() }),
  required_auth_methods: v.array(v.array(v.string())),
})

type Refused = Failure & { receipt?: Receipt }

async function issue(
  ks: KeystoneCall,
  auth: unknown,
  headers?: Record<string, string>,
): Promise<Issued | Refused> {
  let r: Response
  try {
    r = await ks('/auth/tokens', {
      method: 'POST',
      body: { auth },
      ...(headers ? { headers } : {}),
    })
  } catch (e) {
    return unreachable(e)
  }
  if (r.status === 401) {
    const value = r.headers.get(RECEIPT_HEADER)
    if (value) {
      const body = v.safeParse(receiptBodySchema, await r.json().catch(() => null))
      if (body.success) {
        const { receipt, required_auth_methods } = body.output
        return {
          ok: false,
          status: 401,
          message: '',
          receipt: {
            value,
            methods: receipt.methods,
            required: required_auth_methods,
            expiresAt: utc(receipt.expires_at),
          },
        }
      }
    }
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

/** The header of Keystone's auth receipts (API v3.12 and later). */
export const RECEIPT_HEADER = 'Openstack-Auth-Receipt'

type Factor = { method: 'password'; password: string } | { method: 'totp'; passcode: string }

type Who = { username: string; domain: string; project?: string | undefined }

function factorAuth(who: Who, factor: Factor) {
  const user = { name: who.username, domain: { name: who.domain } }
  return {
    identity:
      factor.method === 'password'
        ? { methods: ['password'], password: { user: { ...user, password: factor.password } } }
        : { methods: ['totp'], totp: { user: { ...user, passcode: factor.passcode } } },
    // Keystone keeps no scope in a receipt: every step names it again.
    scope: who.project
      ? { project: { name: who.project, domain: { name: who.domain } } }
      : 'unscoped',
  }
}

/**
 * With no project named and exactly one project to choose, the token is scoped to it at once (and
 * the unscoped one revoked): there is nothing to choose.
 */
async function scopeIfOnlyOne(ks: KeystoneCall, first: Issued): Promise<Issued> {
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
 * The one factor still missing, when a single password or passcode completes one of the user's
 * rules; the panel asks for nothing else (Keystone's rules may name any method).
 */
function nextFactor(receipt: Receipt): PendingStep['needs'] | null {
  const missing = receipt.required.map((rule) => rule.filter((m) => !receipt.methods.includes(m)))
  if (missing.some((m) => m.length === 1 && m[0] === 'totp')) return 'passcode'
  if (missing.some((m) => m.length === 1 && m[0] === 'password')) return 'password'
  return null
}

function stepOrRefusal(
  receipt: Receipt,
  who: Who & { region?: string | undefined },
): StepNeeded | Failure {
  const needs = nextFactor(receipt)
  if (!needs) return { ok: false, status: 401, message: signInWords.unsupportedRules }
  return {
    ok: 'step',
    pending: { receipt: receipt.value, ...who, needs, expiresAt: receipt.expiresAt },
  }
}

/**
 * Signs in by password, passcode (TOTP) or application credential. A user whose multi-factor
 * rules want another factor gets a `StepNeeded`: the server keeps the receipt, the page asks.
 */
export async function signIn(
  ks: KeystoneCall,
  body: SignInBody,
): Promise<Issued | Failure | StepNeeded> {
  if (body.method === 'application_credential') return credentialSignIn(ks, body)
  const who: Who = { username: body.username, domain: body.domain, project: body.project }
  const factor: Factor =
    body.method === 'password'
      ? { method: 'password', password: body.password }
      : { method: 'totp', passcode: body.passcode }
  const first = await issue(ks, factorAuth(who, factor))
  if (first.ok) return scopeIfOnlyOne(ks, first)
  if (first.receipt) return stepOrRefusal(first.receipt, { ...who, region: body.region })
  if (first.status !== 401) return first
  if (body.method === 'totp')
    return { ok: false, status: 401, message: signInWords.passcodeRefused }
  return explainRefusal(ks, { ...who, password: body.password })
}

/** The factor Keystone still wanted, sent with the receipt; a wrong one may be tried again. */
export async function secondStep(
  ks: KeystoneCall,
  pending: PendingStep,
  answer: StepAnswer,
  now = Date.now(),
): Promise<Issued | Failure | StepNeeded> {
  const expired: Failure = {
    ok: false,
    status: 401,
    message: signInWords.receiptExpired,
    reason: 'receipt-expired',
  }
  if (Date.parse(pending.expiresAt) <= now) return expired
  const factor: Factor | null =
    pending.needs === 'passcode' && 'passcode' in answer
      ? { method: 'totp', passcode: answer.passcode }
      : pending.needs === 'password' && 'password' in answer
        ? { method: 'password', password: answer.password }
        : null
  if (!factor) return { ok: false, status: 400, message: badBody.step }
  const issued = await issue(ks, factorAuth(pending, factor), {
    [RECEIPT_HEADER]: pending.receipt,
  })
  if (issued.ok) return scopeIfOnlyOne(ks, issued)
  if (issued.receipt) return stepOrRefusal(issued.receipt, pending)
  if (issued.status !== 401) return issued
  // Keystone says no more than 401: a receipt past its time, or a wrong factor.
  if (Date.parse(pending.expiresAt) <= Date.now()) return expired
  return factor.method === 'totp'
    ? { ok: false, status: 401, message: signInWords.wrongPasscode, reason: 'wrong-passcode' }
    : { ok: false, status: 401, message: signInWords.wrongPassword, reason: 'wrong-password' }
}

type CredentialSignIn = Extract<SignInBody, { method: 'application_credential' }>

/**
 * An application credential: Keystone scopes the token to the credential's project itself and
 * refuses any other scope, and the secret is used once, here, and kept nowhere.
 */
async function credentialSignIn(ks: KeystoneCall, c: CredentialSignIn): Promise<Issued | Failure> {
  const credential = c.id
    ? { id: c.id, secret: c.secret }
    : { name: c.name, secret: c.secret, user: { name: c.user, domain: { name: c.domain } } }
  const issued = await issue(ks, {
    identity: { methods: ['application_credential'], application_credential: credential },
  })
  if (issued.ok) return issued
  if (issued.receipt) return { ok: false, status: 401, message: signInWords.credentialNeedsMfa }
  // Keystone says 404 for an ID it does not know (never made, or deleted), 401 for the rest.
  if (issued.status !== 401 && issued.status !== 404) return issued
  return {
    ok: false,
    status: 401,
    message: signInWords.credentialRefused,
    reason: 'credential-refused',
  }
}

/**
 * Web SSO: Keystone posted an unscoped federated token to the receiver. Keystone's own word on it
 * (and the user behind it), then the project if there is only one.
 */
export async function ssoSignIn(ks: KeystoneCall, token: string): Promise<Issued | Failure> {
  const checked = await validate(ks, token)
  if (!checked.ok) return checked
  return scopeIfOnlyOne(ks, checked)
}

/**
 * Keystone answers 401 with one message for a wrong password, an unknown user, a disabled account
 * and a project the user may not use. Asking once more without a project tells the last case apart.
 */
async function explainRefusal(ks: KeystoneCall, c: Who & { password: string }): Promise<Failure> {
  if (c.project) {
    const unscoped = await issue(
      ks,
      factorAuth({ ...c, project: undefined }, { method: 'password', password: c.password }),
    )
    // Without the project the password is taken (a token, or a receipt for the next factor).
    if (unscoped.ok || unscoped.receipt) {
      if (unscoped.ok) void revoke(ks, unscoped.token)
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
    // Read, not cancelled: a small body, and cancelling a stream MSW made never settles.
    await r.arrayBuffer().catch(() => undefined)
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
    // Read, not cancelled: a small body, and cancelling a stream MSW made never settles.
    await r.arrayBuffer().catch(() => undefined)
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
    expiresAt: utc(issued.body.expires_at),
  }
}

/**
 * Keystone's times are UTC, but an application credential's token carries its expiry without a
 * zone (`2026-12-07T21:09:07.495000`), which Date.parse would read as local time.
 */
export function utc(time: string): string {
  return /(Z|[+-]\d\d:?\d\d)$/i.test(time) ? time : `${time}Z`
}

/** How the token's user signed in, from Keystone's `methods` (a re-scope adds `token`). */
export function methodOf(methods: readonly string[]): SignInMethod {
  if (methods.includes('application_credential')) return 'application_credential'
  if (methods.includes('password')) return 'password'
  if (methods.includes('totp')) return 'totp'
  // mapped, openid, saml2 or any other federation protocol.
  return methods.some((m) => m !== 'token') ? 'sso' : 'password'
}

export function viewOf(stored: StoredSession, body: TokenBody['token']): SessionView {
  return {
    id: stored.sid,
    expiresAt: utc(body.expires_at),
    user: { id: body.user.id, name: body.user.name, domainName: body.user.domain.name },
    project: body.project ? { id: body.project.id, name: body.project.name } : null,
    roles: (body.roles ?? []).map((r) => r.name),
    // The page needs the regions and public URLs only: internal and admin addresses stay here.
    catalog: (body.catalog ?? []).map((service) => ({
      ...service,
      endpoints: service.endpoints.filter((e) => e.interface === 'public'),
    })),
    region: stored.region,
    method: methodOf(body.methods),
    applicationCredential: body.application_credential ?? null,
  }
}
