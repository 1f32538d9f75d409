import type { PolicyMode } from '~/api/glance-policy'
import type { Caller } from '~/api/caller'
import type { Membership } from '~/api/glance-policy'
import { decideShare } from '~/api/glance-policy'
import {
  admin,
  ctx,
  MEMBER,
  member,
  memberRow,
  OWNER,
  owner,
  ownerReader,
  pending,
  stranger,
} from '~/api/policy-test-fixtures'
import type { Visibility } from '~/api/schemas'
import type { ListedImage } from '~mocks/glance/policy'
import {
  decideAddMember,
  decideCreateImage,
  decideDeleteImage,
  decideListMembers,
  decideShowMember,
  membersListedFor,
  visibleInList,
} from '~mocks/glance/policy'

// Row-by-row checks of the contract's tables (§1–§3, §7, §9) for the decisions only the mock makes.

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
