import type { Image, MemberStatus, Visibility } from '~/api/schemas'
import { memberStatuses } from '~/api/schemas'
import { UUID_PATTERN } from '~/api/ids'

/**
 * Glance's image-sharing rules as pure functions (the contract, §0–§8 and §13). The demo cloud
 * answers with them and the UI predicts with them, so no rule is decided in two places. Checks run
 * in the order Glance runs them, because the order decides which error a caller sees.
 */

export type RoleName = 'admin' | 'member' | 'reader'

/** Who is asking: the token's project and role names. */
export type Caller = { projectId: string; roles: readonly string[] }

/** new-defaults: 2023.1+ (enforce_new_defaults); legacy: Zed and earlier, with hard-coded owner checks. */
export type PolicyMode = 'new-defaults' | 'legacy'

export type Denial = { ok: false; status: 400 | 403 | 404 | 409 | 413; message: string }
export type Decision = { ok: true } | Denial

/** The parts of an image the rules read. */
export type ImageRef = Pick<Image, 'id' | 'owner' | 'visibility'>

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

const allowed: Decision = { ok: true }
const deny = (status: Denial['status'], message: string): Denial => ({ ok: false, status, message })
const notAuthorized = (action: string) => `You are not authorized to complete ${action} action.`

/** Glance's own texts, exactly (image_members.py, images.py, glance/db). */
export const glanceMessages = {
  imageNotFound: (id: string) => `Image ${id} not found.`,
  noImageWithId: (id: string) => `No image found with ID ${id}`,
  memberNotFound: (memberId: string, id: string) =>
    `${memberId} not found in the member list of the image ${id}.`,
  onlySharedHaveMembers: 'Only shared images have members.',
  notAllowedCreate: (id: string) => `Not allowed to create members for image ${id}.`,
  notAllowedList: (id: string) =>
    `Not allowed to list members for image ${id}: Only shared images have members.`,
  notAllowedUpdate: (id: string) => `Not allowed to update members for image ${id}.`,
  notAllowedDelete: (id: string) => `Not allowed to delete members for image ${id}.`,
  notAuthorized,
  memberLimit: (id: string, attempted: number, maximum: number) =>
    `Image member limit exceeded for image ${id}: The limit has been exceeded on the number of allowed image members for this image. Attempted: ${attempted}, Maximum: ${maximum}:`,
  duplicateMember: (memberId: string, id: string) =>
    `Member ${memberId} is duplicated for image ${id}`,
  fourByteMember: "Member can't contain 4 byte unicode characters.",
  memberTooLong: 'Member id is too long: at most 255 characters.',
  invalidMemberStatus: 'Incorrect request: Status must be "pending", "accepted" or "rejected".',
  notOwner: 'You do not own this image',
  /** webob's default 403 explanation; Glance puts it first when it raises HTTPForbidden(detail). */
  accessDenied: 'Access was denied to this resource.',
  /** v2/policy.py::check_admin_or_same_owner (legacy), raised as Glance's own Forbidden. */
  createOwnedBy: (owner: string) => `You are not permitted to create images owned by '${owner}'.`,
  /**
   * v2/policy.py::ImageAPIPolicy.add_image (new defaults): HTTPForbidden(msg) makes the text
   * webob's detail under accessDenied, and this variant has no final period.
   */
  createOwnedByDetail: (owner: string) =>
    `Access was denied to this resource.\nYou are not permitted to create images owned by '${owner}'`,
  duplicateImage: (id: string) => `Image ID ${id} already exists!`,
  /** images.py::delete rewrites the repository's NotFound. */
  deleteNotFound: (id: string) => `Failed to find image ${id} to delete`,
  protectedImage: (id: string) => `Image ${id} is protected and cannot be deleted.`,
} as const

/** The one admin check of client and mock: Keystone's role name, whatever the project. */
export const isAdmin = (caller: Pick<Caller, 'roles'>): boolean => caller.roles.includes('admin')

/** Keystone's bootstrap makes admin imply member and member imply reader. */
export function hasRole(caller: Caller, role: RoleName): boolean {
  if (isAdmin(caller)) return true
  if (role === 'admin') return false
  if (caller.roles.includes('member')) return true
  return role === 'reader' && caller.roles.includes('reader')
}

export const isOwner = (image: ImageRef, caller: Caller): boolean =>
  image.owner !== null && image.owner === caller.projectId

/** glance/db/utils.py::is_image_visible: membership in any status counts, but only while shared. */
export function canSeeImage(image: ImageRef, caller: Caller, membership?: Membership): boolean {
  if (isAdmin(caller) || image.owner === null) return true
  if (image.visibility === 'public' || image.visibility === 'community') return true
  if (isOwner(image, caller)) return true
  return image.visibility === 'shared' && membership !== undefined
}

/** add_member / delete_member / modify_image under the new defaults: admin, or member of the owner. */
const ownerMemberOrAdmin = (image: ImageRef, caller: Caller) =>
  isAdmin(caller) || (isOwner(image, caller) && hasRole(caller, 'member'))

/** The owner and admins see every member row; anyone else only its own project's. */
export const seesAllMembers = (image: ImageRef, caller: Caller): boolean =>
  isAdmin(caller) || isOwner(image, caller)

/** Is this row one the caller may look up? Glance returns only the owner's or the caller's own rows. */
function rowVisible(ctx: MemberContext, memberId: string, row: MemberRow | undefined): boolean {
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

export const isMemberStatus = (value: unknown): value is MemberStatus =>
  typeof value === 'string' && (memberStatuses as readonly string[]).includes(value)

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

// ---- For the UI ----

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

// ---- Share targets (the Share Image dialog checks these before anything is sent) ----

/**
 * glance/common/config.py's default. The API does not expose the operator's value, so the panel
 * assumes it until a 413 names the real maximum (see memberQuotaFromMessage).
 */
export const DEFAULT_IMAGE_MEMBER_QUOTA = 128

/** Glance's page size when a list names no `limit` (contract §7: `limit_param_default`). */
export const GLANCE_LIMIT_DEFAULT = 25
/** Glance's largest `limit`; a larger one is cut to it (contract §7: `api_limit_max`). */
export const GLANCE_LIMIT_MAX = 1000

/** Keystone's SQL backend makes project IDs with uuid4().hex: 32 lowercase hex digits. */
const PROJECT_ID = /^[0-9a-f]{32}$/

export type ParsedProjectId =
  { raw: string; ok: true; id: string } | { raw: string; ok: false; message: string }

/**
 * One entry typed into "Project IDs". Glance stores a member ID exactly as sent and compares it
 * exactly, so "ABC…" or a dashed UUID would make a membership that the project's tokens never
 * match. Case and dashes are therefore normalised to Keystone's form (lowercase, no dashes)
 * instead of being refused; anything else is refused with a reason.
 */
export function parseProjectId(raw: string): ParsedProjectId {
  const lower = raw.toLowerCase()
  if (PROJECT_ID.test(lower)) return { raw, ok: true, id: lower }
  if (UUID_PATTERN.test(lower)) return { raw, ok: true, id: lower.replace(/-/g, '') }
  const hexOnly = /^[0-9a-f-]+$/.test(lower)
  const digits = lower.replace(/-/g, '').length
  const message = hexOnly
    ? `has ${digits} hexadecimal digits; a project ID has 32.`
    : /^[\p{L}\p{N}_.@ -]+$/u.test(raw)
      ? 'looks like a name. Glance needs the project’s ID (32 hexadecimal digits), not its name.'
      : 'is not a project ID: a project ID is 32 hexadecimal digits (0–9, a–f).'
  return { raw, ok: false, message }
}

/** The "Project IDs" field: one or many entries separated by spaces, commas, semicolons or new lines. */
export function parseProjectIds(text: string): ParsedProjectId[] {
  return text
    .split(/[\s,;]+/)
    .filter((t) => t !== '')
    .map(parseProjectId)
}

export type ShareTargetVerdict =
  'ready' | 'invalid' | 'duplicate' | 'own-project' | 'already-member' | 'over-quota'

export type ShareTarget = {
  /** As typed. */
  raw: string
  /** Normalised project ID, when the entry is one. */
  id: string | undefined
  verdict: ShareTargetVerdict
  /** Why it will not be sent; empty for 'ready'. */
  message: string
  /** true when it must be fixed before anything is sent; false when it is merely skipped. */
  blocking: boolean
}

export type ShareTargetCheck = {
  targets: ShareTarget[]
  /** The IDs to send, once each, in the order typed. */
  toSend: string[]
  /** Something must be fixed first (a malformed entry, the owner's project, the quota). */
  blocked: boolean
  /** Glance's image_member_quota as assumed or learnt, and the members counted against it. */
  quota: { limit: number; used: number | undefined }
}

/**
 * Checks what was typed against what Glance would do (§1): the form of each ID, repeats, the
 * image's owner (pointless to add), current members (409), and the member quota (413, which counts
 * members in every status). `members` undefined means unknown (not listed yet, or the image is
 * not shared): then the quota counts only the new entries and Glance's 409 stays the judge.
 * A negative quota means unlimited, as in Glance.
 */
export function checkShareTargets(opts: {
  text: string
  owner: string | null
  members?: readonly string[] | undefined
  quota?: number
}): ShareTargetCheck {
  const { owner, members } = opts
  const limit = opts.quota ?? DEFAULT_IMAGE_MEMBER_QUOTA
  const current = new Set(members ?? [])
  const seen = new Set<string>()
  const toSend: string[] = []
  const targets: ShareTarget[] = []
  const used = members?.length ?? 0
  const room = limit < 0 ? Infinity : Math.max(0, limit - used)

  for (const parsed of parseProjectIds(opts.text)) {
    if (!parsed.ok) {
      targets.push({
        raw: parsed.raw,
        id: undefined,
        verdict: 'invalid',
        message: `“${parsed.raw}” ${parsed.message}`,
        blocking: true,
      })
      continue
    }
    const { id, raw } = parsed
    const target = (verdict: ShareTargetVerdict, message: string, blocking: boolean) =>
      targets.push({ raw, id, verdict, message, blocking })
    if (seen.has(id)) {
      target('duplicate', 'Entered more than once: it is shared once.', false)
    } else if (id === owner) {
      seen.add(id)
      target('own-project', 'This is the image’s own project, which has it already.', true)
    } else if (current.has(id)) {
      seen.add(id)
      target('already-member', 'Already a member of this image: it is not sent again.', false)
    } else if (toSend.length >= room) {
      seen.add(id)
      target('over-quota', overQuotaMessage(limit, used), true)
    } else {
      seen.add(id)
      toSend.push(id)
      target('ready', '', false)
    }
  }
  return {
    targets,
    toSend,
    blocked: targets.some((t) => t.blocking),
    quota: { limit, used: members === undefined ? undefined : used },
  }
}

function overQuotaMessage(limit: number, used: number) {
  const room = Math.max(0, limit - used)
  return room === 0
    ? `Over the member quota: the image has ${used} of at most ${limit} members. Remove a member first.`
    : `Over the member quota: the image can have at most ${limit} members and has ${used}, so only ${room} more can be added.`
}

/** Glance's 413 text ends "Attempted: N, Maximum: M:", the only place the quota is disclosed. */
export function memberQuotaFromMessage(message: string): number | undefined {
  const m = /Maximum:\s*(-?\d+)/.exec(message)
  return m?.[1] === undefined ? undefined : Number(m[1])
}

export type ShareOutcome = 'shared' | 'already-member' | 'over-quota' | 'refused' | 'failed'

/** What a POST …/members answer means for that project (§1): 200 pending, 409, 413, 403, other. */
export function shareOutcomeOf(status: number): ShareOutcome {
  if (status >= 200 && status < 300) return 'shared'
  if (status === 409) return 'already-member'
  if (status === 413) return 'over-quota'
  if (status === 403) return 'refused'
  return 'failed'
}

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

// ---- Why not: the one sentence a disabled control gives for each decision ----

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
const shareDenialReason = (image: ImageRef, caller: Caller, denial: Denial): string =>
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

// ---- The consumer's side: shares other projects offer to the caller ----

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

/**
 * Why an answer failed, in words. A 404 means the share is gone: the producer removed this project
 * or made the image private (or deleted it), since Glance hides an image from a non-member.
 */
export function answerFailure(status: number): 'gone' | 'refused' | 'failed' {
  if (status === 404) return 'gone'
  if (status === 403 || status === 400 || status === 409) return 'refused'
  return 'failed'
}
