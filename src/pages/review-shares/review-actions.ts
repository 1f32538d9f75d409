import { createContext, use } from 'react'
import type { DataRow } from '~/components/data-table'
import type { Answer } from './outcome'
import type { RowState } from './use-review-rows'

/** What the table's cells may do, given by the page (the columns are defined once, outside it). */
export type ReviewActions = {
  answer: (row: DataRow<RowState>, answer: Answer) => void
  later: (row: DataRow<RowState>) => void
  /** Puts a row rejected here back to pending, open to an answer again. */
  undoReject: (row: RowState) => void
  /** A bulk answer is being sent: nothing else may start. */
  locked: boolean
}

export const ReviewActionsContext = createContext<ReviewActions | null>(null)

export function useReviewActions(): ReviewActions {
  const actions = use(ReviewActionsContext)
  if (!actions) throw new Error('useReviewActions needs a ReviewActionsContext provider')
  return actions
}
