import type { Session } from '~/api/scope'
import { getSessionState, isUsable } from '~/session/session'

// What every route loader (src/pages/<screen>/loader.ts) shares. A loader starts the queries its
// page will read, with the very options its components use, so the requests leave while the
// route's chunk loads. Loaders sit on the route objects in app.tsx, not in the lazy modules, since
// a lazy module's loader would wait for its chunk. None awaits its queries: each page has its own
// loading state, and navigation is not held up. With `staleTime: 'static'` they ask only for what
// the cache lacks (a stale entry is the mounting component's to refresh), so the loaders' reruns
// on every search change cost nothing.

/**
 * The session to prefetch for, or none: a new tab still asking the other tabs, a signed-out or
 * expired one is left to the signed-in layout, which asks, redirects or signs in.
 */
export function readySession(): Session | undefined {
  const { session } = getSessionState()
  return session && isUsable(session) ? session : undefined
}

/** Start a query without waiting; its error, if any, is the component's to show. */
export const start = (p: Promise<unknown>) => {
  p.catch(() => undefined)
}
