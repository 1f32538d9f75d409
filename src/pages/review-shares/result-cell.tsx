import type { ShareAnswer } from '~/api/share-answers'
import { OutcomeText } from './outcome-text'
import type { RowState } from './use-review-rows'
import { VanishedResult } from './vanished-result'

const inFlightText: Record<ShareAnswer, string> = {
  accept: 'Accepting…',
  reject: 'Rejecting…',
  remove: 'Removing…',
  pending: 'Moving back to pending…',
}

/** What is happening to the row, or what became of it. Focus lands here when no row is left. */
export function ResultCell({ state }: { state: RowState }) {
  const { row, answering, outcome, vanished } = state
  return (
    <div tabIndex={-1} data-result="">
      {answering ? (
        <span className="text-gray-700">{inFlightText[answering.answer]}</span>
      ) : vanished ? (
        <VanishedResult row={row} />
      ) : outcome ? (
        <OutcomeText outcome={outcome} />
      ) : null}
    </div>
  )
}
