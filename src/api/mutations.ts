import { mutationOptions, type QueryClient } from '@tanstack/react-query'
import {
  addMember,
  patchImageProperties,
  removeMember,
  setImageVisibility,
  setMemberStatus,
} from './glance'
import type { PropertyPatch } from './share-note'
import { ApiError } from './http'
import { mapConcurrent } from './concurrency'
import { keys } from './queries'
import { answerKey, type AnswerVars } from './answers-in-flight'
import { answerStatus } from './share-answers'
import { shareOutcomeOf, type ShareOutcome } from './share-targets'
import type { Member, MemberStatus, Visibility } from './schemas'
import { glanceTarget, type Session } from './scope'
import type { AnsweredBy } from './member-sightings'

type MemberRef = { region: string; imageId: string; memberId: string }

/**
 * Remembers an answer sent from this panel, for the owner's Image Sharing table to explain a
 * change (src/api/member-sightings.ts). Its module loads then, off the way to the first rows.
 */
function noteAnswerLater(region: string, imageId: string, member: Member, by: AnsweredBy) {
  import('./member-sightings')
    .then(({ noteAnswer }) => {
      noteAnswer(region, imageId, member, by)
    })
    .catch(() => undefined)
}

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
 * An admin sets another project's answer (Glance lets an admin set any member's status, contract
 * §4): support acting for a consumer. The member list changes; that project's own views refresh
 * when it next asks.
 */
export const overrideAnswerMutation = (qc: QueryClient, s: Session) =>
  mutationOptions({
    mutationKey: ['members', 'override'],
    mutationFn: (v: MemberRef & { status: MemberStatus }) =>
      setMemberStatus(glanceTarget(s, v.region), v.imageId, v.memberId, v.status),
    onSuccess: (m, v) => {
      noteAnswerLater(v.region, v.imageId, m, 'admin')
      return qc.invalidateQueries({ queryKey: keys.members(s, v.region, v.imageId) })
    },
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

/** The producer's words for its members (src/api/share-note.ts), saved on the image. */
export const setShareNoteMutation = (qc: QueryClient, s: Session) =>
  mutationOptions({
    mutationKey: ['images', 'share-note'],
    mutationFn: (v: { region: string; imageId: string; ops: readonly PropertyPatch[] }) =>
      patchImageProperties(glanceTarget(s, v.region), v.imageId, v.ops),
    onSuccess: (_i, v) =>
      Promise.all([
        qc.invalidateQueries({ queryKey: keys.imageDetailOf(s, v.imageId) }),
        qc.invalidateQueries({ queryKey: keys.imageLists(s) }),
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

// ---- The consumer's answers ----

/**
 * Accept, reject, remove or move back to pending: a PUT of our own member row. The lists, the
 * pending count and our row change. It is optimistic through its variables: while it runs, the
 * views show the new status (useAnswersInFlight), so a refusal rolls back by itself. On success
 * it waits for the fresh lists, so the optimistic row hands over to the real one without a gap.
 */
export const answerShareMutation = (qc: QueryClient, s: Session) =>
  mutationOptions({
    mutationKey: answerKey,
    mutationFn: (v: AnswerVars) =>
      setMemberStatus(
        glanceTarget(s, v.region),
        v.image.id,
        s.project?.id ?? '',
        answerStatus[v.answer],
      ),
    onSuccess: (m, v) => {
      noteAnswerLater(v.region, v.image.id, m, 'member')
      return refreshAfterAnswer(qc, s, v)
    },
    // A 404 means the share is gone: refresh so every view stops offering it.
    onError: (_e, v) => {
      void refreshAfterAnswer(qc, s, v)
    },
  })

const refreshAfterAnswer = (qc: QueryClient, s: Session, v: AnswerVars) =>
  Promise.all([
    qc.invalidateQueries({ queryKey: keys.members(s, v.region, v.image.id) }),
    qc.invalidateQueries({ queryKey: keys.images(s) }),
  ])
