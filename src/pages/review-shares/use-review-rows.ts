import { useQueryClient } from '@tanstack/react-query'
import { answeredRefs, useAnswersInFlight, type AnswerInFlight } from '~/api/answers-in-flight'
import type { RegionImage } from '~/api/queries'
import { usePendingShares } from '~/components/use-pending-shares'
import { rowRef, useSeenRows } from '~/components/use-seen-rows'
import { settles, type Outcome } from './outcome'

export type RowState = {
  ref: string
  row: RegionImage
  answering: AnswerInFlight | undefined
  outcome: Outcome | undefined
  /** Left the pending list without an answer from this tab: answered elsewhere, or taken away. */
  vanished: boolean
  /** Can still be answered here. */
  open: boolean
}

/**
 * The page's rows: every share seen waiting since the page opened, in the regions shown, with
 * what became of each (being answered, answered here, answered elsewhere or taken away).
 */
export function useReviewRows(outcomes: ReadonlyMap<string, Outcome>) {
  const qc = useQueryClient()
  const pending = usePendingShares()
  const inFlight = useAnswersInFlight()
  // Rows from another region come back with their results when the region does.
  const seen = useSeenRows(pending.query.data?.items, '')
  const pendingNow = new Set((pending.query.data?.items ?? []).map(rowRef))
  const answeredHere = answeredRefs(qc)
  const rows = seen
    .filter((row) => pending.regions.includes(row.region))
    .map((row): RowState => {
      const ref = rowRef(row)
      const answering = inFlight.get(ref)
      const outcome = outcomes.get(ref)
      const settled = settles(outcome)
      const vanished = !pendingNow.has(ref) && !answering && !settled && !answeredHere.has(ref)
      return { ref, row, answering, outcome, vanished, open: !answering && !settled && !vanished }
    })
  return { ...pending, rows }
}
