import { bookKey, entryOf, readBook } from '~/api/address-book'
import { getRuntime } from '~/config/runtime'
import { getSessionState } from '~/session/session'

/**
 * The signed-in user's names for project IDs, as the address book keeps them now (typed, or seen
 * in Keystone before): for exports, which are made in a click's handler rather than a render.
 */
export function yourNames(): (projectId: string) => string | undefined {
  const session = getSessionState().session
  if (!session) return () => undefined
  const book = readBook(bookKey(getRuntime().authUrl, session.user.id))
  return (projectId) => entryOf(book, projectId)?.name
}
