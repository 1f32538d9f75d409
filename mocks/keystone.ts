import { http, HttpResponse } from 'msw'
import * as v from 'valibot'
import { isAdmin } from '~/api/caller'
import { DEMO_AUTH_URL } from '~/config/config'
import { takeFault } from '~mocks/faults'
import type {
  DbState,
  DemoApplicationCredential,
  DemoFederationProtocol,
  DemoIdentityProvider,
  DemoProject,
  DemoReceipt,
  DemoRole,
  DemoToken,
  DemoUser,
} from '~mocks/db'
import { keystoneTime, keystoneTimeMs, read, transact } from '~mocks/db'
import {
  DEMO_PATH,
  json,
  keystoneError,
  keystoneUnauthorized,
  noContent,
  readJson,
  requestIdHeader,
  simulateLatency,
} from '~mocks/respond'
import { acceptedTotpCodes } from '~mocks/totp'

/**
 * Keystone v3, enough of it for a browser panel (contract §12): tokens by password, TOTP (with MFA
 * rules and auth receipts), application credential and WebSSO; projects, catalog; application
 * credentials made and deleted. Answers as Debian bookworm's Keystone 22 does, which
 * e2e/contract/sign-in-methods.contract.ts checks on both.
 */

const BASE = `${DEMO_PATH}/identity/v3`

/**
 * The real test cloud's `[auth] methods` (scripts/cloud/up.sh). Keystone keeps a token's methods
 * as bits in this order and lists them from the highest bit down, so a validated token says
 * ["totp","password"]; the 201 that issued it lists a Python set, in no fixed order.
 */
export const AUTH_METHODS = ['password', 'token', 'totp', 'application_credential', 'mapped']

const inKeystoneOrder = (methods: Iterable<string>): string[] => {
  const used = new Set(methods)
  return [...AUTH_METHODS].reverse().filter((m) => used.has(m))
}

/** Keystone's [totp] included_previous_windows default: the code of the last 30 s still works. */
const TOTP_PREVIOUS_WINDOWS = 1

/** A live token with everything it stands for. */
export type TokenContext = {
  token: DemoToken
  user: DemoUser
  project: DemoProject | null
  /** role names, implied roles included (for an application credential: its own, as named) */
  roles: string[]
  applicationCredential: DemoApplicationCredential | null
}

// Keystone's bootstrap: admin implies member, member implies reader.
const implied: Record<string, string[]> = { admin: ['member'], member: ['reader'] }

function expandRoles(db: DbState, names: string[]): DemoRole[] {
  const out = new Set<string>()
  const visit = (name: string) => {
    if (out.has(name)) return
    out.add(name)
    for (const next of implied[name] ?? []) visit(next)
  }
  names.forEach(visit)
  return db.roles.filter((r) => out.has(r.name))
}

function rolesOn(db: DbState, userId: string, projectId: string): DemoRole[] {
  const direct = db.assignments
    .filter((a) => a.userId === userId && a.projectId === projectId)
    .flatMap((a) => db.roles.filter((r) => r.id === a.roleId).map((r) => r.name))
  return expandRoles(db, direct)
}

/**
 * What a credential's token may do: its own roles that the user still has on its project
 * (keystone/models/token_model.py), without the roles they imply.
 */
function credentialRoles(db: DbState, cred: DemoApplicationCredential): DemoRole[] {
  if (cred.projectId === null) return []
  const held = new Set(rolesOn(db, cred.userId, cred.projectId).map((r) => r.id))
  return db.roles.filter((r) => cred.roleIds.includes(r.id) && held.has(r.id))
}

const credentialExpired = (cred: DemoApplicationCredential, now = Date.now()) =>
  cred.expiresAt !== null && keystoneTimeMs(cred.expiresAt) <= now

function tokenRoles(db: DbState, token: DemoToken, cred: DemoApplicationCredential | null) {
  if (token.projectId === null) return []
  if (cred !== null) return credentialRoles(db, cred)
  return rolesOn(db, token.userId, token.projectId)
}

/** Why a token is no good, in the words of GET /v3/auth/tokens; null when it is good. */
function tokenProblem(db: DbState, tokenId: string): string | null {
  const token = db.tokens[tokenId]
  // Fernet tokens are not stored: one Keystone cannot decrypt is not recognised, one it can but
  // which has expired or was revoked fails validation.
  if (token === undefined) return 'Could not recognize Fernet token'
  if (token.revoked === true || keystoneTimeMs(token.expiresAt) <= Date.now())
    return 'Failed to validate token'
  if (token.applicationCredentialId !== undefined) {
    const cred = db.applicationCredentials.find((c) => c.id === token.applicationCredentialId)
    if (cred === undefined)
      return `Could not find Application Credential: ${token.applicationCredentialId}.`
    if (credentialExpired(cred)) return 'Failed to validate token'
  }
  return null
}

/** The token if it exists, has not expired, and its user and project are still enabled. */
export function resolveToken(db: DbState, tokenId: string | null): TokenContext | null {
  if (tokenId === null || tokenId === '' || tokenProblem(db, tokenId) !== null) return null
  const token = db.tokens[tokenId]
  if (token === undefined) return null
  const user = db.users.find((u) => u.id === token.userId)
  if (user === undefined || !user.enabled) return null
  const cred = db.applicationCredentials.find((c) => c.id === token.applicationCredentialId) ?? null
  if (token.projectId === null)
    return { token, user, project: null, roles: [], applicationCredential: cred }
  const project = db.projects.find((p) => p.id === token.projectId)
  if (project === undefined || !project.enabled) return null
  const roles = tokenRoles(db, token, cred).map((r) => r.name)
  return { token, user, project, roles, applicationCredential: cred }
}

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')

/** Fernet tokens and receipts are url-safe base64 starting with gAAAAA. */
const fernetId = (bytes: number) =>
  `gAAAAAB${base64url(crypto.getRandomValues(new Uint8Array(bytes)))}`

const newTokenId = () => fernetId(96)
// 119 characters, as Keystone 22's receipts.
const newReceiptId = () => fernetId(84)
const auditId = () => base64url(crypto.getRandomValues(new Uint8Array(16)))

/** A Keystone id: 32 lowercase hex digits. */
function hex32(): string {
  return [...crypto.getRandomValues(new Uint8Array(16))]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('')
}

function domainRef(db: DbState, id: string) {
  const domain = db.domains.find((d) => d.id === id)
  return { id, name: domain?.name ?? id }
}

/** A role as Keystone's role API shows it: the bootstrap roles are immutable. */
const fullRole = ({ id, name }: DemoRole) => ({
  id,
  name,
  domain_id: null,
  description: null,
  options: { immutable: true },
})

function tokenBody(db: DbState, ctx: TokenContext, withCatalog: boolean) {
  const { token, user, project, applicationCredential: cred } = ctx
  const federation = token.federation
  const roles = tokenRoles(db, token, cred)
  return {
    token: {
      methods: token.methods,
      user:
        federation === undefined
          ? {
              domain: domainRef(db, user.domainId),
              id: user.id,
              name: user.name,
              password_expires_at: null,
            }
          : {
              domain: domainRef(db, user.domainId),
              id: user.id,
              name: user.name,
              'OS-FEDERATION': {
                groups: [],
                identity_provider: { id: federation.idpId },
                protocol: { id: federation.protocolId },
              },
            },
      audit_ids: token.auditIds,
      expires_at: token.expiresAt,
      issued_at: token.issuedAt,
      ...(project === null
        ? {}
        : {
            project: {
              domain: domainRef(db, project.domainId),
              id: project.id,
              name: project.name,
            },
            is_domain: false,
            // A federated token lists its roles as the role API does; others by id and name.
            roles:
              federation === undefined
                ? roles.map(({ id, name }) => ({ id, name }))
                : roles.map(fullRole),
            ...(withCatalog ? { catalog: db.catalog } : {}),
          }),
      ...(cred === null
        ? {}
        : {
            application_credential: {
              id: cred.id,
              name: cred.name,
              restricted: cred.unrestricted !== true,
            },
          }),
    },
  }
}

function projectBody(p: DemoProject) {
  return {
    id: p.id,
    name: p.name,
    domain_id: p.domainId,
    description: p.description,
    enabled: p.enabled,
    is_domain: false,
    parent_id: p.domainId,
    tags: [],
    options: {},
    links: { self: `${DEMO_AUTH_URL}/projects/${p.id}` },
  }
}

const domainRefSchema = v.object({ id: v.optional(v.string()), name: v.optional(v.string()) })
const userRefSchema = v.object({
  id: v.optional(v.string()),
  name: v.optional(v.string()),
  domain: v.optional(domainRefSchema),
})
const authRequestSchema = v.object({
  auth: v.object({
    // Loose: a method Keystone does not know still shows whether its payload came.
    identity: v.looseObject({
      methods: v.pipe(v.array(v.string()), v.minLength(1)),
      password: v.optional(
        v.object({ user: v.object({ ...userRefSchema.entries, password: v.string() }) }),
      ),
      token: v.optional(v.object({ id: v.string() })),
      totp: v.optional(
        v.object({ user: v.object({ ...userRefSchema.entries, passcode: v.string() }) }),
      ),
      application_credential: v.optional(
        v.object({
          id: v.optional(v.string()),
          name: v.optional(v.string()),
          secret: v.optional(v.string()),
          user: v.optional(userRefSchema),
        }),
      ),
    }),
    scope: v.optional(
      v.union([
        v.literal('unscoped'),
        v.object({
          project: v.optional(
            v.object({
              id: v.optional(v.string()),
              name: v.optional(v.string()),
              domain: v.optional(domainRefSchema),
            }),
          ),
          domain: v.optional(domainRefSchema),
          system: v.optional(v.unknown()),
        }),
      ]),
    ),
  }),
})
type AuthRequest = v.InferOutput<typeof authRequestSchema>['auth']
type UserRef = v.InferOutput<typeof userRefSchema>

const BAD_REQUEST_TAIL =
  'The server could not comply with the request since it is either malformed or otherwise incorrect. The client is assumed to be in error.'

// keystone.exception.ValidationError's text.
const expecting = (attribute: string, target: string) =>
  `Expecting to find ${attribute} in ${target}. ${BAD_REQUEST_TAIL}`

/** Keystone's "not allowed" with a reason: its format adds a period after the reason's own. */
const forbidden = (reason: string) =>
  keystoneError(403, `You are not authorized to perform the requested action: ${reason}.`)

const DELEGATED_TOKEN = 'Using a delegated token to create another token is not allowed.'
const MANAGING_CREDENTIALS =
  "Using method 'application_credential' is not allowed for managing additional application credentials."

/** A refused auth plugin (keystone.exception.AuthPluginException) also says what it knows. */
function authPluginError(message: string, identity: Record<string, unknown>) {
  return HttpResponse.json(
    { error: { code: 401, identity, message, title: 'Unauthorized' } },
    {
      status: 401,
      headers: {
        ...requestIdHeader(),
        'WWW-Authenticate': 'Keystone uri="/demo-cloud/identity"',
      },
    },
  )
}

const unsupportedMethod = () =>
  authPluginError('Attempted to authenticate with an unsupported method.', {
    methods: AUTH_METHODS,
  })

/** keystone.exception.ReceiptNotFound: its text is shown, unlike most 401s. */
const receiptNotFound = (receiptId: string) =>
  keystoneError(401, `Could not find auth receipt: ${receiptId}.`, {
    'WWW-Authenticate': 'Keystone uri="/demo-cloud/identity"',
  })

type Outcome = { ok: true; value: TokenContext } | { ok: false; response: Response }
type Found<T> = { ok: true; value: T } | { ok: false; response: Response }
const fail = (response: Response): { ok: false; response: Response } => ({ ok: false, response })

function findDomain(db: DbState, ref: { id?: string; name?: string } | undefined) {
  if (ref === undefined) return undefined
  return db.domains.find((d) => (ref.id !== undefined ? d.id === ref.id : d.name === ref.name))
}

/** A user by id, or by name and domain; 400 when the reference names neither. */
function findUser(db: DbState, ref: UserRef): Found<DemoUser | undefined> {
  if (ref.id !== undefined) return { ok: true, value: db.users.find((u) => u.id === ref.id) }
  if (ref.name === undefined) return fail(keystoneError(400, expecting('id or name', 'user')))
  if (ref.domain === undefined) return fail(keystoneError(400, expecting('domain', 'user')))
  const domain = findDomain(db, ref.domain)
  return { ok: true, value: db.users.find((u) => u.name === ref.name && u.domainId === domain?.id) }
}

/** The project a request names, checked as Keystone checks it before anyone is authenticated. */
function scopeProject(
  db: DbState,
  scope: AuthRequest['scope'],
): Found<DemoProject | null | 'default'> {
  if (scope === undefined) return { ok: true, value: 'default' }
  if (scope === 'unscoped') return { ok: true, value: null }
  if (scope.project === undefined) return fail(keystoneUnauthorized()) // domain/system: not here
  const ref = scope.project
  let found: DemoProject | undefined
  if (ref.id !== undefined) found = db.projects.find((p) => p.id === ref.id)
  else if (ref.name !== undefined) {
    if (ref.domain === undefined) return fail(keystoneError(400, expecting('domain', 'project')))
    const domain = findDomain(db, ref.domain)
    found = db.projects.find((p) => p.name === ref.name && p.domainId === domain?.id)
  } else return fail(keystoneError(400, expecting('id or name', 'project')))
  // Keystone hides why (unknown project, disabled): a plain 401.
  if (found === undefined || !found.enabled) return fail(keystoneUnauthorized())
  return { ok: true, value: found }
}

/** keystone/auth/core.py UserMFARulesValidator: some rule's methods (those enabled) were all used. */
function rulesMet(user: DemoUser, methods: readonly string[]): boolean {
  const rules = user.mfaRules ?? []
  if (rules.length === 0) return true
  return rules.some((rule) =>
    rule.filter((m) => AUTH_METHODS.includes(m)).every((m) => methods.includes(m)),
  )
}

/**
 * 401 with a receipt (keystone/receipt/handlers.py build_receipt): proof of what was done, and
 * the rules that could still be met with it. No WWW-Authenticate, unlike other 401s.
 */
function receiptResponse(db: DbState, user: DemoUser, methods: string[]): Response {
  const now = Date.now()
  // Fernet keeps whole seconds; expiry is issue time plus [receipt] expiration.
  const issued = now - (now % 1000)
  const receipt: DemoReceipt = {
    id: newReceiptId(),
    userId: user.id,
    methods,
    issuedAt: keystoneTime(issued),
    expiresAt: keystoneTime(issued + db.settings.receiptLifetimeSeconds * 1000),
  }
  db.receipts[receipt.id] = receipt
  const required = (user.mfaRules ?? [])
    .map((rule) => rule.filter((m) => AUTH_METHODS.includes(m)))
    .filter((rule) => methods.every((m) => rule.includes(m)))
  return HttpResponse.json(
    {
      receipt: {
        methods,
        user: { id: user.id, name: user.name, domain: domainRef(db, user.domainId) },
        expires_at: receipt.expiresAt,
        issued_at: receipt.issuedAt,
      },
      required_auth_methods: required,
    },
    { status: 401, headers: { ...requestIdHeader(), 'Openstack-Auth-Receipt': receipt.id } },
  )
}

/** The application credential a request names: by id, or by name and its user. */
function findCredential(
  db: DbState,
  ref: NonNullable<AuthRequest['identity']['application_credential']>,
): Found<DemoApplicationCredential | undefined> {
  if (ref.id !== undefined) {
    const cred = db.applicationCredentials.find((c) => c.id === ref.id)
    // An unknown id is a 404 with the id, not the 401 of a wrong secret.
    if (cred === undefined)
      return fail(keystoneError(404, `Could not find Application Credential: ${ref.id}.`))
    return { ok: true, value: cred }
  }
  if (ref.name === undefined)
    return fail(keystoneError(400, expecting('id or name', 'application credential')))
  if (ref.user === undefined)
    return fail(keystoneError(400, expecting('user', 'application credential')))
  const user = findUser(db, ref.user)
  if (!user.ok) return user
  if (user.value === undefined)
    return fail(keystoneError(404, `Could not find user: ${ref.user.name ?? ref.user.id ?? ''}.`))
  const owner = user.value
  return {
    ok: true,
    value: db.applicationCredentials.find((c) => c.name === ref.name && c.userId === owner.id),
  }
}

type Proof = {
  user: DemoUser
  /** what the methods proved, a re-scope's earlier methods included */
  methods: string[]
  previous: TokenContext | null
  credential: DemoApplicationCredential | null
}

/** Each method named, in order, as keystone/auth/plugins: all must name the same user. */
function authenticate(db: DbState, auth: AuthRequest, totpCodes: readonly string[]): Found<Proof> {
  const { identity } = auth
  let user: DemoUser | undefined
  const methods = new Set<string>()
  let previous: TokenContext | null = null
  let credential: DemoApplicationCredential | null = null
  const prove = (who: DemoUser | undefined): boolean => {
    if (who === undefined || !who.enabled) return false
    if (user !== undefined && user.id !== who.id) return false
    user = who
    return true
  }

  for (const method of identity.methods) {
    if (method === 'password') {
      const ref = identity.password?.user
      if (ref === undefined) return fail(keystoneError(400, expecting('password', 'identity')))
      const found = findUser(db, ref)
      if (!found.ok) return found
      // Keystone raises "The account is disabled" for a disabled user, but without insecure_debug
      // it answers every authentication failure with the same generic 401 (seen on Keystone 22).
      if (found.value?.password !== ref.password || !prove(found.value))
        return fail(keystoneUnauthorized())
    } else if (method === 'totp') {
      const ref = identity.totp?.user
      if (ref === undefined) return fail(keystoneError(400, expecting('totp', 'identity')))
      const found = findUser(db, ref)
      if (!found.ok) return found
      if (
        found.value?.totpSecret === undefined ||
        !totpCodes.includes(ref.passcode) ||
        !prove(found.value)
      )
        return fail(keystoneUnauthorized())
    } else if (method === 'token') {
      if (identity.token === undefined)
        return fail(keystoneError(400, expecting('token', 'identity')))
      previous = resolveToken(db, identity.token.id)
      if (previous === null) return fail(keystoneUnauthorized())
      // Debian's fix for CVE-2026-80182: a credential's token cannot become another token.
      if (previous.applicationCredential !== null) return fail(forbidden(DELEGATED_TOKEN))
      if (!prove(previous.user)) return fail(keystoneUnauthorized())
      previous.token.methods.forEach((m) => methods.add(m))
    } else if (method === 'application_credential') {
      const ref = identity.application_credential
      if (ref === undefined)
        return fail(keystoneError(400, expecting('application_credential', 'identity')))
      const found = findCredential(db, ref)
      if (!found.ok) return found
      const cred = found.value
      if (
        cred === undefined ||
        ref.secret !== cred.secret ||
        credentialExpired(cred) ||
        !prove(db.users.find((u) => u.id === cred.userId))
      )
        return fail(keystoneUnauthorized())
      credential = cred
    } else {
      // `mapped`: only WebSSO brings the assertion it reads (the headers of an auth module).
      return fail(keystoneUnauthorized())
    }
    methods.add(method)
  }
  if (user === undefined) return fail(keystoneUnauthorized())
  return { ok: true, value: { user, methods: inKeystoneOrder(methods), previous, credential } }
}

type IssueInput = { auth: AuthRequest; receiptId: string | null; totpCodes: readonly string[] }

/** POST /v3/auth/tokens, in keystone/api/_shared/authentication.py's order of checks. */
function issueToken(db: DbState, { auth, receiptId, totpCodes }: IssueInput): Outcome {
  const { identity, scope } = auth
  // keystone/auth/core.py AuthInfo: every method brings its payload, and is one this Keystone has.
  for (const method of identity.methods) {
    if (!(method in identity)) return fail(keystoneError(400, expecting(method, 'identity')))
    if (!AUTH_METHODS.includes(method)) return fail(unsupportedMethod())
  }
  // Checked with the request's shape, before the credential is even looked up.
  if (identity.methods.includes('application_credential') && scope !== undefined)
    return fail(
      authPluginError(
        'Error authenticating with application credential: Application credentials cannot request a scope.',
        {},
      ),
    )
  const wanted = scopeProject(db, scope)
  if (!wanted.ok) return wanted

  const proof = authenticate(db, auth, totpCodes)
  if (!proof.ok) return proof
  const { user, previous, credential } = proof.value
  let methods = proof.value.methods

  if (receiptId !== null) {
    const receipt = db.receipts[receiptId]
    // Expired, forged, or another user's: one answer.
    if (
      receipt === undefined ||
      keystoneTimeMs(receipt.expiresAt) <= Date.now() ||
      receipt.userId !== user.id
    )
      return fail(receiptNotFound(receiptId))
    methods = inKeystoneOrder([...methods, ...receipt.methods])
  }
  if (!rulesMet(user, methods)) return fail(receiptResponse(db, user, methods))

  let project: DemoProject | null = null
  if (credential !== null) {
    project = db.projects.find((p) => p.id === credential.projectId) ?? null
    if (credential.projectId !== null && (project === null || !project.enabled))
      return fail(keystoneUnauthorized())
  } else if (wanted.value === 'default') {
    // No scope: the default project if the user still has a role there, else unscoped.
    const fallback = db.projects.find((p) => p.id === user.defaultProjectId)
    if (fallback !== undefined && fallback.enabled && rolesOn(db, user.id, fallback.id).length > 0)
      project = fallback
  } else if (wanted.value !== null) {
    // A role is checked last: an MFA user scoping to a project of no role still gets a receipt.
    if (rolesOn(db, user.id, wanted.value.id).length === 0) return fail(keystoneUnauthorized())
    project = wanted.value
  }

  const now = Date.now()
  // A re-scoped token keeps the original expiry and the methods that proved the identity.
  let expiresAt =
    previous?.token.expiresAt ?? keystoneTime(now + db.settings.tokenLifetimeSeconds * 1000)
  // CVE-2022-2447: a token never outlives its credential (Keystone then writes the credential's
  // expiry as it stores it, without a zone).
  if (
    credential?.expiresAt != null &&
    keystoneTimeMs(credential.expiresAt) < keystoneTimeMs(expiresAt)
  )
    expiresAt = credential.expiresAt
  const token: DemoToken = {
    id: newTokenId(),
    userId: user.id,
    projectId: project?.id ?? null,
    methods,
    issuedAt: keystoneTime(now),
    expiresAt,
    auditIds: [auditId()],
    ...(credential === null ? {} : { applicationCredentialId: credential.id }),
    ...(previous?.token.federation === undefined ? {} : { federation: previous.token.federation }),
  }
  db.tokens[token.id] = token
  const roles = tokenRoles(db, token, credential).map((r) => r.name)
  return { ok: true, value: { token, user, project, roles, applicationCredential: credential } }
}

const authToken = (request: Request) => request.headers.get('X-Auth-Token')
const wantsCatalog = (request: Request) => !new URL(request.url).searchParams.has('nocatalog')

/** The TOTP user a request names, found before the world is opened: WebCrypto is async. */
async function totpCodesFor(auth: AuthRequest): Promise<string[]> {
  const ref = auth.identity.totp?.user
  if (!auth.identity.methods.includes('totp') || ref === undefined) return []
  const secret = read((db) => {
    const found = findUser(db, ref)
    return found.ok ? found.value?.totpSecret : undefined
  })
  return secret === undefined ? [] : acceptedTotpCodes(secret, Date.now(), TOTP_PREVIOUS_WINDOWS)
}

// ---- Application credentials (keystone/api/users.py) ----

const newCredentialSchema = v.object({
  application_credential: v.object({
    name: v.optional(v.string()),
    description: v.optional(v.nullable(v.string())),
    secret: v.optional(v.nullable(v.string())),
    expires_at: v.optional(v.nullable(v.string())),
    unrestricted: v.optional(v.nullable(v.boolean())),
    roles: v.optional(
      v.array(v.object({ id: v.optional(v.string()), name: v.optional(v.string()) })),
    ),
  }),
})

/** Keystone stores an application credential's expiry in microseconds, and shows it without a zone. */
const credentialTime = (ms: number) => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000')

function credentialBody(
  db: DbState,
  cred: DemoApplicationCredential,
  unrestricted: boolean | null,
) {
  return {
    id: cred.id,
    name: cred.name,
    description: cred.description,
    user_id: cred.userId,
    project_id: cred.projectId,
    system: null,
    expires_at: cred.expiresAt,
    unrestricted,
    roles: db.roles.filter((r) => cred.roleIds.includes(r.id)).map(fullRole),
    links: { self: `${DEMO_AUTH_URL}/application_credentials/${cred.id}` },
  }
}

/** Who may manage a user's credentials: that user, and not with a restricted credential's token. */
function mayManageCredentials(ctx: TokenContext, userId: string, action: string): Response | null {
  if (ctx.user.id !== userId) return forbidden(`identity:${action}_application_credential`)
  if (ctx.applicationCredential !== null && ctx.applicationCredential.unrestricted !== true)
    return forbidden(MANAGING_CREDENTIALS)
  return null
}

function createCredential(
  db: DbState,
  ctx: TokenContext,
  userId: string,
  input: v.InferOutput<typeof newCredentialSchema>['application_credential'],
): Response {
  const refused = mayManageCredentials(ctx, userId, 'create')
  if (refused !== null) return refused
  const { name } = input
  if (name === undefined) return keystoneError(400, "'name' is a required property")
  let expiresAt: string | null = null
  if (input.expires_at != null) {
    const ms = keystoneTimeMs(input.expires_at)
    if (Number.isNaN(ms)) return keystoneError(400, `Invalid input for field 'expires_at'.`)
    if (ms < Date.now())
      return keystoneError(400, `The 'expires_at' must not be before now. ${BAD_REQUEST_TAIL}`)
    expiresAt = credentialTime(ms)
  }
  const projectId = ctx.project?.id ?? null
  const held = projectId === null ? [] : rolesOn(db, userId, projectId)
  let roleIds: string[]
  if (input.roles === undefined) {
    // None named: those of the token that asks.
    roleIds = held.map((r) => r.id)
  } else {
    roleIds = []
    for (const ref of input.roles) {
      const role = db.roles.find((r) =>
        ref.id !== undefined ? r.id === ref.id : r.name === ref.name,
      )
      if (role === undefined)
        return keystoneError(404, `Role ${ref.name ?? ref.id ?? ''} is not defined`)
      if (!held.some((r) => r.id === role.id))
        return keystoneError(
          400,
          'Invalid application credential: Cannot create an application credential with unassigned role',
        )
      roleIds.push(role.id)
    }
  }
  if (db.applicationCredentials.some((c) => c.userId === userId && c.name === name))
    return keystoneError(
      409,
      `Conflict occurred attempting to store application_credential - Duplicate entry found with name ${name}.`,
    )
  const cred: DemoApplicationCredential = {
    id: hex32(),
    name,
    userId,
    projectId,
    secret: input.secret ?? base64url(crypto.getRandomValues(new Uint8Array(64))),
    roleIds,
    unrestricted: input.unrestricted ?? null,
    expiresAt,
    description: input.description ?? null,
  }
  db.applicationCredentials.push(cred)
  // The secret is shown this once.
  return json(
    {
      application_credential: {
        ...credentialBody(db, cred, cred.unrestricted),
        secret: cred.secret,
      },
    },
    201,
  )
}

// ---- WebSSO (keystone/api/auth.py, keystone/auth/plugins/mapped.py) ----

/** Python's urllib.parse.unquote_plus, which Keystone applies to `origin` once more. */
function unquotePlus(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '))
  } catch {
    return text
  }
}

/** Python's urllib.parse.quote: the mapped user's unique id is its name, quoted. */
const pythonQuote = (text: string) =>
  encodeURIComponent(text)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%2F/g, '/')

/** keystone/common/utils.py lower_case_hostname: the network location lower-cased, nothing else. */
const lowerCaseHostname = (url: string) =>
  url.replace(
    /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)/i,
    (_, scheme: string, netloc: string) => `${scheme}${netloc.toLowerCase()}`,
  )

const WEBSSO_RECEIVER_PATH = '/session/websso'

/** Keystone's _get_sso_origin_host: the exact origin must be a trusted dashboard. */
function isTrustedOrigin(db: DbState, origin: string): boolean {
  const trusted = db.settings.trustedDashboards
  if (trusted !== null) return trusted.map(lowerCaseHostname).includes(origin)
  // See MockSettings.trustedDashboards: the demo's receiver on any port, written as a URL writes it.
  try {
    const url = new URL(origin)
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      url.pathname === WEBSSO_RECEIVER_PATH &&
      url.search === '' &&
      url.hash === '' &&
      url.href === origin
    )
  } catch {
    return false
  }
}

/** Debian's /etc/keystone/sso_callback_template.html, with $host and $token put in as Keystone does. */
function ssoCallbackPage(host: string, token: string): Response {
  const body = `<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml">
  <head>
    <title>Keystone WebSSO redirect</title>
  </head>
  <body>
     <form id="sso" name="sso" action="${host}" method="post">
       Please wait...
       <br/>
       <input type="hidden" name="token" id="token" value="${token}"/>
       <noscript>
         <input type="submit" name="submit_no_javascript" id="submit_no_javascript"
            value="If your JavaScript is disabled, please click to continue"/>
       </noscript>
     </form>
     <script type="text/javascript">
       window.onload = function() {
         document.forms['sso'].submit();
       }
     </script>
  </body>
</html>`
  return new HttpResponse(body, {
    status: 200,
    headers: { ...requestIdHeader(), 'Content-Type': 'text/html' },
  })
}

/** What the auth module in front of Keystone said, read before the world is opened. */
type Assertion = { user: string | null; email: string | null; remoteId: string | null }

function assertionOf(request: Request, protocol: DemoFederationProtocol): Assertion {
  return {
    user: request.headers.get(protocol.userHeader),
    email: request.headers.get(protocol.emailHeader),
    remoteId: request.headers.get(protocol.remoteIdHeader),
  }
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

/**
 * A shadow user's id: keystone/identity/id_generators/sha256.py over its domain, "user" and its
 * unique id (the mapped name, quoted), the same on every sign-in.
 */
const federatedUserId = (domainId: string, uniqueId: string) =>
  sha256Hex(`${domainId}user${uniqueId}`)

/** The mapping applied: the shadow user, its projects and roles, and an unscoped token. */
function federatedToken(
  db: DbState,
  idp: DemoIdentityProvider,
  protocolId: string,
  protocol: DemoFederationProtocol,
  identity: { id: string; name: string; uniqueId: string; email: string },
): DemoToken {
  let user = db.users.find((u) => u.id === identity.id)
  if (user === undefined) {
    user = {
      id: identity.id,
      name: identity.name,
      password: null,
      domainId: idp.domainId,
      enabled: true,
      defaultProjectId: null,
      federated: { idpId: idp.id, protocolId, uniqueId: identity.uniqueId, email: identity.email },
    }
    db.users.push(user)
  }
  user.name = identity.name
  for (const wanted of protocol.projects) {
    let project = db.projects.find((p) => p.name === wanted.name && p.domainId === idp.domainId)
    if (project === undefined) {
      project = {
        id: hex32(),
        name: wanted.name,
        domainId: idp.domainId,
        description: '',
        enabled: true,
      }
      db.projects.push(project)
    }
    for (const roleName of wanted.roles) {
      const role = db.roles.find((r) => r.name === roleName)
      const userId = user.id
      const projectId = project.id
      if (
        role !== undefined &&
        !db.assignments.some(
          (a) => a.userId === userId && a.projectId === projectId && a.roleId === role.id,
        )
      )
        db.assignments.push({ userId, projectId, roleId: role.id })
    }
  }
  const now = Date.now()
  const token: DemoToken = {
    id: newTokenId(),
    userId: user.id,
    projectId: null,
    methods: [protocolId],
    issuedAt: keystoneTime(now),
    expiresAt: keystoneTime(now + db.settings.tokenLifetimeSeconds * 1000),
    auditIds: [auditId()],
    federation: { idpId: idp.id, protocolId },
  }
  db.tokens[token.id] = token
  return token
}

/** Origin first (400, 401), as both WebSSO routes check it; the host to post the token to. */
function checkOrigin(db: DbState, request: Request): Found<string> {
  const origin = new URL(request.url).searchParams.get('origin')
  if (origin === null || origin === '')
    return fail(keystoneError(400, 'Request must have an origin query parameter'))
  const host = unquotePlus(origin)
  // "… is not a trusted dashboard host", hidden behind the generic 401.
  if (!isTrustedOrigin(db, host)) return fail(keystoneUnauthorized())
  return { ok: true, value: host }
}

/** GET|POST …/identity_providers/{idp}/protocols/{protocol}/websso and …/websso/{protocol}. */
async function websso(request: Request, idpId: string | null, protocolId: string) {
  await simulateLatency()
  const fault = await takeFault(request, 'identity')
  if (fault !== null) return fault
  // The shadow user's id needs WebCrypto: everything is checked before the world is opened.
  const plan = read((db) => planWebsso(db, request, idpId, protocolId))
  if (!plan.ok) return plan.response
  const { host, idp, protocol, assertion } = plan.value
  // The mapping's rules find nothing to map: a failed authentication.
  if (assertion.user === null || assertion.email === null || assertion.remoteId === null)
    return keystoneUnauthorized()
  // A remote id the IdP does not own: Forbidden, its reason hidden.
  if (!idp.remoteIds.includes(assertion.remoteId))
    return keystoneError(403, 'You are not authorized to perform the requested action.')
  const uniqueId = pythonQuote(assertion.user)
  const identity = {
    id: await federatedUserId(idp.domainId, uniqueId),
    name: assertion.user,
    uniqueId,
    email: assertion.email,
  }
  return transact((db) => {
    const token = federatedToken(db, idp, protocolId, protocol, identity)
    return ssoCallbackPage(host, token.id)
  })
}

type WebssoPlan = {
  host: string
  idp: DemoIdentityProvider
  protocol: DemoFederationProtocol
  assertion: Assertion
}

/** keystone/api/auth.py's checks, in its order, up to the mapping. */
function planWebsso(
  db: DbState,
  request: Request,
  idpId: string | null,
  protocolId: string,
): Found<WebssoPlan> {
  let idp: DemoIdentityProvider | undefined
  let host: string
  if (idpId === null) {
    // By protocol alone, Keystone finds the IdP from the protocol's remote_id_attribute, and
    // does so before it reads `origin`.
    let remoteId: string | null = null
    for (const candidate of db.identityProviders) {
      const protocol = candidate.protocols[protocolId]
      if (protocol === undefined) continue
      remoteId = request.headers.get(protocol.remoteIdHeader)
      if (remoteId !== null && remoteId !== '') break
    }
    // "Missing entity ID from environment", hidden behind the generic 401.
    if (remoteId === null || remoteId === '') return fail(keystoneUnauthorized())
    const origin = checkOrigin(db, request)
    if (!origin.ok) return origin
    host = origin.value
    idp = db.identityProviders.find((i) => i.remoteIds.includes(remoteId))
    if (idp === undefined)
      return fail(keystoneError(404, `Could not find Identity Provider: ${remoteId}.`))
  } else {
    const origin = checkOrigin(db, request)
    if (!origin.ok) return origin
    host = origin.value
    idp = db.identityProviders.find((i) => i.id === idpId)
    if (idp === undefined)
      return fail(keystoneError(404, `Could not find Identity Provider: ${idpId}.`))
  }
  const protocol = idp.protocols[protocolId]
  // A protocol that is no auth method of this Keystone (saml2 here): an unsupported method.
  if (protocol === undefined) return fail(unsupportedMethod())
  if (!idp.enabled)
    return fail(keystoneError(403, 'You are not authorized to perform the requested action.'))
  return { ok: true, value: { host, idp, protocol, assertion: assertionOf(request, protocol) } }
}

const WEBSSO_IDP = `${BASE}/auth/OS-FEDERATION/identity_providers/:idp/protocols/:protocol/websso`
const WEBSSO_PROTOCOL = `${BASE}/auth/OS-FEDERATION/websso/:protocol`

export const keystoneHandlers = [
  http.post(`${BASE}/auth/tokens`, async ({ request }) => {
    await simulateLatency()
    const fault = await takeFault(request, 'identity')
    if (fault !== null) return fault
    const body = await readJson(request)
    if (body.kind !== 'json')
      return keystoneError(
        400,
        'The browser (or proxy) sent a request that this server could not understand.',
      )
    const parsed = v.safeParse(authRequestSchema, body.value)
    if (!parsed.success) {
      const issue = parsed.issues[0]
      const path = v.getDotPath(issue) ?? ''
      return keystoneError(400, `Invalid input for field '${path}': ${issue.message}`)
    }
    const auth = parsed.output.auth
    const totpCodes = await totpCodesFor(auth)
    const receiptId = request.headers.get('Openstack-Auth-Receipt')
    return transact((db) => {
      const outcome = issueToken(db, { auth, receiptId, totpCodes })
      if (!outcome.ok) return outcome.response
      return json(tokenBody(db, outcome.value, wantsCatalog(request)), 201, {
        'X-Subject-Token': outcome.value.token.id,
      })
    })
  }),

  http.get(`${BASE}/auth/tokens`, async ({ request }) => {
    await simulateLatency()
    const fault = await takeFault(request, 'identity')
    if (fault !== null) return fault
    return transact((db) => {
      if (resolveToken(db, authToken(request)) === null) return keystoneUnauthorized()
      const subjectId = request.headers.get('X-Subject-Token') ?? ''
      const subject = resolveToken(db, subjectId)
      if (subject === null)
        return keystoneError(404, tokenProblem(db, subjectId) ?? 'Failed to validate token')
      return json(tokenBody(db, subject, wantsCatalog(request)), 200, {
        'X-Subject-Token': subject.token.id,
      })
    })
  }),

  http.head(`${BASE}/auth/tokens`, async ({ request }) => {
    await simulateLatency()
    const fault = await takeFault(request, 'identity')
    if (fault !== null) return fault
    return transact((db) => {
      if (resolveToken(db, authToken(request)) === null) return keystoneUnauthorized()
      const subject = resolveToken(db, request.headers.get('X-Subject-Token'))
      return new Response(null, {
        status: subject === null ? 404 : 200,
        headers: requestIdHeader(),
      })
    })
  }),

  http.delete(`${BASE}/auth/tokens`, async ({ request }) => {
    await simulateLatency()
    const fault = await takeFault(request, 'identity')
    if (fault !== null) return fault
    return transact((db) => {
      if (resolveToken(db, authToken(request)) === null) return keystoneUnauthorized()
      const subjectId = request.headers.get('X-Subject-Token') ?? ''
      const subject = resolveToken(db, subjectId)
      if (subject === null)
        return keystoneError(404, tokenProblem(db, subjectId) ?? 'Failed to validate token')
      // Revocation is immediate and everywhere: Glance validates against the same table.
      subject.token.revoked = true
      return noContent()
    })
  }),

  http.get(`${BASE}/auth/projects`, async ({ request }) => {
    await simulateLatency()
    const fault = await takeFault(request, 'identity')
    if (fault !== null) return fault
    return transact((db) => {
      const ctx = resolveToken(db, authToken(request))
      if (ctx === null) return keystoneUnauthorized()
      const projects = db.projects.filter(
        (p) => p.enabled && rolesOn(db, ctx.user.id, p.id).length > 0,
      )
      return json({
        projects: projects.map(projectBody),
        links: { self: `${DEMO_AUTH_URL}/auth/projects`, previous: null, next: null },
      })
    })
  }),

  http.get(`${BASE}/auth/catalog`, async ({ request }) => {
    await simulateLatency()
    const fault = await takeFault(request, 'identity')
    if (fault !== null) return fault
    return transact((db) => {
      const ctx = resolveToken(db, authToken(request))
      if (ctx === null) return keystoneUnauthorized()
      // keystone: an unscoped token has no catalog to give.
      if (ctx.project === null)
        return keystoneError(403, 'You are not authorized to perform the requested action.')
      return json({
        catalog: db.catalog,
        links: { self: `${DEMO_AUTH_URL}/auth/catalog`, previous: null, next: null },
      })
    })
  }),

  http.get(`${BASE}/projects/:projectId`, async ({ request, params }) => {
    await simulateLatency()
    const fault = await takeFault(request, 'identity')
    if (fault !== null) return fault
    return transact((db) => {
      const ctx = resolveToken(db, authToken(request))
      if (ctx === null) return keystoneUnauthorized()
      const id = String(params.projectId)
      const project = db.projects.find((p) => p.id === id)
      // identity:get_project (new defaults): admin, or a token scoped to that very project.
      if (!isAdmin(ctx) && ctx.project?.id !== id)
        return keystoneError(
          403,
          'You are not authorized to perform the requested action: identity:get_project.',
        )
      if (project === undefined) return keystoneError(404, `Could not find project: ${id}.`)
      return json({ project: projectBody(project) })
    })
  }),

  http.post(`${BASE}/users/:userId/application_credentials`, async ({ request, params }) => {
    await simulateLatency()
    const fault = await takeFault(request, 'identity')
    if (fault !== null) return fault
    const body = await readJson(request)
    const parsed = v.safeParse(newCredentialSchema, body.kind === 'json' ? body.value : undefined)
    return transact((db) => {
      const ctx = resolveToken(db, authToken(request))
      if (ctx === null) return keystoneUnauthorized()
      if (!parsed.success) {
        const issue = parsed.issues[0]
        return keystoneError(
          400,
          `Invalid input for field '${v.getDotPath(issue) ?? ''}': ${issue.message}`,
        )
      }
      return createCredential(db, ctx, String(params.userId), parsed.output.application_credential)
    })
  }),

  http.delete(
    `${BASE}/users/:userId/application_credentials/:credentialId`,
    async ({ request, params }) => {
      await simulateLatency()
      const fault = await takeFault(request, 'identity')
      if (fault !== null) return fault
      return transact((db) => {
        const ctx = resolveToken(db, authToken(request))
        if (ctx === null) return keystoneUnauthorized()
        const userId = String(params.userId)
        const refused = mayManageCredentials(ctx, userId, 'delete')
        if (refused !== null) return refused
        const id = String(params.credentialId)
        const index = db.applicationCredentials.findIndex((c) => c.id === id && c.userId === userId)
        if (index < 0) return keystoneError(404, `Could not find Application Credential: ${id}.`)
        // Its tokens stay in the table and fail to resolve: Keystone names the credential then.
        db.applicationCredentials.splice(index, 1)
        return noContent()
      })
    },
  ),

  ...(['get', 'post'] as const).flatMap((method) => [
    http[method](WEBSSO_IDP, ({ request, params }) =>
      websso(request, String(params.idp), String(params.protocol)),
    ),
    http[method](WEBSSO_PROTOCOL, ({ request, params }) =>
      websso(request, null, String(params.protocol)),
    ),
  ]),
]
