import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { flushSync } from 'react-dom'
import { mapConcurrent } from '~/api/concurrency'
import { imageDisplayName } from '~/api/images'
import { describeError } from '~/api/describe-error'
import { answerShareMutation } from '~/api/mutations'
import { useCaller } from '~/session/use-caller'
import type { DataRow } from '~/components/data-table'
import { answered, bulkSummary, failure, type Answer, type Outcome } from './outcome'
import type { AnswerFocus } from './use-answer-focus'
import type { RowState } from './use-review-rows'

/** As many answers in flight at once as a bulk action sends. */
const BULK_CONCURRENCY = 4

type Row = DataRow<RowState>

/**
 * Answering on the review page: one row, the selected rows, or "decide later". Each row keeps
 * what became of it; the status line says it in words; focus moves on once the answer is in.
 */
export function useReviewAnswers(focus: AnswerFocus) {
  const { session } = useCaller()
  const qc = useQueryClient()
  const mutation = useMutation(answerShareMutation(qc, session))
  const [outcomes, setOutcomes] = useState<ReadonlyMap<string, Outcome>>(new Map())
  const [summary, setSummary] = useState('')
  const [bulk, setBulk] = useState<Answer | null>(null)

  const send = ({ row }: RowState, answer: Answer): Promise<Outcome> =>
    mutation.mutateAsync({ region: row.region, image: row.image, answer }).then(
      (): Outcome => ({ kind: answered[answer] }),
      (e: unknown) => failure(answer, e),
    )

  const record = (row: Row, outcome: Outcome) => {
    setOutcomes((m) => new Map(m).set(row.id, outcome))
    // A failure that may work next time stays selected; everything else is done with.
    if (outcome.kind !== 'failed' || outcome.gone) row.toggleSelected(false)
  }

  const answerOne = async (row: Row, answer: Answer) => {
    const name = imageDisplayName(row.original.row.image)
    const outcome = await send(row.original, answer)
    // Rendered at once, so the focus finds the rows as they are after the answer.
    flushSync(() => {
      record(row, outcome)
      setSummary(
        outcome.kind === 'failed'
          ? `${name} was not ${answered[answer]}: ${outcome.message}`
          : `${name} ${answered[answer]}.`,
      )
    })
    focus.afterRow(row.id, answer)
  }

  const undoReject = async (state: RowState) => {
    const { image, region } = state.row
    const name = imageDisplayName(image)
    try {
      await mutation.mutateAsync({ region, image, answer: 'pending' })
    } catch (e) {
      setSummary(`${name} is still rejected: ${describeError(e, { action: 'answer-share' })}`)
      return
    }
    flushSync(() => {
      setOutcomes((m) => {
        const next = new Map(m)
        next.delete(state.ref)
        return next
      })
      setSummary(`${name} is pending again: answer it when you are ready.`)
    })
    focus.afterRow(state.ref, 'accept')
  }

  const decideLater = (row: Row) => {
    flushSync(() => {
      record(row, { kind: 'later' })
      setSummary(`${imageDisplayName(row.original.row.image)} left pending: it stays in the count.`)
    })
    focus.afterRow(row.id)
  }

  const answerChosen = async (chosen: readonly Row[], answer: Answer) => {
    if (chosen.length === 0) return
    setBulk(answer)
    setSummary('')
    // Each image gets its own request and its own result; one failure stops nothing.
    const results = await mapConcurrent(chosen, BULK_CONCURRENCY, async (row) => {
      const outcome = await send(row.original, answer)
      record(row, outcome)
      return outcome
    })
    flushSync(() => {
      setBulk(null)
      setSummary(bulkSummary(answer, results))
    })
    focus.toBulk(answer)
  }

  return { outcomes, summary, bulk, answerOne, decideLater, answerChosen, undoReject }
}
