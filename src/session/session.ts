import { useSyncExternalStore } from 'react'
import * as v from 'valibot'
import { getRuntime } from '~/config/runtime'
import { ApiError, request, setUnauthorizedHandler } from '~/api/http'
import { imageRegions, listMyProjects } from '~/api/keystone'
import { ALL_REGIONS, identityTarget, sessionSchema, type Session } from '~/api/scope'
import {
  NO_SESSION,
  SESSION_PATH,
  SESSION_PROJECT_PATH,
  SESSION_REGION_PATH,
  SESSION_SSO_PATH,
  SESSION_STEP_PATH,
  sessionEnded,
  type PasswordSignIn,
  type SignInBody,
  type StepAnswer,
  type StepView,
} from '~/api/session-flow'
import { createSessionBroadcast, type ChangeHint, type SessionBroadcast } from './tab-sync'

/**
 * The tab's view of the browser's session. The panel's server holds the Keystone token and the
 * browser an HttpOnly cookie (docs/sessions.md); this store holds what GET /session says of it,
 * never a token, and changes it only through the server's /session routes.
 */

/** Why the tab has no session. */
export type SignedOutReason = 'expired' | 'signed-out' | undefined

/** `loading`: the server has not yet said whether this browser is signed in (a tab's first moment). */
type State = { session: Session | null; reason: SignedOutReason; loading: boolean }

// Why the tab has no session, kept across a reload so "your session has expired" is not lost.
const REASON_KEY = 'isp-signed-out'
let state: State = { session: null, reason: readReason(), loading: true }
const listeners = new Set<() => void>()

function readReason(): SignedOutReason {
  try {
    const reason = sessionStorage.getItem(REASON_KEY)
    return reason === 'expired' || reason === 'signed-out' ? reason : undefined
  } catch {
    return undefined
  }
}

function setState(next: { session: Session | null; reason: SignedOutReason }) {
  state = { ...next, loading: false }
  try {
    if (next.reason) sessionStorage.setItem(REASON_KEY, next.reason)
    else sessionStorage.removeItem(REASON_KEY)
  } catch {
    // Storage off: the reason holds until a reload.
  }
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

// ---- The server's /session routes ----

const sessionAnswer = v.object({ session: sessionSchema })

/** The browser's session as the server has it now; `ended`: there was one, and Keystone ended it. */
async function askServer(): Promise<{ session: Session | null; ended: boolean }> {
  try {
    const { data } = await request(SESSION_PATH, { schema: sessionAnswer })
    return { session: data.session, ended: false }
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      return { session: null, ended: e.message === sessionEnded }
    }
    throw e
  }
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

/** The session with the region this tab shows: the one preferred if the catalog has it, else the server's. */
function inRegion(s: Session, preferred: string | undefined): Session {
  const regions = imageRegions(s.catalog)
  const usable = (r: string | undefined): r is string =>
    r !== undefined && r !== '' && (r === ALL_REGIONS || regions.includes(r))
  const region = usable(preferred)
    ? preferred
    : usable(s.region)
      ? s.region
      : (regions[0] ?? ALL_REGIONS)
  return { ...s, region }
}

let loaded: Promise<void> | undefined

/**
 * Asks the server once, at the tab's start, whether this browser is signed in: a new tab, a
 * reload and a link opened from elsewhere are signed in by the cookie alone.
 */
export function loadSession(): Promise<void> {
  loaded ??= askServer().then(
    ({ session, ended }) =>
      setState({
        session: session && inRegion(session, undefined),
        reason: session ? undefined : ended ? 'expired' : state.reason,
      }),
    () => setState({ session: null, reason: state.reason }),
  )
  return loaded
}

let refreshing: Promise<void> | undefined

/**
 * What became of the session, from the server: a 401 in this tab, or another tab's word. The
 * same session stays; another one (a project switch or sign-in elsewhere) is followed, keeping
 * this tab's region where it can; none ends the tab's session, for the reason given.
 */
export function refreshSession(hint: ChangeHint = 'expired'): Promise<void> {
  refreshing ??= askServer()
    .then(
      ({ session }) => {
        const current = state.session
        if (session === null) {
          if (current || state.loading) {
            setState({ session: null, reason: hint === 'signed-out' ? 'signed-out' : 'expired' })
          }
          return
        }
        if (current?.id === session.id) return
        const keep = current?.user.id === session.user.id ? current.region : undefined
        setState({ session: inRegion(session, keep), reason: undefined })
      },
      // The server could not be asked (the network): nothing is known, nothing changes.
      () => undefined,
    )
    .finally(() => {
      refreshing = undefined
    })
  return refreshing
}

const stepViewSchema = v.object({
  needs: v.picklist(['passcode', 'password']),
  user: v.string(),
  expiresAt: v.string(),
})
/** 201: signed in; 202: Keystone wants another factor (multi-factor rules), the server holds the first. */
const signInAnswer = v.union([sessionAnswer, v.object({ step: stepViewSchema })])

export type SignInOutcome = { session: Session } | { step: StepView }

/** The session the server made, in the region this user last chose; the other tabs follow. */
function signedIn(made: Session): Session {
  const session = inRegion(made, lastRegionChoice(made.user.id))
  setState({ session, reason: undefined })
  if (session.project && session.region !== made.region) void rememberRegion(session)
  announce('changed')
  return session
}

function outcome(data: v.InferOutput<typeof signInAnswer>): SignInOutcome {
  return 'session' in data ? { session: signedIn(data.session) } : { step: data.step }
}

/** Signs in by password, passcode or application credential; a second factor may be asked next. */
export async function beginSignIn(body: SignInBody): Promise<SignInOutcome> {
  const { data } = await request(SESSION_PATH, {
    method: 'POST',
    session: NO_SESSION,
    body,
    schema: signInAnswer,
  })
  return outcome(data)
}

/** A password sign-in that needs no second factor (tests, and users without multi-factor rules). */
export async function signIn(c: Omit<PasswordSignIn, 'method'>): Promise<Session> {
  const done = await beginSignIn({ method: 'password', ...c })
  if ('session' in done) return done.session
  throw new ApiError({ status: 401, message: `Keystone wants a ${done.step.needs} too.` })
}

/**
 * The factor Keystone still wants. A refusal is an ApiError whose `reason` says whether the field
 * may be tried again ('wrong-passcode') or the sign-in starts over ('receipt-expired').
 */
export async function answerStep(answer: StepAnswer): Promise<SignInOutcome> {
  const { data } = await request(SESSION_STEP_PATH, {
    method: 'POST',
    session: NO_SESSION,
    body: answer,
    schema: signInAnswer,
  })
  return outcome(data)
}

/** Web SSO: the session from what Keystone posted to the server, for the tab that asked for it. */
export async function claimSso(): Promise<Session> {
  const { data } = await request(SESSION_SSO_PATH, {
    method: 'POST',
    session: NO_SESSION,
    body: {},
    schema: sessionAnswer,
  })
  return signedIn(data.session)
}

/** A Web SSO answer this tab never asked for (a forged sign-in): the server drops and revokes it. */
export async function declineSso(): Promise<void> {
  await request(SESSION_SSO_PATH, { method: 'DELETE', session: NO_SESSION }).catch(() => undefined)
}

/**
 * Moves the session to another project (the header's switcher, or the first choice after an
 * unscoped sign-in). The server revokes the token it replaces; the other tabs follow.
 */
export async function switchProject(projectId: string): Promise<Session> {
  const current = requireSession()
  const { data } = await request(SESSION_PROJECT_PATH, {
    method: 'POST',
    session: current.id,
    body: { projectId },
    schema: sessionAnswer,
  })
  // An unscoped session had no catalog, hence no region of its own to keep: the user's last choice.
  const preferred = current.project ? current.region : lastRegionChoice(current.user.id)
  const session = inRegion(data.session, preferred)
  setState({ session, reason: undefined })
  if (session.region !== data.session.region) void rememberRegion(session)
  announce('changed')
  return session
}

export function listProjects() {
  return listMyProjects(identityTarget(requireSession()))
}

/** Tells the server too, so that a new tab opens where the user last looked. */
function rememberRegion(s: Session): Promise<void> {
  return request(SESSION_REGION_PATH, {
    method: 'POST',
    session: s.id,
    body: { region: s.region },
  }).then(
    () => undefined,
    () => {
      // The tab shows the region anyway; only a new tab would open in the previous one.
    },
  )
}

/** Shows the region in this tab at once; the promise is the server's note of it, for new tabs. */
export function setRegion(region: string): Promise<void> {
  const s = requireSession()
  try {
    localStorage.setItem(regionKey(s.user.id), region)
  } catch {
    // Storage off: the choice holds for this session only.
  }
  const next = { ...s, region }
  setState({ session: next, reason: undefined })
  return rememberRegion(next)
}

export type SignOutResult = {
  /** False when the cloud did not confirm the revocation: the token works until `expiresAt`. */
  revoked: boolean
  expiresAt?: string
}

const signOutAnswer = v.object({ revoked: v.boolean(), expiresAt: v.optional(v.string()) })

/** The server revokes the token and clears the cookie; every tab of the browser signs out. */
export async function signOut(): Promise<SignOutResult> {
  const s = state.session
  setState({ session: null, reason: 'signed-out' })
  try {
    const { data } = await request(SESSION_PATH, {
      method: 'DELETE',
      session: s?.id ?? NO_SESSION,
      schema: signOutAnswer,
    })
    return data.revoked
      ? { revoked: true }
      : { revoked: false, expiresAt: data.expiresAt ?? s?.expiresAt }
  } catch {
    // The cookie may still be there: the tab is signed out, and the token lives until it expires.
    return s ? { revoked: false, expiresAt: s.expiresAt } : { revoked: false }
  } finally {
    announce('signed-out')
  }
}

/** The token ran out (its expiry time): this tab signs in again, and so do the others. */
export function expireSession() {
  if (!state.session) return
  setState({ session: null, reason: 'expired' })
  announce('expired')
}

export const isExpired = (s: Session, now = Date.now()) => Date.parse(s.expiresAt) <= now

/**
 * A session a signed-in page can use: scoped to a project and not expired. The one test of the
 * layout, the sign-in page and the route loaders.
 */
export const isUsable = (s: Session | null | undefined): boolean => !!s?.project && !isExpired(s)

// ---- The other tabs (src/session/tab-sync.ts) ----

let broadcast: SessionBroadcast | null = null

function announce(hint: ChangeHint) {
  broadcast?.announce(hint)
}

/** Hears the other tabs' word that the session changed, and asks the server what it is now. */
export function startTabSync() {
  if (broadcast || typeof BroadcastChannel === 'undefined') return
  broadcast = createSessionBroadcast(new BroadcastChannel('isp-session'), (hint) => {
    void refreshSession(hint)
  })
}

/** For tests: stops listening to the other tabs. */
export function stopTabSync() {
  broadcast?.close()
  broadcast = null
}

/** For tests: the store as a new tab has it. */
export function resetSessionState() {
  loaded = undefined
  state = { session: null, reason: readReason(), loading: true }
  for (const l of listeners) l()
}

// A 401 on a request made in this tab's session: the server says whether the session is gone,
// replaced (another tab) or still there (a refusal of Glance's own). A 401 for a session already
// left behind (a request in flight across a project switch) changes nothing.
setUnauthorizedHandler((_error, sessionId) => {
  if (state.session?.id === sessionId) void refreshSession()
})
