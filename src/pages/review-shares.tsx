import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef, useState } from 'react'
import { Link } from 'react-router'
import { mapConcurrent } from '~/api/concurrency'
import { describeError, failureOf, goneText } from '~/api/describe-error'
import { isApiError } from '~/api/http'
import { imageDisplayName } from '~/api/images'
import {
  answeredRefs,
  answerShareMutation,
  useAnswersInFlight,
  type AnswerInFlight,
} from '~/api/mutations'
import { myMembershipQuery, type RegionImage } from '~/api/queries'
import type { ShareAnswer } from '~/api/share-answers'
import { useSession } from '~/session/session'
import { useCaller } from '~/session/use-caller'
import { formatBytes, formatDate } from '~/util/format'
import { paths } from '~/util/paths'
import { SavedImagesBreadcrumb } from '~/components/breadcrumb'
import { ProjectLabel } from '~/components/project-label'
import { QueryError } from '~/components/query-error'
import { usePendingShares } from '~/components/use-pending-shares'
import { rowRef, useSeenRows } from '~/components/use-seen-rows'
import { Alert } from '~/ui/alert'
import { Button, type ButtonVariant } from '~/ui/button'
import { Checkbox } from '~/ui/checkbox'
import { EmptyState } from '~/ui/empty-state'
import { Skeleton } from '~/ui/skeleton'
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '~/ui/table'
import { TextLink } from '~/ui/text-link'

/** As many answers in flight at once as a bulk action sends. */
const BULK_CONCURRENCY = 4

type Answer = 'accept' | 'reject'

/** What became of a row on this page. */
type Outcome =
  | { kind: 'accepted' | 'rejected' | 'later' }
  | { kind: 'failed'; answer: Answer; message: string; gone: boolean }

type RowState = {
  ref: string
  row: RegionImage
  answering: AnswerInFlight | undefined
  outcome: Outcome | undefined
  /** Left the pending list without an answer from this tab: answered elsewhere, or taken away. */
  vanished: boolean
  /** Can still be answered here. */
  open: boolean
}

const answered: Record<Answer, 'accepted' | 'rejected'> = { accept: 'accepted', reject: 'rejected' }

function failure(answer: Answer, e: unknown): Outcome {
  const gone = isApiError(e) && failureOf(e.status) === 'gone'
  return { kind: 'failed', answer, message: describeError(e, { action: 'answer-share' }), gone }
}

function bulkSummary(answer: Answer, outcomes: readonly Outcome[]): string {
  const done = outcomes.filter((o) => o.kind !== 'failed').length
  const failed = outcomes.filter((o) => o.kind === 'failed')
  const gone = failed.filter((o) => o.kind === 'failed' && o.gone).length
  const parts = [`${String(done)} ${answered[answer]}`]
  if (failed.length > 0) parts.push(`${String(failed.length)} failed`)
  let text = `${parts.join(', ')}.`
  if (gone > 0) text += ` ${String(gone)} no longer shared with you.`
  if (failed.length > gone) text += ' The failed ones stay selected: try again.'
  return text
}

export default function ReviewSharesPage() {
  const session = useSession()
  // Another project has other shares: start afresh when the project changes.
  return <ReviewShares key={session.project?.id ?? ''} />
}

function ReviewShares() {
  const { session } = useCaller()
  const qc = useQueryClient()
  const { query, regions, count } = usePendingShares()
  const inFlight = useAnswersInFlight()
  const mutation = useMutation(answerShareMutation(qc, session))
  // Rows from another region come back with their results when the region does.
  const seen = useSeenRows(query.data?.items, '')
  const [outcomes, setOutcomes] = useState<ReadonlyMap<string, Outcome>>(new Map())
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set())
  const [summary, setSummary] = useState('')
  const [bulk, setBulk] = useState<Answer | null>(null)

  const pendingNow = new Set((query.data?.items ?? []).map(rowRef))
  const answeredHere = answeredRefs(qc)
  const states: RowState[] = seen
    .filter((row) => regions.includes(row.region))
    .map((row) => {
      const ref = rowRef(row)
      const answering = inFlight.get(ref)
      const outcome = outcomes.get(ref)
      const settled =
        outcome?.kind === 'accepted' ||
        outcome?.kind === 'rejected' ||
        (outcome?.kind === 'failed' && outcome.gone)
      const vanished = !pendingNow.has(ref) && !answering && !settled && !answeredHere.has(ref)
      return { ref, row, answering, outcome, vanished, open: !answering && !settled && !vanished }
    })
  const openRefs = states.filter((s) => s.open).map((s) => s.ref)
  const chosen = states.filter((s) => s.open && selected.has(s.ref))

  // Focus goes somewhere sensible once an answer is in, never to a button that left.
  const rowEls = useRef(new Map<string, HTMLTableRowElement>())
  const focusAfter = useRef<{ ref: string; retry?: Answer } | null>(null)
  const bulkButtons = useRef(new Map<Answer, HTMLButtonElement>())
  const focusBulk = useRef<Answer | null>(null)
  useEffect(() => {
    const bulkAnswer = focusBulk.current
    if (bulkAnswer) {
      focusBulk.current = null
      bulkButtons.current.get(bulkAnswer)?.focus()
    }
    const request = focusAfter.current
    if (!request) return
    focusAfter.current = null
    const tr = rowEls.current.get(request.ref)
    const active = document.activeElement
    // The user moved on meanwhile: leave focus where they put it.
    if (active && active !== document.body && !tr?.contains(active)) return
    const button = (ref: string, answer: Answer | 'later') =>
      rowEls.current.get(ref)?.querySelector<HTMLButtonElement>(`button[name="${answer}"]`)
    const here = states.findIndex((s) => s.ref === request.ref)
    const self = states[here]
    if (request.retry && self?.open) {
      button(request.ref, request.retry)?.focus()
      return
    }
    const next =
      states.slice(here + 1).find((s) => s.open) ?? states.slice(0, here).findLast((s) => s.open)
    const target = next
      ? button(next.ref, 'accept')
      : tr?.querySelector<HTMLElement>('[data-result]')
    target?.focus()
  })

  const send = (row: RegionImage, answer: Answer): Promise<Outcome> =>
    mutation.mutateAsync({ region: row.region, image: row.image, answer }).then(
      (): Outcome => ({ kind: answered[answer] }),
      (e: unknown) => failure(answer, e),
    )

  const record = (ref: string, outcome: Outcome) => {
    setOutcomes((m) => new Map(m).set(ref, outcome))
    // A failure that may work next time stays selected; everything else is done with.
    if (outcome.kind !== 'failed' || outcome.gone)
      setSelected((s) => {
        const next = new Set(s)
        next.delete(ref)
        return next
      })
  }

  const answerOne = async (row: RegionImage, answer: Answer) => {
    const ref = rowRef(row)
    const name = imageDisplayName(row.image)
    const outcome = await send(row, answer)
    focusAfter.current = { ref, retry: answer }
    record(ref, outcome)
    setSummary(
      outcome.kind === 'failed'
        ? `${name} was not ${answered[answer]}: ${outcome.message}`
        : `${name} ${answered[answer]}.`,
    )
  }

  const decideLater = (row: RegionImage) => {
    const ref = rowRef(row)
    focusAfter.current = { ref }
    record(ref, { kind: 'later' })
    setSummary(`${imageDisplayName(row.image)} left pending: it stays in the count.`)
  }

  const answerChosen = async (answer: Answer) => {
    const targets = chosen
    if (targets.length === 0) return
    setBulk(answer)
    setSummary('')
    // Each image gets its own request and its own result; one failure stops nothing.
    const results = await mapConcurrent(targets, BULK_CONCURRENCY, async (s) => {
      const outcome = await send(s.row, answer)
      record(s.ref, outcome)
      return outcome
    })
    focusBulk.current = answer
    setBulk(null)
    setSummary(bulkSummary(answer, results))
  }

  const allChosen = openRefs.length > 0 && chosen.length === openRefs.length
  const someChosen = chosen.length > 0 && !allChosen
  const showRegion = regions.length > 1
  const projectName = session.project?.name ?? session.project?.id ?? ''
  const none = 'Select images first, with the boxes in the first column.'

  return (
    <>
      <SavedImagesBreadcrumb />
      <h1 className="mt-4 text-2xl font-semibold">Review shared images</h1>
      <p className="mt-1 max-w-3xl text-sm text-gray-700">
        Images other projects shared with project {projectName} in {regions.join(' and ')}, waiting
        for your answer. Accept adds an image to Saved Images; Reject keeps it out of your lists
        (you can still accept it later from Shared with me); Decide later leaves it pending.
      </p>

      {query.isPending ? (
        <div role="status" aria-label="Loading shared images" className="mt-6 space-y-3">
          <Skeleton className="h-10 w-full" />
          <Skeleton className="h-10 w-full" />
          <Skeleton className="h-10 w-full" />
        </div>
      ) : query.data === undefined ? (
        <QueryError
          title="Shares waiting for your answer could not be loaded"
          className="mt-6"
          error={query.error}
          onRetry={() => query.refetch()}
        />
      ) : (
        <>
          {query.data.failures.map((f) => (
            <QueryError
              key={f.region}
              title={`Shares in ${f.region} could not be checked`}
              className="mt-4"
              error={f.error}
              onRetry={() => query.refetch()}
            />
          ))}
          {states.length === 0 ? (
            <EmptyState
              className="mt-6"
              title="Nothing waits for your answer"
              action={
                <Button asChild variant="secondary">
                  <Link to={paths.images()}>Back to Saved Images</Link>
                </Button>
              }
            >
              No image shared with project {projectName} in {regions.join(' or ')} is waiting for an
              answer. New shares show up here and in the header as they arrive.
            </EmptyState>
          ) : (
            <>
              <div className="mt-6 flex flex-wrap items-center gap-3">
                {bulkActions.map(({ answer, label, variant }) => (
                  <Button
                    key={answer}
                    ref={(el) => {
                      if (el) bulkButtons.current.set(answer, el)
                    }}
                    size="sm"
                    variant={variant}
                    loading={bulk === answer}
                    disabled={bulk !== null}
                    disabledReason={chosen.length === 0 && bulk === null ? none : undefined}
                    onClick={() => void answerChosen(answer)}
                  >
                    {label} selected
                  </Button>
                ))}
                <span className="text-sm text-gray-700">
                  {chosen.length > 0 ? `${String(chosen.length)} selected. ` : ''}
                  {count === 0
                    ? 'Nothing else waits for your answer.'
                    : `${String(count)} still waiting for your answer.`}
                </span>
              </div>
              <p role="status" className="mt-2 min-h-5 text-sm font-medium text-gray-900">
                {summary}
              </p>
              <Table aria-label="Images waiting for your answer" className="mt-2">
                <TableHeader>
                  <TableRow>
                    <TableHead className="w-0">
                      <Checkbox
                        aria-label="Select all"
                        checked={allChosen ? true : someChosen ? 'indeterminate' : false}
                        disabled={openRefs.length === 0 || bulk !== null}
                        onCheckedChange={() =>
                          setSelected(allChosen ? new Set() : new Set(openRefs))
                        }
                      />
                    </TableHead>
                    <TableHead>Name</TableHead>
                    <TableHead>Producer</TableHead>
                    <TableHead className="text-right">Size</TableHead>
                    <TableHead>Formats</TableHead>
                    <TableHead>Created</TableHead>
                    {showRegion && <TableHead>Region</TableHead>}
                    <TableHead>Answer</TableHead>
                    <TableHead>Result</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {states.map((s) => (
                    <ReviewRow
                      key={s.ref}
                      state={s}
                      showRegion={showRegion}
                      selected={selected.has(s.ref)}
                      locked={bulk !== null}
                      rowRef={(el) => {
                        if (el) rowEls.current.set(s.ref, el)
                        else rowEls.current.delete(s.ref)
                      }}
                      onSelect={(on) =>
                        setSelected((cur) => {
                          const next = new Set(cur)
                          if (on) next.add(s.ref)
                          else next.delete(s.ref)
                          return next
                        })
                      }
                      onAnswer={(answer) => void answerOne(s.row, answer)}
                      onLater={() => decideLater(s.row)}
                    />
                  ))}
                </TableBody>
              </Table>
            </>
          )}
        </>
      )}
    </>
  )
}

const bulkActions = [
  { answer: 'accept', label: 'Accept', variant: 'primary' },
  { answer: 'reject', label: 'Reject', variant: 'secondary' },
] as const satisfies readonly { answer: Answer; label: string; variant: ButtonVariant }[]

const rowActions = [
  { action: 'accept', label: 'Accept', variant: 'primary' },
  { action: 'reject', label: 'Reject', variant: 'secondary' },
  { action: 'later', label: 'Decide later', variant: 'ghost' },
] as const satisfies readonly { action: Answer | 'later'; label: string; variant: ButtonVariant }[]

const inFlightText: Record<ShareAnswer, string> = {
  accept: 'Accepting…',
  reject: 'Rejecting…',
  remove: 'Removing…',
  pending: 'Moving back to pending…',
}

function ReviewRow({
  state,
  showRegion,
  selected,
  locked,
  rowRef,
  onSelect,
  onAnswer,
  onLater,
}: {
  state: RowState
  showRegion: boolean
  selected: boolean
  locked: boolean
  rowRef: (el: HTMLTableRowElement | null) => void
  onSelect: (on: boolean) => void
  onAnswer: (answer: Answer) => void
  onLater: () => void
}) {
  const { row, answering, outcome, vanished, open } = state
  const { image, region } = row
  const name = imageDisplayName(image)
  const busy = answering !== undefined
  return (
    <TableRow
      ref={rowRef}
      aria-busy={busy || undefined}
      data-state={selected && open ? 'selected' : undefined}
    >
      <TableCell>
        <Checkbox
          aria-label={`Select ${name}`}
          checked={selected && open}
          disabled={!open || locked}
          onCheckedChange={(checked) => onSelect(checked === true)}
        />
      </TableCell>
      <TableCell className="max-w-xs">
        <TextLink asChild underline="hover" className="font-medium break-words">
          <Link to={paths.image(image.id, region)}>{name}</Link>
        </TextLink>
      </TableCell>
      <TableCell className="max-w-xs">
        {image.owner ? <ProjectLabel id={image.owner} /> : '—'}
      </TableCell>
      <TableCell className="text-right whitespace-nowrap tabular-nums">
        {formatBytes(image.size)}
      </TableCell>
      <TableCell className="whitespace-nowrap">
        {image.disk_format ?? '—'} / {image.container_format ?? '—'}
      </TableCell>
      <TableCell className="whitespace-nowrap">{formatDate(image.created_at)}</TableCell>
      {showRegion && <TableCell>{region}</TableCell>}
      <TableCell>
        {(open || busy) && (
          <div className="flex flex-wrap gap-2">
            {rowActions.map(({ action, label, variant }) => (
              <Button
                key={action}
                name={action}
                size="sm"
                variant={variant}
                loading={answering?.answer === action}
                disabled={busy || locked}
                onClick={() => (action === 'later' ? onLater() : onAnswer(action))}
              >
                {label} <span className="sr-only">{name}</span>
              </Button>
            ))}
          </div>
        )}
      </TableCell>
      <TableCell className="min-w-48" tabIndex={-1} data-result="">
        {answering ? (
          <span className="text-gray-700">{inFlightText[answering.answer]}</span>
        ) : vanished ? (
          <VanishedResult row={row} />
        ) : outcome ? (
          <OutcomeText outcome={outcome} />
        ) : null}
      </TableCell>
    </TableRow>
  )
}

function OutcomeText({ outcome }: { outcome: Outcome }) {
  switch (outcome.kind) {
    case 'accepted':
      return (
        <span className="flex flex-col gap-0.5">
          <span className="font-medium text-green-800">Accepted</span>
          <TextLink asChild>
            <Link to={paths.images()}>View in Saved Images</Link>
          </TextLink>
        </span>
      )
    case 'rejected':
      return <span className="font-medium text-gray-900">Rejected</span>
    case 'later':
      return <span className="text-gray-700">Left pending</span>
    case 'failed':
      return (
        <Alert variant={outcome.gone ? 'warning' : 'error'} role="note" className="px-3 py-2">
          {outcome.message}
        </Alert>
      )
  }
}

/**
 * A row that left the pending list without an answer from this tab: ask Glance for our own row
 * to say whether it was answered elsewhere or taken away.
 */
function VanishedResult({ row }: { row: RegionImage }) {
  const { session } = useCaller()
  const mine = useQuery(myMembershipQuery(session, row.region, row.image.id))
  if (mine.isPending) return <span className="text-gray-700">Checking…</span>
  if (mine.isError) return <span className="text-gray-700">No longer waiting for your answer.</span>
  if (mine.data === null)
    return (
      <Alert variant="warning" role="note" className="px-3 py-2">
        {goneText}
      </Alert>
    )
  return (
    <span className="text-gray-700">
      {mine.data.status === 'accepted'
        ? 'Accepted elsewhere'
        : mine.data.status === 'rejected'
          ? 'Rejected elsewhere'
          : 'Pending'}
    </span>
  )
}
