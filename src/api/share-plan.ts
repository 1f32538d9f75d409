import type { MemberContext, PolicyMode } from '~/api/glance-policy'
import type { Caller, ImageRef } from '~/api/caller'
import { decideSetVisibility, decideShare } from '~/api/glance-policy'
import { shareDenialReason } from '~/api/denial-reasons'

export type SharePlan =
  | { kind: 'ready' }
  /** Private: Glance refuses members until the image is shared; the caller may make it so. */
  | { kind: 'make-shared-first' }
  /** Public or community: no members at all (Glance answers 403). */
  | { kind: 'no-members'; reason: string }
  /** The caller may not share (role, ownership), with the reason in words. */
  | { kind: 'denied'; reason: string }

/**
 * Can the caller share this image, and what must happen first? Asks the same policy functions
 * as the mock (decideShare, decideSetVisibility), with the image as it would be once shared.
 */
export function sharePlanFor(
  image: ImageRef,
  caller: Caller,
  mode: PolicyMode = 'new-defaults',
): SharePlan {
  if (image.visibility === 'public' || image.visibility === 'community') {
    return {
      kind: 'no-members',
      reason: `${image.visibility === 'public' ? 'Public' : 'Community'} images cannot have members: Glance refuses them (403). Every project can already use this image by its ID${image.visibility === 'public' ? ', and it is in every project’s list' : ''}. To choose who may use it, its owner would make it shared instead.`,
    }
  }
  const asShared: MemberContext = {
    image: { ...image, visibility: 'shared' },
    caller,
    mode,
    membership: undefined,
  }
  const share = decideShare(asShared)
  if (!share.ok) return { kind: 'denied', reason: shareDenialReason(image, caller, share) }
  if (image.visibility === 'private') {
    const patch = decideSetVisibility({ ...asShared, image }, 'shared')
    if (!patch.ok) return { kind: 'denied', reason: shareDenialReason(image, caller, patch) }
    return { kind: 'make-shared-first' }
  }
  return { kind: 'ready' }
}
