import type { QueryClient } from '@tanstack/react-query'
import { getSessionState, subscribeSession } from '~/session/session'

/**
 * Whatever ends a session (sign-out, expiry, a 401, another tab's sign-out) or hands the tab to
 * another user clears every cached server value, and cancels what is in flight, before anyone
 * signs in again: the next user of the tab must never see the previous one's data, not even
 * while it refetches. A project switch keeps the cache: its keys are per user and project.
 * Returns the unsubscribe function.
 */
export function clearCacheWhenSessionEnds(client: QueryClient): () => void {
  let lastToken = getSessionState().session?.token
  let lastUser = getSessionState().session?.user.id
  return subscribeSession(() => {
    const session = getSessionState().session
    const ended = lastToken !== undefined && !session
    // Across a signed-out gap too: the cache may hold the last user's unscoped queries.
    const otherUser = session !== null && lastUser !== undefined && session.user.id !== lastUser
    if (ended || otherUser) {
      void client.cancelQueries()
      client.clear()
    }
    lastToken = session?.token
    if (session) lastUser = session.user.id
  })
}
