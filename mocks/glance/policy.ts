import type { Image, MemberStatus, Visibility } from '~/api/schemas'
import type {
  Decision,
  MemberContext,
  MemberRow,
  Membership,
  PolicyMode,
} from '~/api/glance-policy'
import type { Caller, ImageRef } from '~/api/caller'
import {
  allowed,
  canSeeImage,
  decideShare,
  deny,
  ownerMemberOrAdmin,
  rowVisible,
  seesAllMembers,
} from '~/api/glance-policy'
import { hasRole, isAdmin, isOwner } from '~/api/caller'
import { glanceMessages } from '~/api/glance-messages'

/**
 * The decisions of Glance that only the demo cloud makes (the UI never predicts them): adding,
 * listing and showing members, creating and deleting images, and which images a list holds. They
 * build on the shared policy in src/api/glance-policy.ts, in Glance's order of checks.
 */

const notAuthorized = glanceMessages.notAuthorized

/**
 * §1 POST …/members, rows 7–13: policy, then quota (413) before duplicate (409), then the member id.
 * `rows` are the image's member rows (deleted ones included); a negative quota means unlimited.
 */
export function decideAddMember(
  ctx: MemberContext,
  memberId: string,
  rows: readonly MemberRow[],
  quota: number,
): Decision {
  const policy = decideShare(ctx)
  if (!policy.ok) return policy
  const live = rows.filter((r) => r.deleted !== true)
  if (quota >= 0 && live.length + 1 > quota)
    return deny(413, glanceMessages.memberLimit(ctx.image.id, live.length + 1, quota))
  if (live.some((r) => r.memberId === memberId))
    return deny(409, glanceMessages.duplicateMember(memberId, ctx.image.id))
  if (/[\u{10000}-\u{10FFFF}]/u.test(memberId)) return deny(400, glanceMessages.fourByteMember)
  // image_members.member is String(255); Glance would fail in the database.
  if (memberId.length > 255) return deny(400, glanceMessages.memberTooLong)
  return allowed
}

/** §2 GET …/members. On success the caller sees all rows (owner, admin) or only its own. */
export function decideListMembers(ctx: MemberContext): Decision {
  const { image, caller } = ctx
  if (!canSeeImage(image, caller, ctx.membership))
    return deny(404, glanceMessages.imageNotFound(image.id))
  if (image.visibility !== 'shared') return deny(403, glanceMessages.notAllowedList(image.id))
  if (ctx.mode === 'new-defaults' && !hasRole(caller, 'reader'))
    return deny(403, notAuthorized('get_members'))
  return allowed
}

/** Which of the image's rows GET …/members returns to this caller. */
export function membersListedFor<T extends MemberRow>(ctx: MemberContext, rows: readonly T[]): T[] {
  const everyone = seesAllMembers(ctx.image, ctx.caller)
  return rows.filter((r) => r.deleted !== true && (everyone || r.memberId === ctx.caller.projectId))
}

/** §3 GET …/members/{member_id}: every failure is a 404. */
export function decideShowMember(
  ctx: MemberContext,
  memberId: string,
  row: MemberRow | undefined,
): Decision {
  const { image, caller } = ctx
  if (!canSeeImage(image, caller, ctx.membership))
    return deny(404, glanceMessages.imageNotFound(image.id))
  if (image.visibility !== 'shared') return deny(404, glanceMessages.onlySharedHaveMembers)
  if (!rowVisible(ctx, memberId, row))
    return deny(404, glanceMessages.memberNotFound(memberId, image.id))
  if (ctx.mode === 'new-defaults' && !hasRole(caller, 'reader'))
    return deny(404, notAuthorized('get_member'))
  return allowed
}

/** What POST /v2/images proposes: the owner (the caller's project unless given) and visibility. */
export type ProposedImage = { owner: string | null; visibility?: Visibility }

/**
 * POST /v2/images, the policy part (v2/policy.py::ImageAPIPolicy.add_image): add_image, then
 * publicize/communitize for the requested visibility, then (legacy only) the owner check.
 */
export function decideCreateImage(
  caller: Caller,
  mode: PolicyMode,
  proposed: ProposedImage,
): Decision {
  const { owner, visibility } = proposed
  const admin = isAdmin(caller)
  const foreign = owner !== caller.projectId
  // Glance formats the owner with '%s', so a null owner reads 'None'.
  const shown = owner ?? 'None'
  if (mode === 'new-defaults' && !admin) {
    // add_image: admin, or member in the token's project creating for that same project.
    if (foreign) return deny(403, glanceMessages.createOwnedByDetail(shown))
    if (!hasRole(caller, 'member')) return deny(403, notAuthorized('add_image'))
  }
  // publicize_image has no deprecated alternative: admin only in both modes.
  if (visibility === 'public' && !admin) return deny(403, notAuthorized('publicize_image'))
  if (
    visibility === 'community' &&
    mode === 'new-defaults' &&
    !admin &&
    (foreign || !hasRole(caller, 'member'))
  )
    return deny(403, notAuthorized('communitize_image'))
  if (mode === 'legacy' && !admin && foreign) return deny(403, glanceMessages.createOwnedBy(shown))
  return allowed
}

/** DELETE /v2/images/{id} needs the image's protected flag too. */
export type ImageDeleteContext = MemberContext & { image: ImageRef & Pick<Image, 'protected'> }

/**
 * DELETE /v2/images/{id} (images.py::delete): visibility (404), then delete_image (new defaults)
 * or the legacy owner check, then the protected flag (domain Image.delete).
 */
export function decideDeleteImage(ctx: ImageDeleteContext): Decision {
  const { image, caller, mode } = ctx
  if (!canSeeImage(image, caller, ctx.membership))
    return deny(404, glanceMessages.deleteNotFound(image.id))
  if (mode === 'legacy') {
    if (!isOwner(image, caller) && !isAdmin(caller)) return deny(403, glanceMessages.notOwner)
  } else if (!ownerMemberOrAdmin(image, caller)) {
    return deny(403, notAuthorized('delete_image'))
  }
  if (image.protected === true) return deny(403, glanceMessages.protectedImage(image.id))
  return allowed
}

// ---- §7 GET /v2/images ----

export type ListFilters = {
  /** undefined: the default list (others' community images dropped) */
  visibility?: Visibility | 'all'
  /** default 'accepted'; ignored for admins */
  memberStatus?: MemberStatus | 'all'
  /** true: only hidden images; false/undefined: only visible ones */
  osHidden?: boolean
}

export type ListedImage = ImageRef & Pick<Image, 'status' | 'os_hidden'>

/**
 * Does `image` appear in the caller's GET /v2/images? (sqlalchemy/api.py::_select_images_query):
 * non-admins get the union of public and community, their own, and shared images where their
 * membership has `memberStatus`; without `visibility` others' community images are dropped.
 */
export function visibleInList(
  image: ListedImage,
  caller: Caller,
  membership?: Membership,
  filters: ListFilters = {},
): boolean {
  if (image.status === 'killed' || image.status === 'deleted') return false
  if ((image.os_hidden === true) !== (filters.osHidden === true)) return false
  if (!hasRole(caller, 'reader')) return false
  const own = isOwner(image, caller)
  if (!isAdmin(caller)) {
    const wanted = filters.memberStatus ?? 'accepted'
    const inUnion =
      image.visibility === 'public' ||
      image.visibility === 'community' ||
      own ||
      (image.visibility === 'shared' &&
        membership !== undefined &&
        (wanted === 'all' || membership.status === wanted))
    if (!inUnion) return false
  }
  const visibility = filters.visibility
  if (visibility === undefined) return image.visibility !== 'community' || own
  return visibility === 'all' || image.visibility === visibility
}
