import * as React from 'react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { describeError } from '~/api/describe-error'
import { imageDisplayName } from '~/api/images'
import { overrideAnswerMutation } from '~/api/mutations'
import type { RegionImage } from '~/api/queries'
import { memberStatuses, type MemberStatus } from '~/api/schemas'
import { useCaller } from '~/session/use-caller'
import { memberStatusLabel } from '~/components/member-status-badge'
import { Alert } from '~/ui/alert'
import { Button } from '~/ui/button'
import { ConfirmDialog } from '~/ui/confirm-dialog'
import { addToast } from '~/ui/toast-store'

/**
 * An admin sets a member's answer for it: only behind a confirmation that names the project and
 * says that this overrides the project's own decision.
 */
export function ActForProject({
  found: { image, region },
  projectId,
  projectName,
  current,
}: {
  found: RegionImage
  projectId: string
  projectName: string | undefined
  current: MemberStatus
}) {
  const qc = useQueryClient()
  const { session } = useCaller()
  const override = useMutation(overrideAnswerMutation(qc, session))
  const [asked, setAsked] = React.useState<MemberStatus | null>(null)
  const who = projectName ? `${projectName} (${projectId})` : projectId

  return (
    <div className="mt-4">
      <h4 className="text-sm font-semibold">Act for this project</h4>
      <p className="mt-1 text-sm text-gray-700">
        Glance lets an administrator set a member's answer. Do so only at the project's request.
      </p>
      <div className="mt-2 flex flex-wrap gap-2">
        {memberStatuses
          .filter((s) => s !== current)
          .map((status) => (
            <Button
              key={status}
              size="sm"
              variant="secondary"
              onClick={() => {
                override.reset()
                setAsked(status)
              }}
            >
              Set to {memberStatusLabel[status].toLowerCase()}
            </Button>
          ))}
      </div>
      <ConfirmDialog
        open={asked !== null}
        onOpenChange={(open) => {
          if (!open) setAsked(null)
        }}
        variant="danger"
        title={`Override ${projectName ?? 'this project'}'s own answer?`}
        description={
          <>
            This sets the answer of project <span className="break-all">{who}</span> to{' '}
            <strong>{asked}</strong> on {imageDisplayName(image)}, in place of the decision the
            project made itself ({current}). Glance keeps no record of who changed it: the project
            and the image's owner will just see the new answer.
          </>
        }
        confirmLabel={asked ? `Set to ${asked}` : 'Set'}
        pending={override.isPending}
        onConfirm={async () => {
          if (asked === null) return
          await override.mutateAsync({
            region,
            imageId: image.id,
            memberId: projectId,
            status: asked,
          })
          addToast({
            variant: 'success',
            title: `${projectName ?? projectId}'s answer is now ${asked}`,
          })
        }}
      >
        {override.isError && (
          <Alert variant="error">
            {describeError(override.error, { action: 'change-member' })}
          </Alert>
        )}
      </ConfirmDialog>
    </div>
  )
}
