import { mutationOptions, type QueryClient } from '@tanstack/react-query'
import { glanceTarget, type Session } from '~/session/session'
import { addMember, removeMember, setImageVisibility, setMemberStatus } from './glance'
import { keys } from './queries'
import type { MemberStatus, Visibility } from './schemas'

type MemberRef = { region: string; imageId: string; memberId: string }

/**
 * Each mutation invalidates exactly what it changes, and returns that promise so the caller's
 * pending state lasts until the fresh data is in.
 */

/** Share: the image's member list gains a pending row. Nothing else changes until the member acts. */
export const addMemberMutation = (qc: QueryClient, s: Session) =>
  mutationOptions({
    mutationKey: ['members', 'add'],
    mutationFn: (v: MemberRef) => addMember(glanceTarget(s, v.region), v.imageId, v.memberId),
    onSuccess: (_m, v) => qc.invalidateQueries({ queryKey: keys.members(s, v.region, v.imageId) }),
  })

/** Unshare: the member list loses the row. */
export const removeMemberMutation = (qc: QueryClient, s: Session) =>
  mutationOptions({
    mutationKey: ['members', 'remove'],
    mutationFn: (v: MemberRef) => removeMember(glanceTarget(s, v.region), v.imageId, v.memberId),
    onSuccess: (_r, v) => qc.invalidateQueries({ queryKey: keys.members(s, v.region, v.imageId) }),
  })

/**
 * Accept, reject or reset to pending (the member's own decision): the membership row changes, and
 * so do the image lists, since Glance lists only accepted shares by default.
 */
export const setMemberStatusMutation = (qc: QueryClient, s: Session) =>
  mutationOptions({
    mutationKey: ['members', 'status'],
    mutationFn: (v: MemberRef & { status: MemberStatus }) =>
      setMemberStatus(glanceTarget(s, v.region), v.imageId, v.memberId, v.status),
    onSuccess: (_m, v) =>
      Promise.all([
        qc.invalidateQueries({ queryKey: keys.members(s, v.region, v.imageId) }),
        qc.invalidateQueries({ queryKey: keys.imageLists(s) }),
      ]),
  })

/** Visibility: the image itself, the lists it appears in, and whether its members count. */
export const setVisibilityMutation = (qc: QueryClient, s: Session) =>
  mutationOptions({
    mutationKey: ['images', 'visibility'],
    mutationFn: (v: { region: string; imageId: string; visibility: Visibility }) =>
      setImageVisibility(glanceTarget(s, v.region), v.imageId, v.visibility),
    onSuccess: (_i, v) =>
      Promise.all([
        qc.invalidateQueries({ queryKey: keys.imageDetailOf(s, v.imageId) }),
        qc.invalidateQueries({ queryKey: keys.imageLists(s) }),
        qc.invalidateQueries({ queryKey: keys.members(s, v.region, v.imageId) }),
      ]),
  })
