import type { Image } from '~/api/schemas'

/**
 * Who is asking, and the role checks every Glance rule starts from. Apart from the decisions
 * (glance-policy.ts), so that a page that only asks "is this an admin?" does not load them all.
 */

export type RoleName = 'admin' | 'member' | 'reader'

/** Who is asking: the token's project and role names. */
export type Caller = { projectId: string; roles: readonly string[] }

/** The parts of an image the rules read. */
export type ImageRef = Pick<Image, 'id' | 'owner' | 'visibility'>

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
