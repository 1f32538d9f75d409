import { answerDenialReason } from '~/api/denial-reasons'
import { whatCallerMay } from '~/api/glance-policy'
import { imageDisplayName } from '~/api/images'
import { useCaller } from '~/session/use-caller'
import type { DataRow } from '~/components/data-table'
import { Button, type ButtonVariant } from '~/ui/button'
import type { Answer } from './outcome'
import { useReviewActions } from './review-actions'
import type { RowState } from './use-review-rows'

const rowActions = [
  { action: 'accept', label: 'Accept', variant: 'primary' },
  { action: 'reject', label: 'Reject', variant: 'secondary' },
  { action: 'later', label: 'Decide later', variant: 'ghost' },
] as const satisfies readonly { action: Answer | 'later'; label: string; variant: ButtonVariant }[]

/** A row's answers, while it is open to one or being answered. */
export function AnswerButtons({ row }: { row: DataRow<RowState> }) {
  const { answer, later, locked } = useReviewActions()
  const { caller } = useCaller()
  const { answering, open } = row.original
  const busy = answering !== undefined
  if (!open && !busy) return null
  const { image } = row.original.row
  const name = imageDisplayName(image)
  // The same rule and words as the detail page's answers: a reader sees why, before Glance says 403.
  const denied = answerDenialReason(
    whatCallerMay(image, caller, { status: 'pending' }).setOwnStatus,
    caller,
  )
  return (
    <div className="flex flex-wrap gap-2">
      {rowActions.map(({ action, label, variant }) => (
        <Button
          key={action}
          // The focus finds a row's buttons by name (use-answer-focus.ts).
          name={action}
          size="sm"
          variant={variant}
          loading={answering?.answer === action}
          disabled={busy || locked}
          // Deciding later sends nothing to Glance, so a reader may still put a row aside.
          disabledReason={action === 'later' ? undefined : denied}
          onClick={() => (action === 'later' ? later(row) : answer(row, action))}
        >
          {label} <span className="sr-only">{name}</span>
        </Button>
      ))}
    </div>
  )
}
