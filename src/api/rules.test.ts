import type {
  Caller,
  ImageRef,
  ListedImage,
  MemberContext,
  Membership,
  PolicyMode,
} from '~/api/rules'
import {
  answerFailure,
  answersFrom,
  answerStatus,
  isIncomingShare,
  membershipFromList,
  canSeeImage,
  checkShareTargets,
  DEFAULT_IMAGE_MEMBER_QUOTA,
  decideAddMember,
  decideCreateImage,
  decideDeleteImage,
  decideListMembers,
  decideModifyImage,
  decideRemoveMember,
  decideSetMemberStatus,
  decideSetVisibility,
  decideShare,
  decideShowMember,
  hasRole,
  isAdmin,
  memberQuotaFromMessage,
  membersListedFor,
  parseProjectIds,
  sharePlanFor,
  shareOutcomeOf,
  visibleInList,
  whatCallerMay,
} from '~/api/rules'
import type { Visibility } from '~/api/schemas'

// Row-by-row checks of the contract's tables (§0–§8, §13).

const OWNER = 'p-owner'
const MEMBER = 'p-member'
const owner: Caller = { projectId: OWNER, roles: ['member', 'reader'] }
const ownerReader: Caller = { projectId: OWNER, roles: ['reader'] }
const member: Caller = { projectId: MEMBER, roles: ['member', 'reader'] }
const memberReader: Caller = { projectId: MEMBER, roles: ['reader'] }
const stranger: Caller = { projectId: 'p-stranger', roles: ['member', 'reader'] }
const admin: Caller = { projectId: 'p-admin', roles: ['admin'] }

const image = (visibility: Visibility, owner: string | null = OWNER): ImageRef => ({
  id: 'img-1',
  owner,
  visibility,
})
const pending: Membership = { status: 'pending' }
const memberRow = { memberId: MEMBER, status: 'pending' as const }

function ctx(
  visibility: Visibility,
  caller: Caller,
  mode: PolicyMode = 'new-defaults',
  membership?: Membership,
): MemberContext {
  const ownRow = caller.projectId === MEMBER ? pending : undefined
  return { image: image(visibility), caller, mode, membership: membership ?? ownRow }
}

describe('roles', () => {
  test('admin implies member implies reader', () => {
    expect(isAdmin(admin)).toBe(true)
    expect(hasRole(admin, 'member')).toBe(true)
    expect(hasRole(admin, 'reader')).toBe(true)
    expect(hasRole(member, 'reader')).toBe(true)
    expect(hasRole(member, 'admin')).toBe(false)
    expect(hasRole(memberReader, 'member')).toBe(false)
    expect(hasRole({ projectId: 'x', roles: [] }, 'reader')).toBe(false)
  })
})

describe('canSeeImage (§0 is_image_visible)', () => {
  test.each([
    ['admin sees a private image', image('private'), admin, undefined, true],
    ['an image with no owner', image('private', null), stranger, undefined, true],
    ['public', image('public'), stranger, undefined, true],
    ['community', image('community'), stranger, undefined, true],
    ['the owner sees its private image', image('private'), owner, undefined, true],
    ['a member of a shared image, pending', image('shared'), member, pending, true],
    ['a member of a shared image, rejected', image('shared'), member, { status: 'rejected' }, true],
    ['a stranger, shared', image('shared'), stranger, undefined, false],
    ['a member of a private image', image('private'), member, pending, false],
  ] as const)('%s', (_, img, caller, membership, expected) => {
    expect(canSeeImage(img, caller, membership)).toBe(expected)
  })
})

describe('§1 add member', () => {
  const rows = [{ memberId: MEMBER, status: 'accepted' as const }]

  test('owner with member role may share a shared image', () => {
    expect(decideAddMember(ctx('shared', owner), 'p-new', rows, 128)).toEqual({ ok: true })
  })
  test('admin may share', () => {
    expect(decideAddMember(ctx('shared', admin), 'p-new', rows, 128)).toEqual({ ok: true })
  })
  test('#7 not visible → 404', () => {
    expect(decideAddMember(ctx('shared', stranger), 'p-new', rows, 128)).toEqual({
      ok: false,
      status: 404,
      message: 'Image img-1 not found.',
    })
  })
  test.each(['private', 'public', 'community'] as const)(
    '#8 %s image → 403 even for the owner and admin',
    (visibility) => {
      for (const caller of [owner, admin]) {
        expect(decideAddMember(ctx(visibility, caller), 'p-new', [], 128)).toEqual({
          ok: false,
          status: 403,
          message: 'Not allowed to create members for image img-1.',
        })
      }
    },
  )
  test('#9 legacy: a member of the share → 403 with the create text', () => {
    expect(decideAddMember(ctx('shared', member, 'legacy'), 'p-new', rows, 128)).toEqual({
      ok: false,
      status: 403,
      message: 'Not allowed to create members for image img-1.',
    })
  })
  test('#9 legacy: a reader-only owner may share', () => {
    expect(decideAddMember(ctx('shared', ownerReader, 'legacy'), 'p-new', rows, 128).ok).toBe(true)
  })
  test.each([
    ['a member of the share', member],
    ['a reader-only owner', ownerReader],
  ])('#10 new defaults: %s → 403 add_member', (_, caller) => {
    expect(decideAddMember(ctx('shared', caller), 'p-new', rows, 128)).toEqual({
      ok: false,
      status: 403,
      message: 'You are not authorized to complete add_member action.',
    })
  })
  test('#11 quota is checked before the duplicate', () => {
    expect(decideAddMember(ctx('shared', owner), MEMBER, rows, 1)).toEqual({
      ok: false,
      status: 413,
      message:
        'Image member limit exceeded for image img-1: The limit has been exceeded on the number of allowed image members for this image. Attempted: 2, Maximum: 1:',
    })
  })
  test('#11 deleted rows do not count; a negative quota is unlimited', () => {
    const deleted = [{ memberId: 'p-gone', status: 'accepted' as const, deleted: true }]
    expect(decideAddMember(ctx('shared', owner), 'p-new', deleted, 1).ok).toBe(true)
    expect(decideAddMember(ctx('shared', owner), 'p-new', rows, -1).ok).toBe(true)
  })
  test('#12 duplicate in any status → 409', () => {
    for (const status of ['pending', 'accepted', 'rejected'] as const) {
      expect(
        decideAddMember(ctx('shared', owner), MEMBER, [{ memberId: MEMBER, status }], 128),
      ).toEqual({
        ok: false,
        status: 409,
        message: `Member ${MEMBER} is duplicated for image img-1`,
      })
    }
  })
  test('re-adding a soft-deleted member is not a duplicate', () => {
    const deleted = [{ memberId: MEMBER, status: 'accepted' as const, deleted: true }]
    expect(decideAddMember(ctx('shared', owner), MEMBER, deleted, 128).ok).toBe(true)
  })
  test('#13 4-byte unicode → 400; member ids are otherwise not validated', () => {
    expect(decideAddMember(ctx('shared', owner), 'p-😀', [], 128)).toEqual({
      ok: false,
      status: 400,
      message: "Member can't contain 4 byte unicode characters.",
    })
    expect(decideAddMember(ctx('shared', owner), 'not a project!', [], 128).ok).toBe(true)
    expect(decideAddMember(ctx('shared', owner), OWNER, [], 128).ok).toBe(true)
    expect(decideAddMember(ctx('shared', owner), 'x'.repeat(256), [], 128)).toMatchObject({
      status: 400,
    })
  })
  test('decideShare is the policy part alone', () => {
    expect(decideShare(ctx('shared', owner)).ok).toBe(true)
    expect(decideShare(ctx('private', owner)).ok).toBe(false)
  })
})

describe('§2 list members', () => {
  test('not visible → 404', () => {
    expect(decideListMembers(ctx('shared', stranger))).toMatchObject({
      status: 404,
      message: 'Image img-1 not found.',
    })
  })
  test('not shared → 403 even for the owner and admin', () => {
    for (const caller of [owner, admin]) {
      expect(decideListMembers(ctx('private', caller))).toEqual({
        ok: false,
        status: 403,
        message: 'Not allowed to list members for image img-1: Only shared images have members.',
      })
    }
  })
  test('a caller without a reader role → 403 get_members (new defaults only)', () => {
    const roleless: Caller = { projectId: OWNER, roles: [] }
    expect(decideListMembers(ctx('shared', roleless))).toMatchObject({
      status: 403,
      message: 'You are not authorized to complete get_members action.',
    })
    expect(decideListMembers(ctx('shared', roleless, 'legacy')).ok).toBe(true)
  })
  test('owner and admin get every row, a member only its own', () => {
    const rows = [
      { memberId: MEMBER, status: 'pending' as const },
      { memberId: 'p-other', status: 'accepted' as const },
      { memberId: 'p-gone', status: 'accepted' as const, deleted: true },
    ]
    expect(membersListedFor(ctx('shared', owner), rows).map((r) => r.memberId)).toEqual([
      MEMBER,
      'p-other',
    ])
    expect(membersListedFor(ctx('shared', admin), rows)).toHaveLength(2)
    expect(membersListedFor(ctx('shared', member), rows).map((r) => r.memberId)).toEqual([MEMBER])
  })
})

describe('§3 show member: every failure is 404', () => {
  const other = { memberId: 'p-other', status: 'accepted' as const }
  test('not visible', () => {
    expect(decideShowMember(ctx('shared', stranger), MEMBER, memberRow)).toMatchObject({
      status: 404,
      message: 'Image img-1 not found.',
    })
  })
  test('not shared', () => {
    expect(decideShowMember(ctx('private', owner), MEMBER, memberRow)).toEqual({
      ok: false,
      status: 404,
      message: 'Only shared images have members.',
    })
  })
  test('not a member', () => {
    expect(decideShowMember(ctx('shared', owner), 'p-x', undefined)).toEqual({
      ok: false,
      status: 404,
      message: 'p-x not found in the member list of the image img-1.',
    })
  })
  test('a member asking about another project', () => {
    expect(decideShowMember(ctx('shared', member), 'p-other', other)).toMatchObject({
      status: 404,
      message: 'p-other not found in the member list of the image img-1.',
    })
  })
  test('owner, admin and the member itself may read', () => {
    expect(decideShowMember(ctx('shared', owner), 'p-other', other).ok).toBe(true)
    expect(decideShowMember(ctx('shared', admin), 'p-other', other).ok).toBe(true)
    expect(decideShowMember(ctx('shared', member), MEMBER, memberRow).ok).toBe(true)
  })
})

describe('§4 set member status', () => {
  test('the member sets its own status', () => {
    expect(decideSetMemberStatus(ctx('shared', member), MEMBER, memberRow, 'accepted').ok).toBe(
      true,
    )
    expect(
      decideSetMemberStatus(ctx('shared', member, 'legacy'), MEMBER, memberRow, 'rejected').ok,
    ).toBe(true)
  })
  test('admin sets any status', () => {
    expect(decideSetMemberStatus(ctx('shared', admin), MEMBER, memberRow, 'pending').ok).toBe(true)
  })
  test('not visible → 404 (a member after the image became private)', () => {
    expect(decideSetMemberStatus(ctx('private', member), MEMBER, memberRow, 'accepted')).toEqual({
      ok: false,
      status: 404,
      message: 'Image img-1 not found.',
    })
  })
  test('not shared → 403', () => {
    expect(decideSetMemberStatus(ctx('private', owner), MEMBER, memberRow, 'accepted')).toEqual({
      ok: false,
      status: 403,
      message: 'Not allowed to update members for image img-1.',
    })
  })
  test('the owner: 403 in both modes, with each mode’s text', () => {
    expect(
      decideSetMemberStatus(ctx('shared', owner, 'legacy'), MEMBER, memberRow, 'accepted'),
    ).toEqual({ ok: false, status: 403, message: 'Not allowed to update members for image img-1.' })
    expect(decideSetMemberStatus(ctx('shared', owner), MEMBER, memberRow, 'accepted')).toEqual({
      ok: false,
      status: 403,
      message: 'You are not authorized to complete modify_member action.',
    })
  })
  test('row not found for this caller → 404, before the new-defaults policy', () => {
    const other = { memberId: 'p-other', status: 'pending' as const }
    expect(decideSetMemberStatus(ctx('shared', member), 'p-other', other, 'accepted')).toEqual({
      ok: false,
      status: 404,
      message: 'p-other not found in the member list of the image img-1.',
    })
    expect(decideSetMemberStatus(ctx('shared', owner), 'p-x', undefined, 'accepted')).toMatchObject(
      { status: 404 },
    )
  })
  test('a reader-only member: 403 modify_member under new defaults, allowed in legacy', () => {
    expect(
      decideSetMemberStatus(ctx('shared', memberReader), MEMBER, memberRow, 'accepted'),
    ).toMatchObject({
      status: 403,
      message: 'You are not authorized to complete modify_member action.',
    })
    expect(
      decideSetMemberStatus(ctx('shared', memberReader, 'legacy'), MEMBER, memberRow, 'accepted')
        .ok,
    ).toBe(true)
  })
  test('an invalid value is checked last', () => {
    const invalid = {
      ok: false,
      status: 400,
      message: 'Incorrect request: Status must be "pending", "accepted" or "rejected".',
    }
    expect(decideSetMemberStatus(ctx('shared', member), MEMBER, memberRow, 'bogus')).toEqual(
      invalid,
    )
    expect(decideSetMemberStatus(ctx('shared', member), MEMBER, memberRow, null)).toEqual(invalid)
    // The owner sending a bad value still gets the 403, not the 400.
    expect(decideSetMemberStatus(ctx('shared', owner), MEMBER, memberRow, 'bogus')).toMatchObject({
      status: 403,
    })
  })
})

describe('§5 remove member', () => {
  test('owner and admin → ok', () => {
    expect(decideRemoveMember(ctx('shared', owner), MEMBER, memberRow).ok).toBe(true)
    expect(decideRemoveMember(ctx('shared', admin), MEMBER, memberRow).ok).toBe(true)
    expect(decideRemoveMember(ctx('shared', owner, 'legacy'), MEMBER, memberRow).ok).toBe(true)
  })
  test('not visible → 404', () => {
    expect(decideRemoveMember(ctx('shared', stranger), MEMBER, memberRow)).toMatchObject({
      status: 404,
      message: 'Image img-1 not found.',
    })
  })
  test('not shared → 403', () => {
    expect(decideRemoveMember(ctx('private', owner), MEMBER, memberRow)).toEqual({
      ok: false,
      status: 403,
      message: 'Not allowed to delete members for image img-1.',
    })
  })
  test('a member deleting itself: 403 in both modes, each with its text', () => {
    expect(decideRemoveMember(ctx('shared', member, 'legacy'), MEMBER, memberRow)).toEqual({
      ok: false,
      status: 403,
      message: 'Not allowed to delete members for image img-1.',
    })
    expect(decideRemoveMember(ctx('shared', member), MEMBER, memberRow)).toEqual({
      ok: false,
      status: 403,
      message: 'You are not authorized to complete delete_member action.',
    })
  })
  test('member not found → 404 before the new-defaults policy', () => {
    expect(decideRemoveMember(ctx('shared', ownerReader), 'p-x', undefined)).toEqual({
      ok: false,
      status: 404,
      message: 'p-x not found in the member list of the image img-1.',
    })
  })
  test('a reader in the owner project → 403 delete_member (new defaults), allowed in legacy', () => {
    expect(decideRemoveMember(ctx('shared', ownerReader), MEMBER, memberRow)).toMatchObject({
      status: 403,
      message: 'You are not authorized to complete delete_member action.',
    })
    expect(decideRemoveMember(ctx('shared', ownerReader, 'legacy'), MEMBER, memberRow).ok).toBe(
      true,
    )
  })
})

describe('§8 change visibility', () => {
  test('the owner may set private, shared and community, not public', () => {
    expect(decideSetVisibility(ctx('shared', owner), 'private').ok).toBe(true)
    expect(decideSetVisibility(ctx('private', owner), 'shared').ok).toBe(true)
    expect(decideSetVisibility(ctx('shared', owner), 'community').ok).toBe(true)
    expect(decideSetVisibility(ctx('shared', owner), 'public')).toEqual({
      ok: false,
      status: 403,
      message: 'You are not authorized to complete publicize_image action.',
    })
    expect(decideSetVisibility(ctx('shared', owner, 'legacy'), 'public')).toMatchObject({
      status: 403,
    })
  })
  test('admin may publicize', () => {
    expect(decideSetVisibility(ctx('shared', admin), 'public').ok).toBe(true)
  })
  test('not visible → 404 with images.py text', () => {
    expect(decideSetVisibility(ctx('private', stranger), 'shared')).toEqual({
      ok: false,
      status: 404,
      message: 'No image found with ID img-1',
    })
  })
  test('a member of the share → 403 modify_image / legacy "You do not own this image"', () => {
    expect(decideSetVisibility(ctx('shared', member), 'private')).toEqual({
      ok: false,
      status: 403,
      message: 'You are not authorized to complete modify_image action.',
    })
    expect(decideSetVisibility(ctx('shared', member, 'legacy'), 'private')).toEqual({
      ok: false,
      status: 403,
      message: 'You do not own this image',
    })
  })
  test('a reader-only owner: denied under new defaults, allowed in legacy', () => {
    expect(decideModifyImage(ctx('shared', ownerReader))).toMatchObject({ status: 403 })
    expect(decideSetVisibility(ctx('shared', ownerReader, 'legacy'), 'community').ok).toBe(true)
  })
})

describe('§9 create image (add_image)', () => {
  const mine = { owner: OWNER }
  test('a member creates in its own project; a reader only in legacy mode', () => {
    expect(decideCreateImage(owner, 'new-defaults', mine).ok).toBe(true)
    expect(decideCreateImage(ownerReader, 'new-defaults', mine)).toEqual({
      ok: false,
      status: 403,
      message: 'You are not authorized to complete add_image action.',
    })
    expect(decideCreateImage(ownerReader, 'legacy', mine).ok).toBe(true)
  })
  test('public is admin-only in both modes; community needs member under new defaults', () => {
    for (const mode of ['new-defaults', 'legacy'] as const) {
      expect(decideCreateImage(owner, mode, { ...mine, visibility: 'public' })).toEqual({
        ok: false,
        status: 403,
        message: 'You are not authorized to complete publicize_image action.',
      })
      expect(decideCreateImage(owner, mode, { ...mine, visibility: 'community' }).ok).toBe(true)
    }
    expect(
      decideCreateImage(admin, 'new-defaults', { owner: 'p-admin', visibility: 'public' }).ok,
    ).toBe(true)
    expect(decideCreateImage(ownerReader, 'legacy', { ...mine, visibility: 'community' }).ok).toBe(
      true,
    )
  })
  test('another owner: admin only, with each mode’s text', () => {
    expect(decideCreateImage(owner, 'legacy', { owner: 'p-else' })).toEqual({
      ok: false,
      status: 403,
      message: "You are not permitted to create images owned by 'p-else'.",
    })
    expect(decideCreateImage(owner, 'new-defaults', { owner: 'p-else' })).toEqual({
      ok: false,
      status: 403,
      message:
        "Access was denied to this resource.\nYou are not permitted to create images owned by 'p-else'",
    })
    // The owner check comes before publicize under new defaults, after it in legacy.
    const noOwner = decideCreateImage(owner, 'new-defaults', { owner: null, visibility: 'public' })
    expect(noOwner.ok ? '' : noOwner.message).toContain("owned by 'None'")
    expect(
      decideCreateImage(owner, 'legacy', { owner: 'p-else', visibility: 'public' }),
    ).toMatchObject({ message: 'You are not authorized to complete publicize_image action.' })
    expect(decideCreateImage(admin, 'new-defaults', { owner: 'p-else' }).ok).toBe(true)
    expect(decideCreateImage(admin, 'legacy', { owner: 'p-else' }).ok).toBe(true)
  })
})

describe('§9 delete image (delete_image)', () => {
  const del = (caller: Caller, mode: PolicyMode = 'new-defaults', isProtected = false) => {
    const base = ctx('shared', caller, mode)
    return decideDeleteImage({ ...base, image: { ...base.image, protected: isProtected } })
  }
  test('the owner (member) and admin may delete', () => {
    expect(del(owner).ok).toBe(true)
    expect(del(admin).ok).toBe(true)
    expect(del(ownerReader, 'legacy').ok).toBe(true)
  })
  test('a member of the share → 403 delete_image / legacy "You do not own this image"', () => {
    expect(del(member)).toEqual({
      ok: false,
      status: 403,
      message: 'You are not authorized to complete delete_image action.',
    })
    expect(del(member, 'legacy')).toEqual({
      ok: false,
      status: 403,
      message: 'You do not own this image',
    })
    expect(del(ownerReader)).toMatchObject({ status: 403 })
  })
  test('invisible → 404 with images.py::delete text; protected → 403 after the policy', () => {
    expect(del(stranger)).toEqual({
      ok: false,
      status: 404,
      message: 'Failed to find image img-1 to delete',
    })
    expect(del(owner, 'new-defaults', true)).toEqual({
      ok: false,
      status: 403,
      message: 'Image img-1 is protected and cannot be deleted.',
    })
    expect(del(member, 'new-defaults', true)).toMatchObject({
      message: 'You are not authorized to complete delete_image action.',
    })
  })
})

describe('§7 visibleInList', () => {
  const listed = (
    visibility: Visibility,
    owner: string = OWNER,
    extra: Partial<ListedImage> = {},
  ): ListedImage => ({ id: 'i', owner, visibility, status: 'active', os_hidden: false, ...extra })
  const accepted: Membership = { status: 'accepted' }

  test('default: own, public and accepted shares; not pending, not others’ community', () => {
    expect(visibleInList(listed('public', 'x'), member, undefined)).toBe(true)
    expect(visibleInList(listed('private', MEMBER), member, undefined)).toBe(true)
    expect(visibleInList(listed('community', MEMBER), member, undefined)).toBe(true)
    expect(visibleInList(listed('shared'), member, accepted)).toBe(true)
    expect(visibleInList(listed('shared'), member, pending)).toBe(false)
    expect(visibleInList(listed('shared'), member, { status: 'rejected' })).toBe(false)
    expect(visibleInList(listed('community', 'x'), member, undefined)).toBe(false)
    expect(visibleInList(listed('private'), member, accepted)).toBe(false)
  })
  test('member_status selects part (3) only', () => {
    expect(visibleInList(listed('shared'), member, pending, { memberStatus: 'pending' })).toBe(true)
    expect(visibleInList(listed('shared'), member, accepted, { memberStatus: 'pending' })).toBe(
      false,
    )
    expect(visibleInList(listed('shared'), member, pending, { memberStatus: 'all' })).toBe(true)
    // own shared images stay in the union whatever member_status says
    expect(
      visibleInList(listed('shared'), owner, undefined, {
        visibility: 'shared',
        memberStatus: 'pending',
      }),
    ).toBe(true)
  })
  test('visibility=community|all shows others’ community images', () => {
    expect(
      visibleInList(listed('community', 'x'), member, undefined, { visibility: 'community' }),
    ).toBe(true)
    expect(visibleInList(listed('community', 'x'), member, undefined, { visibility: 'all' })).toBe(
      true,
    )
    expect(
      visibleInList(listed('public', 'x'), member, undefined, { visibility: 'community' }),
    ).toBe(false)
  })
  test('admin sees every project’s images and ignores member_status', () => {
    expect(visibleInList(listed('private', 'x'), admin, undefined)).toBe(true)
    expect(
      visibleInList(listed('shared', 'x'), admin, undefined, { memberStatus: 'rejected' }),
    ).toBe(true)
    expect(visibleInList(listed('community', 'x'), admin, undefined)).toBe(false)
    expect(visibleInList(listed('community', 'x'), admin, undefined, { visibility: 'all' })).toBe(
      true,
    )
  })
  test('killed and hidden images', () => {
    expect(visibleInList(listed('public', 'x', { status: 'killed' }), admin, undefined)).toBe(false)
    expect(visibleInList(listed('public', 'x', { os_hidden: true }), member, undefined)).toBe(false)
    expect(
      visibleInList(listed('public', 'x', { os_hidden: true }), member, undefined, {
        osHidden: true,
      }),
    ).toBe(true)
    expect(visibleInList(listed('public', 'x'), member, undefined, { osHidden: true })).toBe(false)
  })
})

describe('whatCallerMay', () => {
  test('owner with member role', () => {
    const may = whatCallerMay(image('shared'), owner, undefined)
    expect(may.share.ok).toBe(true)
    expect(may.unshare.ok).toBe(true)
    expect(may.setOwnStatus).toMatchObject({ ok: false, status: 403 })
    expect(may.setVisibility.public.ok).toBe(false)
    expect(may.setVisibility.private.ok).toBe(true)
  })
  test('a member of the share', () => {
    const may = whatCallerMay(image('shared'), member, pending)
    expect(may.share).toMatchObject({ ok: false, status: 403 })
    expect(may.unshare).toMatchObject({ ok: false, status: 403 })
    expect(may.setOwnStatus.ok).toBe(true)
    expect(may.setVisibility.shared.ok).toBe(false)
  })
  test('reader-only owner: nothing', () => {
    const may = whatCallerMay(image('shared'), ownerReader, undefined)
    expect(may.share.ok || may.unshare.ok || may.setVisibility.private.ok).toBe(false)
  })
})

// ---- Share targets ----

const P1 = '0123456789abcdef0123456789abcdef'
const P2 = 'fedcba9876543210fedcba9876543210'
const P3 = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'
const OWNER_ID = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'

describe('parseProjectIds', () => {
  test('splits on spaces, commas, semicolons and new lines', () => {
    const parsed = parseProjectIds(` ${P1},${P2}\n\n${P3} ;`)
    expect(parsed.map((p) => (p.ok ? p.id : p.raw))).toEqual([P1, P2, P3])
  })
  test('normalises case and a dashed UUID to Keystone’s form', () => {
    expect(parseProjectIds(P1.toUpperCase())).toEqual([{ raw: P1.toUpperCase(), ok: true, id: P1 }])
    const dashed = '01234567-89ab-cdef-0123-456789ABCDEF'
    expect(parseProjectIds(dashed)).toEqual([{ raw: dashed, ok: true, id: P1 }])
  })
  test.each([
    ['0123abcd', 'has 8 hexadecimal digits; a project ID has 32.'],
    [`${P1}0`, 'has 33 hexadecimal digits; a project ID has 32.'],
    [
      'consumer-a',
      'looks like a name. Glance needs the project’s ID (32 hexadecimal digits), not its name.',
    ],
    [
      '0123456789abcdef0123456789abcdeg',
      'looks like a name. Glance needs the project’s ID (32 hexadecimal digits), not its name.',
    ],
    ['<script>', 'is not a project ID: a project ID is 32 hexadecimal digits (0–9, a–f).'],
  ])('refuses %s', (raw, message) => {
    expect(parseProjectIds(raw)).toEqual([{ raw, ok: false, message }])
  })
  test('nothing typed is nothing', () => {
    expect(parseProjectIds(' \n, ')).toEqual([])
  })
})

describe('checkShareTargets', () => {
  const verdicts = (c: ReturnType<typeof checkShareTargets>) =>
    c.targets.map((t) => [t.raw, t.verdict, t.blocking])

  test('ready IDs are sent once each, in the order typed', () => {
    const c = checkShareTargets({ text: `${P2} ${P1}`, owner: OWNER_ID, members: [] })
    expect(c.toSend).toEqual([P2, P1])
    expect(c.blocked).toBe(false)
    expect(c.quota).toEqual({ limit: DEFAULT_IMAGE_MEMBER_QUOTA, used: 0 })
  })
  test('a repeat (also in another case) is skipped, not an error', () => {
    const c = checkShareTargets({ text: `${P1} ${P1.toUpperCase()}`, owner: OWNER_ID })
    expect(verdicts(c)).toEqual([
      [P1, 'ready', false],
      [P1.toUpperCase(), 'duplicate', false],
    ])
    expect(c.toSend).toEqual([P1])
  })
  test('the owner’s own project blocks', () => {
    const c = checkShareTargets({ text: `${OWNER_ID} ${P1}`, owner: OWNER_ID, members: [] })
    expect(verdicts(c)[0]).toEqual([OWNER_ID, 'own-project', true])
    expect(c.blocked).toBe(true)
  })
  test('a malformed entry blocks, with its own message', () => {
    const c = checkShareTargets({ text: `${P1} nope!`, owner: OWNER_ID })
    expect(c.targets[1]).toMatchObject({ verdict: 'invalid', blocking: true })
    expect(c.targets[1]?.message).toMatch(/^“nope!” is not a project ID/)
    expect(c.blocked).toBe(true)
  })
  test('current members are skipped (Glance would answer 409)', () => {
    const c = checkShareTargets({ text: `${P1} ${P2}`, owner: OWNER_ID, members: [P1] })
    expect(verdicts(c)).toEqual([
      [P1, 'already-member', false],
      [P2, 'ready', false],
    ])
    expect(c.toSend).toEqual([P2])
  })
  test('the quota counts current members (every status) and blocks what does not fit', () => {
    const c = checkShareTargets({
      text: `${P1} ${P2} ${P3}`,
      owner: OWNER_ID,
      members: ['m1'],
      quota: 3,
    })
    expect(verdicts(c)).toEqual([
      [P1, 'ready', false],
      [P2, 'ready', false],
      [P3, 'over-quota', true],
    ])
    expect(c.targets[2]?.message).toBe(
      'Over the member quota: the image can have at most 3 members and has 1, so only 2 more can be added.',
    )
    expect(c.blocked).toBe(true)
  })
  test('a full image says to remove a member first', () => {
    const c = checkShareTargets({ text: P1, owner: OWNER_ID, members: ['m1', 'm2'], quota: 2 })
    expect(c.targets[0]?.message).toBe(
      'Over the member quota: the image has 2 of at most 2 members. Remove a member first.',
    )
  })
  test('a negative quota is unlimited; unknown members count as none', () => {
    expect(checkShareTargets({ text: `${P1} ${P2}`, owner: null, quota: -1 }).blocked).toBe(false)
    const c = checkShareTargets({ text: `${P1} ${P2}`, owner: null, quota: 1 })
    expect(c.quota.used).toBeUndefined()
    expect(verdicts(c)[1]).toEqual([P2, 'over-quota', true])
  })
})

describe('share outcomes', () => {
  test.each([
    [200, 'shared'],
    [409, 'already-member'],
    [413, 'over-quota'],
    [403, 'refused'],
    [404, 'failed'],
    [0, 'failed'],
    [500, 'failed'],
  ] as const)('%i → %s', (status, outcome) => {
    expect(shareOutcomeOf(status)).toBe(outcome)
  })
  test('the quota is read from Glance’s 413 text', () => {
    expect(
      memberQuotaFromMessage(
        'Image member limit exceeded for image x: The limit has been exceeded on the number of allowed image members for this image. Attempted: 3, Maximum: 2:',
      ),
    ).toBe(2)
    expect(memberQuotaFromMessage('Request Entity Too Large')).toBeUndefined()
  })
})

describe('sharePlanFor', () => {
  test('owner with member role: a shared image is ready; a private one is made shared first', () => {
    expect(sharePlanFor(image('shared'), owner)).toEqual({ kind: 'ready' })
    expect(sharePlanFor(image('private'), owner)).toEqual({ kind: 'make-shared-first' })
  })
  test.each(['public', 'community'] as const)('%s images cannot have members', (visibility) => {
    expect(sharePlanFor(image(visibility), admin)).toMatchObject({
      kind: 'no-members',
      reason: expect.stringMatching(/cannot have members: Glance refuses them \(403\)/) as unknown,
    })
  })
  test('a reader in the owner project is told the role it lacks', () => {
    expect(sharePlanFor(image('shared'), ownerReader)).toEqual({
      kind: 'denied',
      reason: 'Your role in this project is reader: sharing needs the member role.',
    })
    expect(sharePlanFor(image('private'), ownerReader).kind).toBe('denied')
  })
  test('another project is told only the owner shares', () => {
    expect(sharePlanFor(image('shared'), member)).toEqual({
      kind: 'denied',
      reason: 'Only the project that owns this image can share it.',
    })
  })
  test('admin may share anyone’s image', () => {
    expect(sharePlanFor(image('shared', 'someone'), admin)).toEqual({ kind: 'ready' })
  })
})

describe('the consumer side', () => {
  const consumer: Caller = { projectId: 'c', roles: ['member', 'reader'] }
  const admin: Caller = { projectId: 'a', roles: ['admin', 'member', 'reader'] }
  const shared: ImageRef = { id: 'i', owner: 'p', visibility: 'shared' }

  it('an incoming share is another project’s shared image', () => {
    expect(isIncomingShare(shared, consumer)).toBe(true)
    expect(isIncomingShare({ ...shared, owner: 'c' }, consumer)).toBe(false)
    expect(isIncomingShare({ ...shared, visibility: 'private' }, consumer)).toBe(false)
    expect(isIncomingShare({ ...shared, visibility: 'public' }, consumer)).toBe(false)
  })

  it.each([
    [undefined, 'accepted'],
    ['accepted', 'accepted'],
    ['pending', 'pending'],
    ['rejected', 'rejected'],
    ['all', undefined],
  ] as const)('a non-admin list with member_status=%s says the membership is %s', (asked, said) => {
    expect(membershipFromList(shared, consumer, asked)).toBe(said)
  })

  it('an admin’s list and our own images say nothing about membership', () => {
    expect(membershipFromList(shared, admin, 'pending')).toBeUndefined()
    expect(membershipFromList({ ...shared, owner: 'c' }, consumer)).toBeUndefined()
    expect(membershipFromList({ ...shared, visibility: 'public' }, consumer)).toBeUndefined()
  })

  it('offers the answers that change something, Remove Image only after accepting', () => {
    expect(answersFrom('pending')).toEqual(['accept', 'reject'])
    expect(answersFrom('accepted')).toEqual(['remove', 'pending'])
    expect(answersFrom('rejected')).toEqual(['accept', 'pending'])
    expect(answerStatus.remove).toBe('rejected')
    expect(answerStatus.pending).toBe('pending')
  })

  it('a 404 answer means the share is gone; 4xx refusals and the rest differ', () => {
    expect(answerFailure(404)).toBe('gone')
    expect(answerFailure(403)).toBe('refused')
    expect(answerFailure(400)).toBe('refused')
    expect(answerFailure(503)).toBe('failed')
    expect(answerFailure(0)).toBe('failed')
  })
})
