import { Button, type ButtonVariant } from '~/ui/button'
import type { Answer } from './outcome'

const bulkActions = [
  { answer: 'accept', label: 'Accept', variant: 'primary' },
  { answer: 'reject', label: 'Reject', variant: 'secondary' },
] as const satisfies readonly { answer: Answer; label: string; variant: ButtonVariant }[]

const none = 'Select images first, with the boxes in the first column.'

/** Accept or Reject the selected rows, how many are selected, and how many still wait. */
export function BulkBar({
  chosen,
  waiting,
  bulk,
  summary,
  buttonRef,
  onAnswer,
  denied,
}: {
  chosen: number
  /** Shares still waiting for an answer (the header's count). */
  waiting: number
  /** The bulk answer being sent, if any. */
  bulk: Answer | null
  summary: string
  buttonRef: (answer: Answer) => (el: HTMLButtonElement | null) => void
  onAnswer: (answer: Answer) => void
  /** Why this caller may not answer at all (a reader), as each row's buttons say it. */
  denied: string | undefined
}) {
  return (
    <>
      <div className="mt-6 flex flex-wrap items-center gap-3">
        {bulkActions.map(({ answer, label, variant }) => (
          <Button
            key={answer}
            ref={buttonRef(answer)}
            size="sm"
            variant={variant}
            loading={bulk === answer}
            disabled={bulk !== null}
            disabledReason={denied ?? (chosen === 0 && bulk === null ? none : undefined)}
            onClick={() => onAnswer(answer)}
          >
            {label} selected
          </Button>
        ))}
        <span className="text-sm text-gray-700">
          {chosen > 0 ? `${String(chosen)} selected. ` : ''}
          {waiting === 0
            ? 'Nothing else waits for your answer.'
            : `${String(waiting)} still waiting for your answer.`}
        </span>
      </div>
      <p role="status" className="mt-2 min-h-5 text-sm font-medium text-gray-900">
        {summary}
      </p>
    </>
  )
}
