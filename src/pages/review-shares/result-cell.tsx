import { imageDisplayName } from '~/api/images'
import type { ShareAnswer } from '~/api/share-answers'
import { OwnAnswerCli } from '~/components/cli-after-action'
import { OutcomeText } from './outcome-text'
import { useReviewActions } from './review-actions'
import { Button } from '~/ui/button'
import type { RowState } from './use-review-rows'
import { VanishedResult } from './vanished-result'

const inFlightText: Record<ShareAnswer, string> = {
  accept: 'Accepting…',
  reject: 'Rejecting…',
  remove: 'Removing…',
  pending: 'Moving back to pending…',
}

/** Like Remove Image's Undo, in the row itself: a toast would cover the next row's buttons. */
function UndoReject({ state }: { state: RowState }) {
  const { undoReject } = useReviewActions()
  return (
    <Button size="sm" variant="secondary" className="mt-1" onClick={() => undoReject(state)}>
      Undo <span className="sr-only">reject of {imageDisplayName(state.row.image)}</span>
    </Button>
  )
}

/**
 * What is happening to the row, or what became of it, with the command for an answer given.
 * Focus lands here when no row is left.
 */
export function ResultCell({ state }: { state: RowState }) {
  const { row, answering, outcome, vanished } = state
  return (
    <div tabIndex={-1} data-result="">
      {answering ? (
        <span className="text-gray-700">{inFlightText[answering.answer]}</span>
      ) : vanished ? (
        <VanishedResult row={row} />
      ) : outcome ? (
        <>
          <OutcomeText outcome={outcome} />
          {outcome.kind === 'rejected' && <UndoReject state={state} />}
          {/* Only an answer Glance took has a command; "later" sent nothing. */}
          {(outcome.kind === 'accepted' || outcome.kind === 'rejected') && (
            <OwnAnswerCli
              imageId={row.image.id}
              region={row.region}
              status={outcome.kind}
              about={imageDisplayName(row.image)}
              // Opened, wide enough to read: the table scrolls in its own box, never the page.
              className="mt-1 open:min-w-60"
            />
          )}
        </>
      ) : null}
    </div>
  )
}
