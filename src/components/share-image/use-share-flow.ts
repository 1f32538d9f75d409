import * as React from 'react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { setShareNoteMutation, setVisibilityMutation, shareImageMutation } from '~/api/mutations'
import { shareNoteOf, shareNotePatch, shareNoteProblem, type ShareNote } from '~/api/share-note'
import { membersQuery } from '~/api/queries'
import { DEFAULT_IMAGE_MEMBER_QUOTA } from '~/api/glance-limits'
import { sharePlanFor } from '~/api/share-plan'
import {
  checkShareTargets,
  memberQuotaFromMessage,
  type ShareTargetCheck,
} from '~/api/share-targets'
import type { Image } from '~/api/schemas'
import { useCaller } from '~/session/use-caller'
import { useProjectName } from '~/components/project-label'
import { useShareDraft } from './draft'
import { done, type Reported } from './outcomes'
import { useIdChecks } from './use-id-checks'

/** Where the dialog puts focus when a Share cannot go on: the field, or a confirmation. */
export type ShareFocus = { field: () => void; confirm: () => void; unseen: () => void }

/**
 * The Share Image workflow: the typed IDs and their live check (src/api/share-targets.ts), making
 * a private image shared first, and the share itself, which goes out a few at a time. The Share as
 * a whole is one mutation: whether it is under way and its results are that mutation's state,
 * and why the image could not be made shared is that step's own error.
 */
export function useShareFlow({
  image,
  region,
  open,
}: {
  image: Image
  region: string
  open: boolean
}) {
  const { session, caller } = useCaller()
  const qc = useQueryClient()
  const [text, setText] = useShareDraft(session.user.id, region, image.id)
  const [attempted, setAttempted] = React.useState(false)
  const [confirmShared, setConfirmShared] = React.useState(false)
  // The image was made shared by the Share in hand (for its CLI lines), not an earlier one.
  const [sharedBySend, setSharedBySend] = React.useState(false)
  // Once made shared here, it stays so for the dialog, even before the image is read again.
  const [madeShared, setMadeShared] = React.useState(false)
  const [learntQuota, setLearntQuota] = React.useState<number | undefined>(undefined)
  // The never-seen IDs the user confirmed, as one key: another set asks again.
  const [confirmedUnseen, setConfirmedUnseen] = React.useState('')
  // The image as this dialog last saved it: the words are compared with what Glance has now.
  const [saved, setSaved] = React.useState<Image | null>(null)
  const said = shareNoteOf(saved ?? image)
  const ownerName = useProjectName(image.owner ?? '')
  // Untouched, the words are what the image says, or else the owner project's name.
  const [edited, setWords] = React.useState<ShareNote | null>(null)
  const words = edited ?? { sharedBy: said.sharedBy || (ownerName ?? ''), note: said.note }
  const wordsProblem = shareNoteProblem(words)

  const visibility = madeShared ? 'shared' : image.visibility
  const plan = sharePlanFor({ id: image.id, owner: image.owner, visibility }, caller)
  const members = useQuery({
    ...membersQuery(session, region, image.id),
    enabled: open && visibility === 'shared' && plan.kind === 'ready',
  })
  const makeShared = useMutation(setVisibilityMutation(qc, session))
  const saveNote = useMutation(setShareNoteMutation(qc, session))
  const share = useMutation(shareImageMutation(qc, session))

  const quota = learntQuota ?? DEFAULT_IMAGE_MEMBER_QUOTA
  const check = checkShareTargets({
    text,
    owner: image.owner,
    members: members.data?.map((m) => m.member_id),
    quota,
  })
  const idChecks = useIdChecks(
    check.toSend,
    members.data?.map((m) => m.member_id),
  )
  const kindOf = (id: string) => idChecks.get(id)?.kind
  const unknownIds = check.toSend.filter((id) => kindOf(id) === 'unknown')
  const stillChecking = check.toSend.some((id) => kindOf(id) === 'checking')
  const unseen = check.toSend.filter((id) => {
    const c = idChecks.get(id)
    return c?.kind === 'not-checked' && !c.seen
  })
  const unseenKey = unseen.join(' ')
  const unseenConfirmed = unseen.length === 0 || confirmedUnseen === unseenKey

  /** The results, or null when it stopped before sending anything. */
  async function send(): Promise<Reported[] | null> {
    setSharedBySend(false)
    let current: ShareTargetCheck = check
    if (plan.kind === 'make-shared-first') {
      try {
        await makeShared.mutateAsync({ region, imageId: image.id, visibility: 'shared' })
      } catch {
        return null
      }
      setMadeShared(true)
      setSharedBySend(true)
      setConfirmShared(false)
      // Rows kept from when it was shared before come back, and count against the quota.
      const rows = await qc.query(membersQuery(session, region, image.id)).catch(() => undefined)
      current = checkShareTargets({
        text,
        owner: image.owner,
        members: rows?.map((m) => m.member_id),
        quota,
      })
      if (current.blocked) return null
    }
    const skipped: Reported[] = current.targets
      .filter((t) => t.verdict === 'already-member' && t.id !== undefined)
      .map((t) => ({ raw: t.raw, memberId: t.id ?? '', outcome: 'already-member' }))
    const sent = current.toSend.length
      ? await share.mutateAsync({ region, imageId: image.id, memberIds: current.toSend })
      : []
    const rawOf = new Map(current.targets.map((t) => [t.id, t.raw]))
    const reported = [
      ...sent.map((r) => ({ ...r, raw: rawOf.get(r.memberId) ?? r.memberId })),
      ...skipped,
    ]
    const learnt = sent
      .map((r) =>
        r.outcome === 'over-quota' ? memberQuotaFromMessage(r.error?.message ?? '') : undefined,
      )
      .find((q) => q !== undefined)
    if (learnt !== undefined) setLearntQuota(learnt)
    // The words go on once the image has members to read them; a failure is said apart, as the
    // shares stand (and were they all refused, the image is likely gone: the results say so).
    const ops = shareNotePatch(saved ?? image, words)
    if (ops.length > 0 && reported.some((r) => done(r.outcome))) {
      await saveNote
        .mutateAsync({ region, imageId: image.id, ops })
        .then(setSaved)
        .catch(() => undefined)
    }
    // Keep what still needs doing, as typed; what is done leaves the field.
    setText(
      reported
        .filter((r) => !done(r.outcome))
        .map((r) => r.raw)
        .join('\n'),
    )
    setAttempted(false)
    return reported
  }

  const flow = useMutation({ mutationFn: send })
  const busy = flow.isPending

  function submit(focus: ShareFocus) {
    if (busy || plan.kind === 'denied' || plan.kind === 'no-members') return
    setAttempted(true)
    makeShared.reset()
    if (
      check.targets.length === 0 ||
      check.blocked ||
      unknownIds.length > 0 ||
      stillChecking ||
      wordsProblem !== undefined
    ) {
      focus.field()
      return
    }
    if (plan.kind === 'make-shared-first' && !confirmShared) {
      focus.confirm()
      return
    }
    if (check.toSend.length === 0) return
    if (!unseenConfirmed) {
      focus.unseen()
      return
    }
    flow.mutate(undefined, {
      onSuccess: (results) => {
        if (results === null) focus.field()
      },
    })
  }

  /** Closing forgets the last results and complaints, not what was typed. */
  function forget() {
    flow.reset()
    makeShared.reset()
    saveNote.reset()
    setSharedBySend(false)
    setAttempted(false)
  }

  const fieldProblem = !attempted
    ? undefined
    : check.targets.length === 0
      ? 'Enter at least one project ID.'
      : check.blocked
        ? 'Fix the entries marked below; nothing has been sent.'
        : wordsProblem !== undefined
          ? `${wordsProblem} Nothing has been sent.`
          : unknownIds.length > 0
            ? 'Keystone has no project with an ID marked below: fix or remove it; nothing has been sent.'
            : stillChecking
              ? 'Keystone is still checking the IDs: share again in a moment.'
              : check.toSend.length === 0
                ? 'Every project entered is already a member: there is nothing to send.'
                : undefined

  return {
    plan,
    text,
    setText,
    check,
    quota,
    learntQuota,
    members,
    confirmShared,
    setConfirmShared,
    confirmMissing: attempted && plan.kind === 'make-shared-first' && !confirmShared,
    idChecks,
    /** Ready IDs not checked and never seen in this panel: one more confirmation before sending. */
    unseen,
    unseenConfirmed,
    confirmUnseen: (yes: boolean) => setConfirmedUnseen(yes ? unseenKey : ''),
    unseenMissing: attempted && !unseenConfirmed,
    fieldProblem,
    busy,
    results: flow.data ?? null,
    failure: makeShared.isError
      ? {
          title: 'The image could not be made shared, so nothing was sent',
          error: makeShared.error,
        }
      : null,
    /** The shares went out, but "Shared by" and the note were not saved. */
    noteFailure: saveNote.isError ? saveNote.error : null,
    madeSharedNow: sharedBySend,
    words,
    setWords,
    wordsProblem,
    submit,
    forget,
  }
}
