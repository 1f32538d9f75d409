import {
  canLaunch,
  canSeeImage,
  decideModifyImage,
  decideRemoveMember,
  decideSetMemberStatus,
  decideSetVisibility,
  whatCallerMay,
} from '~/api/glance-policy'
import { hasRole, isAdmin } from '~/api/caller'
import {
  admin,
  ctx,
  image,
  MEMBER,
  member,
  memberReader,
  memberRow,
  owner,
  ownerReader,
  pending,
  stranger,
} from '~/api/policy-test-fixtures'

// Row-by-row checks of the contract's tables (§0, §4, §5, §8) for the decisions the UI asks.

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

describe('canLaunch', () => {
  test('what Glance shows the caller can be launched: own, public, community; a share by a member', () => {
    expect(canLaunch(image('private'), owner)).toBe(true)
    expect(canLaunch(image('private'), admin)).toBe(true)
    expect(canLaunch(image('public'), stranger)).toBe(true)
    expect(canLaunch(image('community'), stranger)).toBe(true)
    expect(canLaunch(image('shared'), member, { status: 'rejected' })).toBe(true)
    expect(canLaunch(image('shared'), member, undefined)).toBe(false)
    expect(canLaunch(image('private'), member, pending)).toBe(false)
  })
})
