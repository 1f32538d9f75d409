import * as React from 'react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { describeError } from '~/api/describe-error'
import type { ApiError } from '~/api/http'
import { imageDisplayName } from '~/api/images'
import { setVisibilityMutation, shareImageMutation, type ShareResult } from '~/api/mutations'
import { membersQuery } from '~/api/queries'
import {
  checkShareTargets,
  memberQuotaFromMessage,
  type ShareOutcome,
  type ShareTarget,
  type ShareTargetCheck,
} from '~/api/share-targets'
import { DEFAULT_IMAGE_MEMBER_QUOTA } from '~/api/glance-limits'
import { sharePlanFor } from '~/api/share-plan'
import type { Image } from '~/api/schemas'
import { useProjectName } from '~/components/project-label'
import { useCaller } from '~/session/use-caller'
import { countOf, pluralWord } from '~/util/format'
import { Alert } from '~/ui/alert'
import { Badge, type BadgeTone } from '~/ui/badge'
import { Button } from '~/ui/button'
import { Checkbox } from '~/ui/checkbox'
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '~/ui/dialog'
import { Label, Textarea } from '~/ui/field'

export type ShareImageDialogProps = {
  image: Image
  region: string
  open: boolean
  onOpenChange: (open: boolean) => void
}

/** A result row: what was sent (or skipped) for one project, and how it ended. */
type Reported = ShareResult & { raw: string }

const outcomeBadge: Record<ShareOutcome, { tone: BadgeTone; label: string }> = {
  shared: { tone: 'success', label: 'Shared (pending)' },
  'already-member': { tone: 'info', label: 'Already a member' },
  'over-quota': { tone: 'warning', label: 'Over quota' },
  refused: { tone: 'danger', label: 'Refused' },
  failed: { tone: 'danger', label: 'Failed' },
}

/** Outcomes after which the project has the image; the others keep their ID in the field. */
const done = (outcome: ShareOutcome) => outcome === 'shared' || outcome === 'already-member'

/**
 * Shares one image with one or many projects. Everything Glance would refuse is checked first
 * (src/api/share-targets.ts); what is sent goes out a few at a time and is reported per project. The
 * typed text lives outside the dialog's content, so closing and reopening does not lose it.
 */
/**
 * What an opener of the dialog needs: the dialog stays mounted from its first opening on, so closing
 * it never throws away what was typed, and focus goes back to `returnFocus` when it closes (the
 * menu item or button that opened it may be gone).
 */
export function useShareImageDialog(returnFocus: React.RefObject<HTMLElement | null>) {
  const [open, setOpen] = React.useState(false)
  const [mounted, setMounted] = React.useState(false)
  return {
    openDialog: () => {
      setMounted(true)
      setOpen(true)
    },
    /** Props for <ShareImageDialog>, or undefined until it is first opened. */
    dialog: mounted
      ? {
          open,
          onOpenChange: (next: boolean) => {
            setOpen(next)
            if (!next) requestAnimationFrame(() => returnFocus.current?.focus())
          },
        }
      : undefined,
  }
}

export function ShareImageDialog({ image, region, open, onOpenChange }: ShareImageDialogProps) {
  const { session, caller } = useCaller()
  const qc = useQueryClient()
  const [text, setText] = React.useState('')
  const [attempted, setAttempted] = React.useState(false)
  const [confirmShared, setConfirmShared] = React.useState(false)
  const [madeShared, setMadeShared] = React.useState(false)
  const [learntQuota, setLearntQuota] = React.useState<number | undefined>(undefined)
  const [results, setResults] = React.useState<Reported[] | null>(null)
  const [failure, setFailure] = React.useState<{ title: string; error: ApiError } | null>(null)
  const [busy, setBusy] = React.useState(false)

  const visibility = madeShared ? 'shared' : image.visibility
  const plan = sharePlanFor({ id: image.id, owner: image.owner, visibility }, caller)
  const members = useQuery({
    ...membersQuery(session, region, image.id),
    enabled: open && visibility === 'shared' && plan.kind === 'ready',
  })
  const makeShared = useMutation(setVisibilityMutation(qc, session))
  const share = useMutation(shareImageMutation(qc, session))

  const quota = learntQuota ?? DEFAULT_IMAGE_MEMBER_QUOTA
  const check = checkShareTargets({
    text,
    owner: image.owner,
    members: members.data?.map((m) => m.member_id),
    quota,
  })

  function handleOpenChange(next: boolean) {
    // The outcome of a share in flight must not go unseen.
    if (!next && busy) return
    if (!next) {
      setResults(null)
      setFailure(null)
      setAttempted(false)
    }
    onOpenChange(next)
  }

  async function send(): Promise<'sent' | 'stopped'> {
    let current: ShareTargetCheck = check
    if (plan.kind === 'make-shared-first') {
      try {
        await makeShared.mutateAsync({ region, imageId: image.id, visibility: 'shared' })
      } catch (e) {
        setFailure({
          title: 'The image could not be made shared, so nothing was sent',
          error: e as ApiError,
        })
        return 'stopped'
      }
      setMadeShared(true)
      setConfirmShared(false)
      // Rows kept from when it was shared before come back, and count against the quota.
      const rows = await qc.query(membersQuery(session, region, image.id)).catch(() => undefined)
      current = checkShareTargets({
        text,
        owner: image.owner,
        members: rows?.map((m) => m.member_id),
        quota,
      })
      if (current.blocked) return 'stopped'
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
    setResults(reported)
    // Keep what still needs doing, as typed; what is done leaves the field.
    setText(
      reported
        .filter((r) => !done(r.outcome))
        .map((r) => r.raw)
        .join('\n'),
    )
    setAttempted(false)
    return 'sent'
  }

  const textareaRef = React.useRef<HTMLTextAreaElement>(null)
  const confirmRef = React.useRef<HTMLButtonElement>(null)

  async function handleSubmit(event: React.SubmitEvent<HTMLFormElement>) {
    event.preventDefault()
    if (busy || plan.kind === 'denied' || plan.kind === 'no-members') return
    setAttempted(true)
    setFailure(null)
    if (check.targets.length === 0 || check.blocked) {
      textareaRef.current?.focus()
      return
    }
    if (plan.kind === 'make-shared-first' && !confirmShared) {
      confirmRef.current?.focus()
      return
    }
    if (check.toSend.length === 0) return
    setResults(null)
    setBusy(true)
    try {
      if ((await send()) === 'stopped') textareaRef.current?.focus()
    } finally {
      setBusy(false)
    }
  }

  const ids = React.useId()
  const hintId = `${ids}-hint`
  const problemId = `${ids}-problem`
  const checklistId = `${ids}-checklist`
  const confirmErrorId = `${ids}-confirm-error`
  const name = imageDisplayName(image)

  const fieldProblem = !attempted
    ? undefined
    : check.targets.length === 0
      ? 'Enter at least one project ID.'
      : check.blocked
        ? 'Fix the entries marked below; nothing has been sent.'
        : check.toSend.length === 0
          ? 'Every project entered is already a member: there is nothing to send.'
          : undefined
  const confirmMissing = attempted && plan.kind === 'make-shared-first' && !confirmShared

  return (
    <Dialog open={open} onOpenChange={handleOpenChange}>
      <DialogContent className="max-w-2xl">
        <DialogHeader>
          <DialogTitle>Share Image</DialogTitle>
          <DialogDescription>
            Share <span className="font-medium break-words text-gray-900">{name}</span> with other
            projects. Each project sees it as pending until one of its members accepts it.
          </DialogDescription>
        </DialogHeader>

        {plan.kind === 'no-members' ? (
          <>
            <Alert variant="info" title="This image cannot be shared with projects">
              {plan.reason}
            </Alert>
            <DialogFooter>
              <Button variant="secondary" onClick={() => handleOpenChange(false)}>
                Close
              </Button>
            </DialogFooter>
          </>
        ) : (
          <form noValidate className="grid gap-4" onSubmit={(e) => void handleSubmit(e)}>
            <section aria-labelledby={checklistId} className="rounded-md bg-gray-50 p-3 text-sm">
              <h3 id={checklistId} className="font-semibold">
                Before you share
              </h3>
              <ul className="mt-1 list-disc space-y-1 pl-5 text-gray-700">
                <li>
                  <strong>Licences:</strong> you may pass on everything installed in the image (an
                  operating system or software licence may not allow it).
                </li>
                <li>
                  <strong>Secrets:</strong> the image holds no SSH keys, passwords, API tokens or
                  certificates. Every member can read its whole disk.
                </li>
                <li>
                  <strong>Malware:</strong> the image has been scanned and is up to date with
                  security fixes.
                </li>
              </ul>
            </section>

            <div className="flex flex-col gap-1.5">
              <Label htmlFor={`${ids}-ids`}>Project IDs</Label>
              <Textarea
                id={`${ids}-ids`}
                ref={textareaRef}
                value={text}
                onChange={(e) => setText(e.target.value)}
                spellCheck={false}
                autoCapitalize="off"
                autoComplete="off"
                aria-invalid={fieldProblem ? true : undefined}
                aria-describedby={fieldProblem ? `${hintId} ${problemId}` : hintId}
                className="font-mono"
              />
              <p id={hintId} className="text-sm text-gray-600">
                One or more Keystone project IDs (32 hexadecimal digits), separated by spaces,
                commas or new lines. Ask each project for its ID (Identity → Projects, or{' '}
                <code>openstack project show</code>).
              </p>
              {fieldProblem && (
                <p id={problemId} className="text-sm text-red-700">
                  {fieldProblem}
                </p>
              )}
            </div>

            {check.targets.length > 0 && <TargetList targets={check.targets} />}
            <QuotaNote
              limit={quota}
              learnt={learntQuota !== undefined}
              used={check.quota.used}
              loading={members.isLoading}
              error={members.error}
            />

            {plan.kind === 'make-shared-first' && (
              <Alert variant="warning" title="This image is private">
                <p>
                  Glance adds members only to shared images. Making it shared changes nothing for
                  other projects until they are added; projects it was shared with before get their
                  access back, with their earlier answer.
                </p>
                <div className="mt-2 flex items-start gap-2">
                  <Checkbox
                    ref={confirmRef}
                    id={`${ids}-confirm`}
                    checked={confirmShared}
                    onCheckedChange={(checked) => setConfirmShared(checked === true)}
                    aria-invalid={confirmMissing || undefined}
                    aria-describedby={confirmMissing ? confirmErrorId : undefined}
                    className="mt-0.5"
                  />
                  <label htmlFor={`${ids}-confirm`} className="font-medium">
                    Make this image shared, then share it
                  </label>
                </div>
                {confirmMissing && (
                  <p id={confirmErrorId} className="mt-1 text-red-800">
                    Confirm that the image becomes shared: Glance refuses members for a private
                    image.
                  </p>
                )}
              </Alert>
            )}

            {failure && (
              <Alert variant="error" title={failure.title}>
                {failure.error.message}
              </Alert>
            )}

            {results && <ShareResults results={results} imageId={image.id} />}

            <DialogFooter>
              <Button variant="secondary" onClick={() => handleOpenChange(false)} disabled={busy}>
                {results ? 'Close' : 'Cancel'}
              </Button>
              <Button
                type="submit"
                loading={busy}
                disabledReason={plan.kind === 'denied' ? plan.reason : undefined}
              >
                Share
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  )
}

/** The live check of what was typed: one row per entry, with its name where Keystone tells it. */
function TargetList({ targets }: { targets: ShareTarget[] }) {
  return (
    <ul aria-label="Entries to share" className="grid gap-1 text-sm">
      {targets.map((t, i) => (
        // An entry can repeat, so its place is part of its key.
        <li key={`${String(i)}-${t.raw}`} className="flex flex-wrap items-baseline gap-x-2">
          {t.id ? <ProjectIdentity id={t.id} /> : <code className="break-all">{t.raw}</code>}
          {t.verdict === 'ready' ? (
            <span className="text-green-800">Ready to share</span>
          ) : (
            <span className={t.blocking ? 'text-red-700' : 'text-gray-700'}>{t.message}</span>
          )}
        </li>
      ))}
    </ul>
  )
}

function ProjectIdentity({ id }: { id: string }) {
  const name = useProjectName(id)
  return (
    <span className="inline-flex flex-wrap items-baseline gap-x-1.5">
      {name && <span className="font-medium">{name}</span>}
      <code className="text-xs break-all text-gray-700">{id}</code>
    </span>
  )
}

function QuotaNote(props: {
  limit: number
  learnt: boolean
  used: number | undefined
  loading: boolean
  error: ApiError | null
}) {
  const { limit, learnt, used, loading, error } = props
  const source = learnt
    ? 'as Glance reported it'
    : 'Glance’s default image_member_quota; your cloud may set another, and Glance will say so'
  if (limit < 0) return null
  return (
    <p className="text-sm text-gray-600">
      {loading
        ? 'Checking the current members…'
        : error
          ? `The current members could not be listed (${error.message}); Glance will still refuse repeats.`
          : used !== undefined
            ? `Members: ${String(used)} of at most ${String(limit)} (${source}).`
            : `At most ${String(limit)} members per image (${source}).`}
    </p>
  )
}

function ShareResults({ results, imageId }: { results: Reported[]; imageId: string }) {
  const shared = results.filter((r) => r.outcome === 'shared').length
  const headingId = React.useId()
  const headingRef = React.useRef<HTMLHeadingElement>(null)
  // New results replace the busy Share button, which took focus with it: read them out next.
  React.useEffect(() => headingRef.current?.focus(), [])
  const failed = results.filter((r) => !done(r.outcome))
  // Every project refused with 404: the image itself is gone, which one sentence says.
  const gone = failed.every((r) => r.error?.status === 404) ? failed[0]?.error : undefined
  const summary = [
    shared > 0 ? `Shared with ${countOf(shared, 'project')}; each sees it as pending.` : undefined,
    failed.length > 0
      ? `${countOf(failed.length, 'project')} could not be added; ${pluralWord(failed.length, 'its ID is', 'their IDs are')} kept in the field to try again.`
      : undefined,
    gone ? describeError(gone, { action: 'manage-image', imageId }) : undefined,
  ]
    .filter(Boolean)
    .join(' ')
  return (
    <section aria-labelledby={headingId} className="grid gap-2">
      <h3 id={headingId} ref={headingRef} tabIndex={-1} className="font-semibold">
        Results
      </h3>
      <Alert variant={failed.length ? 'warning' : 'success'}>
        {summary || 'Every project was already a member.'}
      </Alert>
      <ul aria-label="Share results" className="grid gap-2 text-sm">
        {results.map((r) => (
          <li key={r.memberId} className="flex flex-col gap-0.5">
            <span className="flex flex-wrap items-baseline gap-2">
              <ProjectIdentity id={r.memberId} />
              <Badge tone={outcomeBadge[r.outcome].tone}>{outcomeBadge[r.outcome].label}</Badge>
            </span>
            {r.outcome !== 'shared' && (
              <span className="text-gray-700">
                {r.error?.message ?? 'Already a member: not sent again.'}
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  )
}
