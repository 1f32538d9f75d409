import { data } from 'react-router'
import { isAdmin } from '~/api/caller'
import type { Session } from '~/api/scope'

// Pages for cloud administrators refuse everyone else in their route loader, before any request
// leaves or any of the page shows; RouteError (src/pages/route-error.tsx) says why. A page also
// asks adminOnlyRefusal itself for a tab whose session was not ready when its loader ran.

/** Why `page` is refused to this session, or undefined for an admin. */
export function adminOnlyRefusal(s: Session, page: string): string | undefined {
  if (isAdmin(s)) return undefined
  return `${page} is for cloud administrators: it needs the admin role, and your role in project ${s.project?.name ?? ''} does not include it.`
}

/** In a loader: throws a 403 that RouteError shows as "Not allowed", with the reason. */
export function refuseUnlessAdmin(s: Session, page: string) {
  const refusal = adminOnlyRefusal(s, page)
  // React Router's way to end a loader with a status: a data() response, not an Error.
  // eslint-disable-next-line @typescript-eslint/only-throw-error
  if (refusal !== undefined) throw data(refusal, { status: 403, statusText: 'Not allowed' })
}
