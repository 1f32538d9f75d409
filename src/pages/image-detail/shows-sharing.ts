import { isAdmin } from '~/api/caller'
import { isIncomingShare } from '~/api/share-answers'
import type { Image } from '~/api/schemas'
import { callerOf, type Session } from '~/api/scope'

/**
 * A member may neither change the image nor see other members: its own section says all. The
 * loader asks it too, to start the member list only where the page shows it.
 */
export const showsSharing = (session: Session, image: Image) => {
  const caller = callerOf(session)
  return !isIncomingShare(image, caller) || isAdmin(caller)
}
