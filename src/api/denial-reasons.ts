import type { Visibility } from '~/api/schemas'
import type { Decision, Denial } from '~/api/glance-policy'
import type { Caller, ImageRef } from '~/api/caller'
import { hasRole, isAdmin, isOwner } from '~/api/caller'

/**
 * Why not: the one sentence a disabled control gives for each decision of glance-policy.ts. Whether
 * an action is denied is the decision's answer; these only pick the words.
 */

const readerCan = (action: string) =>
  `Your role in this project is reader: only the member role can ${action}.`

/**
 * A denied action in words people act on: not the owner, the reader role, or else Glance's own
 * message. Whether it is denied is the decision's answer; this only picks the sentence.
 */
function whyDenied(
  denial: Denial,
  image: ImageRef,
  caller: Caller,
  action: string,
  reader = readerCan(action),
) {
  if (!isOwner(image, caller) && !isAdmin(caller))
    return `Only the project that owns this image can ${action}.`
  if (!hasRole(caller, 'member')) return reader
  return denial.message
}

/** Share Image (the plan): why the caller may not share this image. */
export const shareDenialReason = (image: ImageRef, caller: Caller, denial: Denial): string =>
  whyDenied(
    denial,
    image,
    caller,
    'share it',
    'Your role in this project is reader: sharing needs the member role.',
  )

/** Remove a member (§5), or undefined when allowed. */
export const unshareDenialReason = (decision: Decision, image: ImageRef, caller: Caller) =>
  decision.ok ? undefined : whyDenied(decision, image, caller, 'remove members')

/** Add a member again from the members table (§1), or undefined when allowed. */
export const reshareDenialReason = (decision: Decision, image: ImageRef, caller: Caller) =>
  decision.ok ? undefined : whyDenied(decision, image, caller, 'share this image')

/** Change the visibility to `to` (§6), or undefined when allowed. */
export function visibilityDenialReason(
  decision: Decision,
  image: ImageRef,
  caller: Caller,
  to: Visibility,
): string | undefined {
  if (decision.ok) return undefined
  if (to === 'public' && !isAdmin(caller))
    return 'Only a cloud administrator can make an image public.'
  return whyDenied(decision, image, caller, 'change its visibility')
}

/** Answer a share as its member (§4), or undefined when allowed. */
export const answerDenialReason = (decision: Decision, caller: Caller) =>
  decision.ok
    ? undefined
    : hasRole(caller, 'member')
      ? `Glance refuses: ${decision.message}`
      : readerCan('answer a share')
