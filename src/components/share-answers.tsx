import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { describeError } from '~/api/describe-error'
import { imageDisplayName } from '~/api/images'
import type { AnswerVars } from '~/api/answers-in-flight'
import { answerShareMutation } from '~/api/mutations'
import type { ShareAnswer } from '~/api/share-answers'
import { useSession } from '~/session/session'
import { Alert } from '~/ui/alert'
import { ConfirmDialog } from '~/ui/confirm-dialog'
import { addToast } from '~/ui/toast-store'

/** The consumer's answers as the menus and buttons name them. */
export const answerLabel: Record<ShareAnswer, string> = {
  accept: 'Accept',
  reject: 'Reject',
  remove: 'Remove Image',
  pending: 'Move back to pending',
}

const failedTitle: Record<ShareAnswer, string> = {
  accept: 'Could not accept',
  reject: 'Could not reject',
  remove: 'Could not remove',
  pending: 'Could not move back to pending',
}

function doneToast(v: AnswerVars, undo: () => void) {
  const name = imageDisplayName(v.image)
  switch (v.answer) {
    case 'accept':
      return addToast({
        variant: 'success',
        title: `Accepted ${name}`,
        description: 'It is in Saved Images now, with Source “Shared Image”.',
      })
    case 'reject':
      return addToast({
        variant: 'success',
        title: `Rejected ${name}`,
        description: 'It stays out of your lists; you can still accept it from Shared with me.',
      })
    case 'remove':
      return addToast({
        variant: 'success',
        title: `Removed ${name} from your images`,
        description:
          'It is rejected now: it still opens by its ID, and you can accept it again from Shared with me.',
        action: { label: 'Undo', onClick: undo },
        durationMs: 8000,
      })
    case 'pending':
      return addToast({
        variant: 'success',
        title: `${name} is pending again`,
        description: 'It waits for your answer under Shared with me, Pending.',
      })
  }
}

/**
 * Sending one answer from a menu or a button: a toast says what happened, Remove Image asks
 * first, and a failure says why (the views roll back by themselves, see useAnswersInFlight).
 */
export function useShareAnswer() {
  const session = useSession()
  const qc = useQueryClient()
  const mutation = useMutation(answerShareMutation(qc, session))
  // Remove Image's own, so its dialog shows the error of its confirm and of no other answer.
  const removal = useMutation(answerShareMutation(qc, session))
  const [confirming, setConfirming] = useState<AnswerVars | null>(null)
  // The last answer Glance took, for a page that shows its CLI command until the next one.
  const [last, setLast] = useState<AnswerVars | null>(null)

  // Undo of Remove Image accepts again.
  const done = (v: AnswerVars) => {
    setLast(v)
    doneToast(v, () => void send({ ...v, answer: 'accept' }))
  }

  const send = (v: AnswerVars): Promise<void> =>
    mutation.mutateAsync(v).then(
      () => {
        done(v)
      },
      (e: unknown) => {
        addToast({
          variant: 'error',
          title: `${failedTitle[v.answer]} ${imageDisplayName(v.image)}`,
          description: describeError(e, { action: 'answer-share' }),
          durationMs: Infinity,
        })
      },
    )

  const answer = (v: AnswerVars) => {
    if (v.answer === 'remove') {
      removal.reset()
      setConfirming(v)
    } else void send(v)
  }

  const dialog = confirming && (
    <ConfirmDialog
      open
      onOpenChange={(open) => {
        if (!open) setConfirming(null)
      }}
      title={`Remove ${imageDisplayName(confirming.image)}?`}
      description={`This rejects the share: the image leaves project ${session.project?.name ?? ''}’s image lists. It still opens by its ID, and you can accept it again from Shared with me, Rejected.`}
      confirmLabel="Remove Image"
      variant="danger"
      // A rejection keeps the dialog open, with the error below.
      onConfirm={() =>
        removal.mutateAsync(confirming).then(() => {
          done(confirming)
        })
      }
    >
      {removal.isError && (
        <Alert variant="error" title="Not removed">
          {describeError(removal.error, { action: 'answer-share' })}
        </Alert>
      )}
    </ConfirmDialog>
  )

  return { answer, dialog, last }
}
