import type { MemberStatus, Visibility } from '~/api/schemas'
import { memberStatuses } from '~/api/schemas'
import { glanceMessages } from '~/api/glance-messages'
import { hasRole, isAdmin, isOwner, type Caller, type ImageRef } from '~/api/caller'

/**
 * Glance's image-sharing policy as pure functions (the contract, §0–§8): the decisions the UI
 * predicts with and the demo cloud answers with, so no rule is decided in two places. The mock's
 * own decisions (create, delete, list, show) build on these in mocks/glance/policy.ts. Checks run
 * in the order Glance runs them, because the order decides which error a caller sees.
 */

/** new-defaults: 2023.1+ (enforce_new_defaults); legacy: Zed and earlier, with hard-coded owner checks. */
export type PolicyMode = 'new-defaults' | 'legacy'

export type Denial = { ok: false; status: 400 | 403 | 404 | 409 | 413; message: string }
export type Decision = { ok: true } | Denial

/** The caller's own, non-deleted membership row for the image, if any. */
export type Membership = { status: MemberStatus } | undefined

export type MemberContext = {
  image: ImageRef
  caller: Caller
  mode: PolicyMode
  membership: Membership
}

/** A member row as the rules need it: which project, and whether it was soft-deleted. */
export type MemberRow = { memberId: string; status: MemberStatus; deleted?: boolean }

export const allowed: Decision = { ok: true }
export const deny = (status: Denial['status'], message: string): Denial => ({
  ok: false,
  status,
  message,
})
const notAuthorized = glanceMessages.notAuthorized

/** glance/db/utils.py::is_image_visible: membership in any status counts, but only while shared. */
export function canSeeImage(image: ImageRef, caller: Caller, membership?: Membership): boolean {
  if (isAdmin(caller) || image.owner === null) return true
  if (image.visibility === 'public' || image.visibility === 'community') return true
  if (isOwner(image, caller)) return true
  return image.visibility === 'shared' && membership !== undefined
}

/** add_member / delete_member / modify_image under the new defaults: admin, or member of the owner. */
export const ownerMemberOrAdmin = (image: ImageRef, caller: Caller) =>
  isAdmin(caller) || (isOwner(image, caller) && hasRole(caller, 'member'))

/** The owner and admins see every member row; anyone else only its own project's. */
export const seesAllMembers = (image: ImageRef, caller: Caller): boolean =>
  isAdmin(caller) || isOwner(image, caller)

/**
 * May the caller boot a server from the image? Nova fetches the image with the caller's token, so
 * whatever Glance shows the caller (is_image_visible) can be launched: a shared image only by a
 * member, in any status.
 */
export const canLaunch = (image: ImageRef, caller: Caller, membership?: Membership): boolean =>
  canSeeImage(image, caller, membership)

/** Is this row one the caller may look up? Glance returns only the owner's or the caller's own rows. */
export function rowVisible(
  ctx: MemberContext,
  memberId: string,
  row: MemberRow | undefined,
): boolean {
  if (row === undefined || row.deleted === true) return false
  return seesAllMembers(ctx.image, ctx.caller) || memberId === ctx.caller.projectId
}

/** §1 POST …/members, the policy part (rows 7–10): may the caller share this image at all? */
export function decideShare(ctx: MemberContext): Decision {
  const { image, caller, mode } = ctx
  if (!canSeeImage(image, caller, ctx.membership))
    return deny(404, glanceMessages.imageNotFound(image.id))
  if (image.visibility !== 'shared') return deny(403, glanceMessages.notAllowedCreate(image.id))
  if (mode === 'legacy') {
    if (!isOwner(image, caller) && !isAdmin(caller))
      return deny(403, glanceMessages.notAllowedCreate(image.id))
    return allowed
  }
  if (!ownerMemberOrAdmin(image, caller)) return deny(403, notAuthorized('add_member'))
  return allowed
}

/**
 * §4 PUT …/members/{member_id}: only the member itself (or an admin) sets a status, never the
 * owner. The value is checked last, so a bad value from someone not allowed still gets 403/404.
 */
export function decideSetMemberStatus(
  ctx: MemberContext,
  memberId: string,
  row: MemberRow | undefined,
  status: unknown,
): Decision {
  const { image, caller, mode } = ctx
  if (!canSeeImage(image, caller, ctx.membership))
    return deny(404, glanceMessages.imageNotFound(image.id))
  if (image.visibility !== 'shared') return deny(403, glanceMessages.notAllowedUpdate(image.id))
  if (mode === 'legacy' && isOwner(image, caller) && !isAdmin(caller))
    return deny(403, glanceMessages.notAllowedUpdate(image.id))
  if (!rowVisible(ctx, memberId, row))
    return deny(404, glanceMessages.memberNotFound(memberId, image.id))
  if (mode === 'new-defaults') {
    // modify_member: admin, or member role in the member project (the policy target's member_id
    // is the caller's project only when the caller is not the owner).
    const permitted = isAdmin(caller) || (!isOwner(image, caller) && hasRole(caller, 'member'))
    if (!permitted) return deny(403, notAuthorized('modify_member'))
  }
  if (!isMemberStatus(status)) return deny(400, glanceMessages.invalidMemberStatus)
  return allowed
}

/** §5 DELETE …/members/{member_id}: the owner (or an admin) unshares; a member cannot leave. */
export function decideRemoveMember(
  ctx: MemberContext,
  memberId: string,
  row: MemberRow | undefined,
): Decision {
  const { image, caller, mode } = ctx
  if (!canSeeImage(image, caller, ctx.membership))
    return deny(404, glanceMessages.imageNotFound(image.id))
  if (image.visibility !== 'shared') return deny(403, glanceMessages.notAllowedDelete(image.id))
  if (mode === 'legacy' && !isOwner(image, caller) && !isAdmin(caller))
    return deny(403, glanceMessages.notAllowedDelete(image.id))
  if (!rowVisible(ctx, memberId, row))
    return deny(404, glanceMessages.memberNotFound(memberId, image.id))
  if (mode === 'new-defaults' && !ownerMemberOrAdmin(image, caller))
    return deny(403, notAuthorized('delete_member'))
  return allowed
}

/** §8 PATCH /visibility, after the value itself was validated (a bad value is a 400 before this). */
export function decideSetVisibility(ctx: MemberContext, value: Visibility): Decision {
  const { image, caller, mode } = ctx
  if (!canSeeImage(image, caller, ctx.membership))
    return deny(404, glanceMessages.noImageWithId(image.id))
  const decision = decideModifyImage(ctx)
  if (!decision.ok) return decision
  // publicize_image has no deprecated alternative: admin only in both modes.
  if (value === 'public' && !isAdmin(caller)) return deny(403, notAuthorized('publicize_image'))
  if (value === 'community' && mode === 'new-defaults' && !ownerMemberOrAdmin(image, caller))
    return deny(403, notAuthorized('communitize_image'))
  return allowed
}

/** modify_image: may the caller PATCH this (visible) image at all? */
export function decideModifyImage(ctx: MemberContext): Decision {
  const { image, caller, mode } = ctx
  if (!canSeeImage(image, caller, ctx.membership))
    return deny(404, glanceMessages.noImageWithId(image.id))
  if (mode === 'legacy') {
    return isOwner(image, caller) || isAdmin(caller) ? allowed : deny(403, glanceMessages.notOwner)
  }
  return ownerMemberOrAdmin(image, caller) ? allowed : deny(403, notAuthorized('modify_image'))
}

export const isMemberStatus = (value: unknown): value is MemberStatus =>
  typeof value === 'string' && (memberStatuses as readonly string[]).includes(value)

// ---- What the UI offers: each action the caller may take, asked of the decisions above ----

export type CallerAbilities = {
  /** add members (share) */
  share: Decision
  /** remove members (unshare) */
  unshare: Decision
  /** accept, reject or reset the caller's own membership */
  setOwnStatus: Decision
  /** each visibility the caller might set */
  setVisibility: Record<Visibility, Decision>
}

/** What Glance will let the caller do with an image, with the reason when not. */
export function whatCallerMay(
  image: ImageRef,
  caller: Caller,
  membership?: Membership,
  mode: PolicyMode = 'new-defaults',
): CallerAbilities {
  const ctx: MemberContext = { image, caller, mode, membership }
  // Probe with a row the caller could address: its own for a member, any for the owner.
  const ownRow: MemberRow = { memberId: caller.projectId, status: membership?.status ?? 'pending' }
  return {
    share: decideShare(ctx),
    unshare: decideRemoveMember(ctx, caller.projectId, ownRow),
    setOwnStatus: decideSetMemberStatus(
      ctx,
      caller.projectId,
      membership === undefined && !isOwner(image, caller) ? undefined : ownRow,
      'accepted',
    ),
    setVisibility: {
      public: decideSetVisibility(ctx, 'public'),
      community: decideSetVisibility(ctx, 'community'),
      shared: decideSetVisibility(ctx, 'shared'),
      private: decideSetVisibility(ctx, 'private'),
    },
  }
}
