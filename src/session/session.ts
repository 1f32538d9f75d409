import { useSyncExternalStore } from 'react'
import * as v from 'valibot'
import { getRuntime } from '~/config/runtime'
import { ApiError, setUnauthorizedHandler } from '~/api/http'
import {
  imageRegions,
  listMyProjects,
  passwordAuth,
  rescopeToken,
  revokeToken,
  type IssuedToken,
  type PasswordCredentials,
} from '~/api/keystone'
import { ALL_REGIONS, sessionSchema, type Session } from '~/api/scope'
import { createTabSync, type ChannelLike, type TabSync } from './tab-sync'

/** Why the tab has no session. `switched-user`: the person chose "Sign in as another user". */
export type SignedOutReason = 'expired' | 'signed-out' | 'switched-user' | undefined

// The token lives in sessionStorage at most: it dies with the tab, and never reaches a URL or localStorage.
const STORAGE_KEY = 'isp-session'

/**
 * `tabs`: whether this tab still has to ask the other tabs for a session (a link opened in a new
 * tab). Only a tab that never had one asks; after a sign-out or an expiry the tab stays signed out.
 */
export type TabsLookup = 'unasked' | 'asking' | 'done'
type State = { session: Session | null; reason: SignedOutReason; tabs: TabsLookup }
const REASON_KEY = 'isp-signed-out'
let state: State = initialState()
const listeners = new Set<() => void>()

function initialState(): State {
  const session = readStored()
  const reason = readReason()
  return { session, reason, tabs: session || reason ? 'done' : 'unasked' }
}

function readStored(): Session | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY)
    if (!raw) return null
    return parseSession(JSON.parse(raw))
  } catch {
    return null
  }
}

function parseSession(value: unknown): Session | null {
  const parsed = v.safeParse(sessionSchema, value)
  return parsed.success ? parsed.output : null
}

/** Why the tab has no session, kept across a reload so "your session expired" is not lost. */
function readReason(): SignedOutReason {
  const reason = sessionStorage.getItem(REASON_KEY)
  return reason === 'expired' || reason === 'signed-out' || reason === 'switched-user'
    ? reason
    : undefined
}

function setState(next: { session: Session | null; reason: SignedOutReason; tabs?: TabsLookup }) {
  state = { ...next, tabs: next.tabs ?? 'done' }
  if (next.session) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next.session))
  else sessionStorage.removeItem(STORAGE_KEY)
  if (next.reason) sessionStorage.setItem(REASON_KEY, next.reason)
  else sessionStorage.removeItem(REASON_KEY)
  for (const l of listeners) l()
}

/** Called on every change of the session state; returns the unsubscribe function. */
export function subscribeSession(listener: () => void) {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

export const getSessionState = () => state

export function useSessionState(): State {
  return useSyncExternalStore(subscribeSession, getSessionState)
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
  state = initialState()
  for (const l of listeners) l()
}

// ---- The other tabs (src/session/tab-sync.ts) ----

let sync: TabSync<Session> | null = null
let stopActivity: (() => void) | undefined

/**
 * Joins the panel's other tabs of this browser: answers their asks with this tab's session, and
 * follows a sign-out, expiry or project switch of the same token there. Without BroadcastChannel
 * every tab stays on its own, as before. `channel` is for tests.
 */
export function startTabSync(given?: ChannelLike, opts: { waitMs?: number } = {}) {
  if (sync) return
  const channel =
    given ??
    (typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel('isp-session'))
  if (!channel) return
  sync = createTabSync<Session>(
    channel,
    {
      offerable: () => {
        const s = state.session
        return isUsable(s) ? s : null
      },
      heldToken: () => state.session?.token,
      parse: parseSession,
      onEnded: (reason) => setState({ session: null, reason }),
      onReplaced: (next) => {
        // Keep this tab's own region where the new catalog has it.
        const region = state.session?.region
        const keep =
          region && (region === ALL_REGIONS || imageRegions(next.catalog).includes(region))
        setState({ session: keep ? { ...next, region } : next, reason: undefined })
      },
    },
    opts,
  )
  if (typeof window !== 'undefined') {
    const touch = () => sync?.touch()
    const onVisible = () => {
      if (document.visibilityState === 'visible') touch()
    }
    const events = ['focus', 'pointerdown', 'keydown'] as const
    for (const e of events) window.addEventListener(e, touch, { capture: true, passive: true })
    document.addEventListener('visibilitychange', onVisible)
    stopActivity = () => {
      for (const e of events) window.removeEventListener(e, touch, { capture: true })
      document.removeEventListener('visibilitychange', onVisible)
    }
  }
}

/** For tests: leaves the other tabs. */
export function stopTabSync() {
  sync?.close()
  sync = null
  stopActivity?.()
  stopActivity = undefined
}

let joining: Promise<void> | undefined

/**
 * A tab with no session asks the other tabs for theirs (a link opened in a new tab), waits a
 * moment, and adopts the most recently used tab's session. Once per tab; the signed-in layout
 * shows its loading state meanwhile.
 */
export function joinOtherTabs(): Promise<void> {
  if (state.tabs !== 'unasked') return joining ?? Promise.resolve()
  const tabs = sync
  if (!tabs) {
    setState({ session: state.session, reason: state.reason, tabs: 'done' })
    return Promise.resolve()
  }
  setState({ session: null, reason: undefined, tabs: 'asking' })
  joining = tabs.ask().then((offered) => {
    // Someone may have signed in here meanwhile: theirs wins.
    if (state.tabs !== 'asking') return
    const usable = isUsable(offered) ? offered : null
    setState({ session: usable, reason: undefined, tabs: 'done' })
  })
  return joining
}

/** Where the user's last region choice is kept: per Keystone and user, across sign-ins. */
const regionKey = (userId: string) => `isp-region:${getRuntime().authUrl}|${userId}`

function lastRegionChoice(userId: string): string | undefined {
  try {
    return localStorage.getItem(regionKey(userId)) ?? undefined
  } catch {
    return undefined
  }
}

/**
 * The region a new session starts in, one rule for everyone: the one it had (a project switch),
 * else the user's last choice, else the catalog's first; each only if this catalog still has it.
 */
function sessionFrom(issued: IssuedToken, previousRegion?: string): Session {
  const { body } = issued
  const catalog = body.catalog ?? []
  const regions = imageRegions(catalog)
  const usable = (r: string | undefined): r is string =>
    r !== undefined && r !== '' && (r === ALL_REGIONS || regions.includes(r))
  const last = lastRegionChoice(body.user.id)
  const region = usable(previousRegion)
    ? previousRegion
    : usable(last)
      ? last
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
    if (only) {
      const unscoped = issued.token
      issued = await rescopeToken(getRuntime().authUrl, unscoped, only.id)
      // The unscoped token has done its job; nothing should be able to use it any more.
      void revokeToken(getRuntime().authUrl, unscoped).catch(() => {})
    }
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
  // Keystone down, slow or unreachable: src/api/http.ts names it and says what to try.
  if (!(e instanceof ApiError) || e.status !== 401) return e
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

/**
 * Moves the session to another project (the header's switcher, or the first choice after an
 * unscoped sign-in). The token it replaces is revoked, and the tabs that shared it follow.
 */
export async function switchProject(projectId: string): Promise<Session> {
  const current = requireSession()
  const issued = await rescopeToken(getRuntime().authUrl, current.token, projectId)
  // An unscoped token has no catalog, hence no region of its own to keep.
  const session = sessionFrom(issued, current.project ? current.region : undefined)
  setState({ session, reason: undefined })
  sync?.announceReplaced(current.token, session)
  void revokeToken(getRuntime().authUrl, current.token).catch(() => {})
  return session
}

export function listProjects() {
  const s = requireSession()
  return listMyProjects(getRuntime().authUrl, s.token)
}

export function setRegion(region: string) {
  const s = requireSession()
  try {
    localStorage.setItem(regionKey(s.user.id), region)
  } catch {
    // Storage off: the choice holds for this session only.
  }
  setState({ session: { ...s, region }, reason: undefined })
}

export type SignOutResult = {
  /** False when the cloud did not confirm the revocation: the token works until `expiresAt`. */
  revoked: boolean
  expiresAt?: string
}

/** Ends the session in this tab and every tab sharing its token, and revokes the token once. */
export async function signOut(): Promise<SignOutResult> {
  const s = state.session
  setState({ session: null, reason: 'signed-out' })
  if (!s) return { revoked: true }
  sync?.announceEnded(s.token, 'signed-out')
  try {
    await revokeToken(getRuntime().authUrl, s.token)
    return { revoked: true }
  } catch (e) {
    // Already dead is as good as revoked.
    if (e instanceof ApiError && (e.status === 401 || e.status === 404)) return { revoked: true }
    return { revoked: false, expiresAt: s.expiresAt }
  }
}

/**
 * "Sign in as another user": this tab leaves its session for the sign-in page, and the other tabs
 * keep theirs. The token is revoked only when no other tab still holds it.
 */
export async function signInAsAnotherUser() {
  const s = state.session
  setState({ session: null, reason: 'switched-user' })
  if (!s) return
  const shared = sync ? await sync.anyoneHolds(s.token) : false
  if (!shared) await revokeToken(getRuntime().authUrl, s.token).catch(() => {})
}

/** The token died (a 401, or its expiry time): this tab and the tabs sharing it sign in again. */
export function expireSession() {
  const s = state.session
  if (!s) return
  setState({ session: null, reason: 'expired' })
  sync?.announceEnded(s.token, 'expired')
}

export const isExpired = (s: Session, now = Date.now()) => Date.parse(s.expiresAt) <= now

/**
 * A session a signed-in page can use: scoped to a project and not expired. The one test of the
 * layout, the sign-in page, the route loaders and the tab protocol.
 */
export const isUsable = (s: Session | null | undefined): boolean => !!s?.project && !isExpired(s)

// A 401 on a request that carried our current token means the token is gone: sign in again. A 401
// for a token we already replaced (a request in flight across a project switch) changes nothing.
setUnauthorizedHandler((_error, token) => {
  if (state.session?.token === token) expireSession()
})
