import type { MemberStatus } from '~/api/schemas'
import type { Caller, ImageRef } from '~/api/caller'
import { isAdmin, isOwner } from '~/api/caller'

/** The consumer's side: shares other projects offer to the caller, and the caller's answers (§4, §7). */

/** A shared image another project owns: the caller's answer (accept, reject) applies to it. */
export const isIncomingShare = (image: ImageRef, caller: Caller): boolean =>
  image.visibility === 'shared' && !isOwner(image, caller)

/**
 * What a list row tells about the caller's membership (§7): a non-admin's list holds others'
 * shared images only when the membership has the `member_status` asked for (default accepted).
 * Admins' lists ignore `member_status`, so for them a row says nothing and the row must be asked.
 */
export function membershipFromList(
  image: ImageRef,
  caller: Caller,
  memberStatus?: MemberStatus | 'all',
): MemberStatus | undefined {
  if (isAdmin(caller) || !isIncomingShare(image, caller)) return undefined
  const listed = memberStatus ?? 'accepted'
  return listed === 'all' ? undefined : listed
}

/**
 * The consumer's answers. "remove" is Rackspace's Remove Image: reject after accepting. Glance
 * accepts any change (§4), including accepting again after rejecting.
 */
export type ShareAnswer = 'accept' | 'reject' | 'remove' | 'pending'

export const answerStatus: Record<ShareAnswer, MemberStatus> = {
  accept: 'accepted',
  reject: 'rejected',
  remove: 'rejected',
  pending: 'pending',
}

/** The answers worth offering from each status; setting the same status again changes nothing. */
export function answersFrom(status: MemberStatus): ShareAnswer[] {
  switch (status) {
    case 'pending':
      return ['accept', 'reject']
    case 'accepted':
      return ['remove', 'pending']
    case 'rejected':
      return ['accept', 'pending']
  }
}
