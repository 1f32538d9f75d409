import * as v from 'valibot'
import type { SsoOutcome } from '~/api/session-flow'
import type { SsoChoice } from '~/config/config'
import { safeNext } from './url-state'

/**
 * Web SSO leaves the page for Keystone and the identity provider, and comes back to
 * /sign-in?sso=… (SSO_RETURN_PATH). Before leaving, the tab notes in sessionStorage (this tab's
 * alone) that it asked: an answer no tab asked for is a forged sign-in (login CSRF) and is declined,
 * and a note found without an answer means the round trip did not finish.
 */
export const SSO_MARKER_KEY = 'isp-sso-started'
/** Long enough for a slow identity provider (a password reset, a second factor), no longer. */
export const SSO_MARKER_LIFE_MS = 15 * 60_000

const markerSchema = v.object({
  next: v.string(),
  label: v.pipe(v.string(), v.maxLength(255)),
  at: v.number(),
})
export type SsoMarker = v.InferOutput<typeof markerSchema>

export function markSsoStart(choice: { next: string; label: string }, now = Date.now()) {
  try {
    sessionStorage.setItem(SSO_MARKER_KEY, JSON.stringify({ ...choice, at: now }))
  } catch {
    // Storage off: the answer will be declined as unasked-for, and the page says so.
  }
}

/** This tab's note, if it is recent; never where sign-in would lead off the panel. */
export function peekSsoMarker(now = Date.now()): SsoMarker | null {
  try {
    const raw = sessionStorage.getItem(SSO_MARKER_KEY)
    if (raw === null) return null
    const parsed = v.safeParse(markerSchema, JSON.parse(raw))
    if (!parsed.success) return null
    const marker = parsed.output
    if (now - marker.at > SSO_MARKER_LIFE_MS || marker.at > now) return null
    return { ...marker, next: safeNext(marker.next) }
  } catch {
    return null
  }
}

export function clearSsoMarker() {
  try {
    sessionStorage.removeItem(SSO_MARKER_KEY)
  } catch {
    // Storage off: there was no note to clear.
  }
}

/** Reads the note once: what it says is acted on now, or never. */
export function takeSsoMarker(now = Date.now()): SsoMarker | null {
  const marker = peekSsoMarker(now)
  clearSsoMarker()
  return marker
}

type SsoFailure = Exclude<SsoOutcome, 'ready'>
const failures = ['no-token', 'refused', 'unreachable'] as const satisfies SsoFailure[]
const isFailure = (s: string | null): s is SsoFailure => failures.some((f) => f === s)

/** What the page does on loading, from `?sso=` and this tab's note. */
export type SsoArrival =
  | { kind: 'claim'; marker: SsoMarker }
  /** An answer this tab never asked for. */
  | { kind: 'decline' }
  | { kind: 'failed'; outcome: SsoFailure; label: string | undefined }
  /** The tab asked and came back without an answer: Back, Cancel, or a refusal on the way. */
  | { kind: 'unfinished'; label: string }
  | { kind: 'none' }

export function ssoArrival(sso: string | null, marker: SsoMarker | null): SsoArrival {
  if (sso === 'ready') return marker ? { kind: 'claim', marker } : { kind: 'decline' }
  if (isFailure(sso)) return { kind: 'failed', outcome: sso, label: marker?.label }
  return marker ? { kind: 'unfinished', label: marker.label } : { kind: 'none' }
}

export const ssoWords = {
  unsolicited:
    'A single sign-on answer arrived that this tab did not ask for, so it was ignored. Sign in below.',
  unfinished: (label: string) =>
    `Signing in with ${label} did not finish: it was cancelled, or the identity provider or Keystone refused it. Try again, or ask your cloud operator (Keystone must list this panel in [federation] trusted_dashboard).`,
  refused:
    'Keystone refused the single sign-on answer: the token it sent back was not valid when the panel checked it. Try again; if it goes on, ask your cloud operator to check the identity provider and Keystone’s federation mapping.',
  unreachable:
    'The sign-in came back, but the panel’s server could not reach Keystone to check it. Try again in a moment; if it goes on, ask your cloud operator whether Keystone is up.',
  'no-token':
    'The identity provider sent back no sign-in: Keystone’s answer held no token. Try again, or ask your cloud operator to check the identity provider.',
} as const satisfies Record<SsoFailure, string> &
  Record<string, string | ((label: string) => string)>

/**
 * The choices to show: config.json's and the demo's, with an address the browser may follow (an
 * http(s) URL or a path of the panel's own), the one used last first.
 */
export function ssoChoicesToShow(
  choices: readonly SsoChoice[],
  lastLabel: string | undefined,
  origin = window.location.origin,
): SsoChoice[] {
  const followable = choices.filter((c) => {
    try {
      return ['http:', 'https:'].includes(new URL(c.url, origin).protocol)
    } catch {
      return false
    }
  })
  const last = followable.find((c) => c.label === lastLabel)
  return last ? [last, ...followable.filter((c) => c !== last)] : followable
}
