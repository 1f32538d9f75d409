import { useSyncExternalStore } from 'react'
import { z } from 'zod'
import { getRuntime } from '~/config/runtime'
import { ApiError, setUnauthorizedHandler } from '~/api/http'
import type { GlanceTarget } from '~/api/glance'
import {
  imageEndpointUrl,
  imageRegions,
  listMyProjects,
  passwordAuth,
  rescopeToken,
  revokeToken,
  type IssuedToken,
  type PasswordCredentials,
} from '~/api/keystone'
import type { Caller } from '~/api/rules'
import { catalogSchema } from '~/api/schemas'

export const ALL_REGIONS = 'all'

const sessionSchema = z.object({
  token: z.string(),
  expiresAt: z.string(),
  user: z.object({ id: z.string(), name: z.string(), domainName: z.string() }),
  project: z.object({ id: z.string(), name: z.string() }).nullable(),
  roles: z.array(z.string()),
  catalog: catalogSchema,
  /** A region ID, or ALL_REGIONS where a view can span them. */
  region: z.string(),
})
export type Session = z.infer<typeof sessionSchema>
export type SignedOutReason = 'expired' | 'signed-out' | undefined

// The token lives in sessionStorage at most: it dies with the tab, and never reaches a URL or localStorage.
const STORAGE_KEY = 'isp-session'

type State = { session: Session | null; reason: SignedOutReason }
const REASON_KEY = 'isp-signed-out'
let state: State = { session: readStored(), reason: readReason() }
const listeners = new Set<() => void>()

function readStored(): Session | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY)
    if (!raw) return null
    const parsed = sessionSchema.safeParse(JSON.parse(raw))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/** Why the tab has no session, kept across a reload so "your session expired" is not lost. */
function readReason(): SignedOutReason {
  const reason = sessionStorage.getItem(REASON_KEY)
  return reason === 'expired' || reason === 'signed-out' ? reason : undefined
}

function setState(next: State) {
  state = next
  if (next.session) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next.session))
  else sessionStorage.removeItem(STORAGE_KEY)
  if (next.reason) sessionStorage.setItem(REASON_KEY, next.reason)
  else sessionStorage.removeItem(REASON_KEY)
  for (const l of listeners) l()
}

function subscribe(listener: () => void) {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export const getSessionState = () => state

export function useSessionState(): State {
  return useSyncExternalStore(subscribe, getSessionState)
}

/** For components under the signed-in layout, which only renders with a session. */
export function useSession(): Session {
  const { session } = useSessionState()
  if (!session) throw new Error('useSession() outside a signed-in view')
  return session
}

export function requireSession(): Session {
  if (!state.session) throw new ApiError({ status: 401, message: 'You are not signed in.' })
  return state.session
}

/** Re-read from storage, e.g. in tests that seed a session. */
export function reloadSessionFromStorage() {
  state = { session: readStored(), reason: readReason() }
  for (const l of listeners) l()
}

function sessionFrom(issued: IssuedToken, previousRegion?: string): Session {
  const { body } = issued
  const catalog = body.catalog ?? []
  const regions = imageRegions(catalog)
  const region =
    previousRegion && (previousRegion === ALL_REGIONS || regions.includes(previousRegion))
      ? previousRegion
      : (regions[0] ?? ALL_REGIONS)
  return {
    token: issued.token,
    expiresAt: body.expires_at,
    user: { id: body.user.id, name: body.user.name, domainName: body.user.domain.name },
    project: body.project ? { id: body.project.id, name: body.project.name } : null,
    roles: (body.roles ?? []).map((r) => r.name),
    catalog,
    region,
  }
}

export async function signIn(credentials: PasswordCredentials): Promise<Session> {
  const { authUrl } = getRuntime()
  let issued: IssuedToken
  try {
    issued = await passwordAuth(authUrl, credentials)
  } catch (e) {
    throw await explainSignInFailure(e, credentials)
  }
  if (!issued.body.project) {
    // Unscoped: with exactly one project there is nothing to choose, so scope to it at once.
    const projects = await listMyProjects(getRuntime().authUrl, issued.token).catch(() => [])
    const only = projects.length === 1 ? projects[0] : undefined
    if (only) issued = await rescopeToken(getRuntime().authUrl, issued.token, only.id)
  }
  const session = sessionFrom(issued)
  setState({ session, reason: undefined })
  return session
}

/**
 * Keystone answers 401 with one message for a wrong password, an unknown user, a disabled account
 * and a project the user may not use. Asking once more without a project tells the last case apart.
 */
async function explainSignInFailure(e: unknown, c: PasswordCredentials): Promise<unknown> {
  if (!(e instanceof ApiError) || e.status !== 401) {
    if (e instanceof ApiError && e.kind === 'network') {
      return new ApiError({
        status: 0,
        kind: 'network',
        message:
          'Keystone could not be reached. Check your network connection, or ask your cloud operator whether the identity service is up.',
      })
    }
    return e
  }
  if (c.project) {
    try {
      const unscoped = await passwordAuth(getRuntime().authUrl, { ...c, project: undefined })
      void revokeToken(getRuntime().authUrl, unscoped.token).catch(() => {})
      return new ApiError({
        status: 401,
        requestId: e.requestId,
        message: `You have no access to a project named “${c.project}” in domain “${c.domain}”, or it does not exist. Leave Project empty to choose from your projects.`,
      })
    } catch {
      // fall through: the credentials themselves were refused
    }
  }
  const generic = /requires authentication/i.test(e.message)
  return new ApiError({
    status: 401,
    requestId: e.requestId,
    message: generic
      ? 'The user name, password or domain is not right, or the account is disabled.'
      : e.message,
  })
}

/** Moves the session to another project (the header's switcher, or the first choice after an unscoped sign-in). */
export async function switchProject(projectId: string): Promise<Session> {
  const current = requireSession()
  const issued = await rescopeToken(getRuntime().authUrl, current.token, projectId)
  const session = sessionFrom(issued, current.region)
  setState({ session, reason: undefined })
  return session
}

export function listProjects() {
  const s = requireSession()
  return listMyProjects(getRuntime().authUrl, s.token)
}

export function setRegion(region: string) {
  const s = requireSession()
  setState({ session: { ...s, region }, reason: undefined })
}

export async function signOut() {
  const s = state.session
  setState({ session: null, reason: 'signed-out' })
  if (s) await revokeToken(getRuntime().authUrl, s.token).catch(() => {})
}

export function expireSession() {
  if (!state.session) return
  setState({ session: null, reason: 'expired' })
}

export const isExpired = (s: Session, now = Date.now()) => Date.parse(s.expiresAt) <= now

// Any 401 on a request that carried our token means the token is gone: sign in again.
setUnauthorizedHandler(() => expireSession())

/** Who is asking, in the terms of Glance's rules (src/api/rules.ts). */
export const callerOf = (s: Session): Caller => ({
  projectId: s.project?.id ?? '',
  roles: s.roles,
})

export function regionsOf(s: Session) {
  return imageRegions(s.catalog)
}

/** The regions a view covers: the chosen one, or all of them. */
export function viewRegions(s: Session) {
  return s.region === ALL_REGIONS ? regionsOf(s) : [s.region]
}

export function glanceTarget(s: Session, region: string): GlanceTarget {
  const { endpoints } = getRuntime()
  if (endpoints === 'proxy') {
    return { baseUrl: `/proxy/image/${encodeURIComponent(region)}`, token: s.token }
  }
  const url = imageEndpointUrl(s.catalog, region)
  if (!url) {
    throw new ApiError({
      status: 0,
      kind: 'schema',
      message: `The catalog has no public image endpoint in region ${region}.`,
    })
  }
  return { baseUrl: url, token: s.token }
}
