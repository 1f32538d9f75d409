import { mutationOptions, type QueryClient } from '@tanstack/react-query'
import { glanceTarget, type Session } from '~/session/session'
import { addMember, removeMember, setImageVisibility, setMemberStatus } from './glance'
import { ApiError } from './http'
import { keys } from './queries'
import { shareOutcomeOf, type ShareOutcome } from './rules'
import type { Member, MemberStatus, Visibility } from './schemas'

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

/** How many POST …/members are in flight at once when sharing with many projects. */
export const SHARE_CONCURRENCY = 4

export type ShareResult = {
  memberId: string
  outcome: ShareOutcome
  /** The new member row, for 'shared'. */
  member?: Member
  /** Glance's (or the network's) words, for every other outcome. */
  error?: ApiError
}

/** Runs `fn` over `items` with at most `limit` at a time; results keep the order of `items`. */
export async function mapConcurrent<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  async function worker() {
    while (next < items.length) {
      const i = next++
      results[i] = await fn(items[i] as T)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}

/**
 * Share with several projects: one POST each, SHARE_CONCURRENCY at a time, every answer kept per
 * project (it never rejects). Like addMemberMutation it changes only the member list, which is
 * invalidated once at the end rather than once per project.
 */
export const shareImageMutation = (qc: QueryClient, s: Session) =>
  mutationOptions({
    mutationKey: ['members', 'add-many'],
    mutationFn: (v: { region: string; imageId: string; memberIds: readonly string[] }) => {
      const target = glanceTarget(s, v.region)
      return mapConcurrent(
        v.memberIds,
        SHARE_CONCURRENCY,
        async (memberId): Promise<ShareResult> => {
          try {
            const member = await addMember(target, v.imageId, memberId)
            return { memberId, outcome: 'shared', member }
          } catch (e) {
            const error =
              e instanceof ApiError
                ? e
                : new ApiError({ status: 0, kind: 'network', message: String(e) })
            return { memberId, outcome: shareOutcomeOf(error.status), error }
          }
        },
      )
    },
    onSettled: (_r, _e, v) =>
      qc.invalidateQueries({ queryKey: keys.members(s, v.region, v.imageId) }),
  })
