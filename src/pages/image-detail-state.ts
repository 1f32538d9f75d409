import { isAdmin } from '~/api/glance-policy'
import { isIncomingShare } from '~/api/share-answers'
import type { Image } from '~/api/schemas'
import { callerOf, regionsOf, type Session } from '~/api/scope'

// What Image Detail asks for, without React: its route's loader (src/app/loaders.ts) starts the
// same queries before the page's chunk has loaded.

/** A link from the list names the region; a bare deep link searches every region. */
export function detailRegions(session: Session, asked: string | null): string[] {
  const all = regionsOf(session)
  return asked && all.includes(asked) ? [asked] : all
}

/** A member may neither change the image nor see other members: its own section says all. */
export const showsSharing = (session: Session, image: Image) => {
  const caller = callerOf(session)
  return !isIncomingShare(image, caller) || isAdmin(caller)
}
