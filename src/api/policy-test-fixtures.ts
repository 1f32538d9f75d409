import type { MemberContext, Membership, PolicyMode } from '~/api/glance-policy'
import type { Caller, ImageRef } from '~/api/caller'
import type { Visibility } from '~/api/schemas'

// The callers, images and contexts the policy tests of client and mock decide for (§0–§9).

export const OWNER = 'p-owner'
export const MEMBER = 'p-member'
export const owner: Caller = { projectId: OWNER, roles: ['member', 'reader'] }
export const ownerReader: Caller = { projectId: OWNER, roles: ['reader'] }
export const member: Caller = { projectId: MEMBER, roles: ['member', 'reader'] }
export const memberReader: Caller = { projectId: MEMBER, roles: ['reader'] }
export const stranger: Caller = { projectId: 'p-stranger', roles: ['member', 'reader'] }
export const admin: Caller = { projectId: 'p-admin', roles: ['admin'] }

export const image = (visibility: Visibility, owner: string | null = OWNER): ImageRef => ({
  id: 'img-1',
  owner,
  visibility,
})
export const pending: Membership = { status: 'pending' }
export const memberRow = { memberId: MEMBER, status: 'pending' as const }

export function ctx(
  visibility: Visibility,
  caller: Caller,
  mode: PolicyMode = 'new-defaults',
  membership?: Membership,
): MemberContext {
  const ownRow = caller.projectId === MEMBER ? pending : undefined
  return { image: image(visibility), caller, mode, membership: membership ?? ownRow }
}
