import { http } from 'msw'
import * as v from 'valibot'
import { isAdmin } from '~/api/caller'
import { DEMO_AUTH_URL } from '~/config/config'
import { takeFault } from '~mocks/faults'
import type { DbState, DemoProject, DemoRole, DemoToken, DemoUser } from '~mocks/db'
import { keystoneTime, transact } from '~mocks/db'
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

/** Keystone v3, enough of it for a browser panel: tokens, projects, catalog (contract §12). */

const BASE = `${DEMO_PATH}/identity/v3`

/** A live token with everything it stands for. */
export type TokenContext = {
  token: DemoToken
  user: DemoUser
  project: DemoProject | null
  /** role names, implied roles included */
  roles: string[]
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

/** The token if it exists, has not expired, and its user and project are still enabled. */
export function resolveToken(db: DbState, tokenId: string | null): TokenContext | null {
  if (tokenId === null || tokenId === '') return null
  const token = db.tokens[tokenId]
  if (token === undefined || Date.parse(token.expiresAt) <= Date.now()) return null
  const user = db.users.find((u) => u.id === token.userId)
  if (user === undefined || !user.enabled) return null
  if (token.projectId === null) return { token, user, project: null, roles: [] }
  const project = db.projects.find((p) => p.id === token.projectId)
  if (project === undefined || !project.enabled) return null
  return { token, user, project, roles: rolesOn(db, user.id, project.id).map((r) => r.name) }
}

function newTokenId(): string {
  // Fernet tokens are url-safe base64 starting with gAAAAA.
  const bytes = crypto.getRandomValues(new Uint8Array(96))
  const b64 = btoa(String.fromCharCode(...bytes))
  return `gAAAAAB${b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`
}

const auditId = () =>
  btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')

function domainRef(db: DbState, id: string) {
  const domain = db.domains.find((d) => d.id === id)
  return { id, name: domain?.name ?? id }
}

function tokenBody(db: DbState, ctx: TokenContext, withCatalog: boolean) {
  const { token, user, project } = ctx
  return {
    token: {
      methods: token.methods,
      user: {
        domain: domainRef(db, user.domainId),
        id: user.id,
        name: user.name,
        password_expires_at: null,
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
            roles: rolesOn(db, user.id, project.id).map(({ id, name }) => ({ id, name })),
            ...(withCatalog ? { catalog: db.catalog } : {}),
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
const authRequestSchema = v.object({
  auth: v.object({
    identity: v.object({
      methods: v.pipe(v.array(v.string()), v.minLength(1)),
      password: v.optional(
        v.object({
          user: v.object({
            id: v.optional(v.string()),
            name: v.optional(v.string()),
            domain: v.optional(domainRefSchema),
            password: v.string(),
          }),
        }),
      ),
      token: v.optional(v.object({ id: v.string() })),
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

// keystone.exception.ValidationError's text.
const expecting = (attribute: string, target: string) =>
  `Expecting to find ${attribute} in ${target}. The server could not comply with the request since it is either malformed or otherwise incorrect. The client is assumed to be in error.`

type Outcome = { ok: true; value: TokenContext } | { ok: false; response: Response }
const fail = (response: Response): { ok: false; response: Response } => ({ ok: false, response })

function findDomain(db: DbState, ref: { id?: string; name?: string } | undefined) {
  if (ref === undefined) return undefined
  return db.domains.find((d) => (ref.id !== undefined ? d.id === ref.id : d.name === ref.name))
}

/** POST /v3/auth/tokens: identify the user, then pick the scope, as keystone/auth does. */
function issueToken(db: DbState, auth: AuthRequest): Outcome {
  const { identity, scope } = auth
  let user: DemoUser | undefined
  let methods: string[]
  let expiresAt: number | null = null

  if (identity.methods.includes('password')) {
    const password = identity.password
    if (password === undefined) return fail(keystoneError(400, expecting('password', 'identity')))
    const ref = password.user
    if (ref.id !== undefined) {
      user = db.users.find((u) => u.id === ref.id)
    } else if (ref.name !== undefined) {
      if (ref.domain === undefined) return fail(keystoneError(400, expecting('domain', 'user')))
      const domain = findDomain(db, ref.domain)
      user = db.users.find((u) => u.name === ref.name && u.domainId === domain?.id)
    } else {
      return fail(keystoneError(400, expecting('id or name', 'user')))
    }
    // Keystone raises "The account is disabled" for a disabled user, but without insecure_debug it
    // answers every authentication failure with the same generic 401 (seen on Debian's Keystone 22).
    if (user === undefined || user.password !== ref.password || !user.enabled)
      return fail(keystoneUnauthorized())
    methods = ['password']
  } else if (identity.methods.includes('token')) {
    if (identity.token === undefined)
      return fail(keystoneError(400, expecting('token', 'identity')))
    const previous = resolveToken(db, identity.token.id)
    if (previous === null) return fail(keystoneUnauthorized())
    user = previous.user
    // A re-scoped token keeps the original expiry and the methods that proved the identity.
    expiresAt = Date.parse(previous.token.expiresAt)
    methods = [...new Set([...previous.token.methods, 'token'])]
  } else {
    return fail(keystoneError(401, 'Attempted to authenticate with an unsupported method.'))
  }

  let project: DemoProject | null = null
  if (scope === undefined) {
    // No scope: the default project if the user still has a role there, else unscoped.
    const fallback = db.projects.find((p) => p.id === user.defaultProjectId)
    if (fallback !== undefined && fallback.enabled && rolesOn(db, user.id, fallback.id).length > 0)
      project = fallback
  } else if (scope !== 'unscoped') {
    if (scope.project === undefined) return fail(keystoneUnauthorized()) // domain/system: not here
    const ref = scope.project
    let found: DemoProject | undefined
    if (ref.id !== undefined) found = db.projects.find((p) => p.id === ref.id)
    else if (ref.name !== undefined) {
      if (ref.domain === undefined) return fail(keystoneError(400, expecting('domain', 'project')))
      const domain = findDomain(db, ref.domain)
      found = db.projects.find((p) => p.name === ref.name && p.domainId === domain?.id)
    } else return fail(keystoneError(400, expecting('id or name', 'project')))
    // Keystone hides why (unknown project, disabled, no role): all are a plain 401.
    if (found === undefined || !found.enabled || rolesOn(db, user.id, found.id).length === 0)
      return fail(keystoneUnauthorized())
    project = found
  }

  const now = Date.now()
  const token: DemoToken = {
    id: newTokenId(),
    userId: user.id,
    projectId: project?.id ?? null,
    methods,
    issuedAt: keystoneTime(now),
    expiresAt: keystoneTime(expiresAt ?? now + db.settings.tokenLifetimeSeconds * 1000),
    auditIds: [auditId()],
  }
  db.tokens[token.id] = token
  const roles = project === null ? [] : rolesOn(db, user.id, project.id).map((r) => r.name)
  return { ok: true, value: { token, user, project, roles } }
}

const authToken = (request: Request) => request.headers.get('X-Auth-Token')
const wantsCatalog = (request: Request) => !new URL(request.url).searchParams.has('nocatalog')

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
    return transact((db) => {
      const outcome = issueToken(db, parsed.output.auth)
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
      if (subject === null) return keystoneError(404, `Could not find token: ${subjectId}.`)
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
      if (resolveToken(db, subjectId) === null)
        return keystoneError(404, `Could not find token: ${subjectId}.`)
      // Revocation is immediate and everywhere: Glance validates against the same table.
      Reflect.deleteProperty(db.tokens, subjectId)
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
]
