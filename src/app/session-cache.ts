import type { QueryClient } from '@tanstack/react-query'
import { getSessionState, subscribeSession } from '~/session/session'

/**
 * Whatever ends a session (sign-out, expiry, a 401, another tab's sign-out) or hands the tab to
 * another user clears every cached server value, and cancels what is in flight, before anyone
 * signs in again: the next user of the tab must never see the previous one's data, not even
 * while it refetches. A project switch keeps the cache: its keys are per user and project; what
 * is kept per user only (their projects, the projects they looked up) is read again, since the
 * new token may see otherwise. Wherever the switch comes from (the header, the Share dialog's
 * "Switch to … and review"), this is the one place that does it. Returns the unsubscribe function.
 */
export function clearCacheWhenSessionEnds(client: QueryClient): () => void {
  let lastSession = getSessionState().session?.id
  let lastUser = getSessionState().session?.user.id
  let lastProject = getSessionState().session?.project?.id
  return subscribeSession(() => {
    const session = getSessionState().session
    const ended = lastSession !== undefined && !session
    // Across a signed-out gap too: the cache may hold the last user's unscoped queries.
    const otherUser = session !== null && lastUser !== undefined && session.user.id !== lastUser
    if (ended || otherUser) {
      void client.cancelQueries()
      client.clear()
    } else if (
      session?.project &&
      lastProject !== undefined &&
      session.project.id !== lastProject
    ) {
      void client.invalidateQueries({ queryKey: ['user', session.user.id] })
    }
    lastSession = session?.id
    if (session) lastUser = session.user.id
    lastProject = session?.project?.id
  })
}
