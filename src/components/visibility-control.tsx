import * as React from 'react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { describeError } from '~/api/describe-error'
import { imageDisplayName } from '~/api/images'
import { setVisibilityMutation } from '~/api/mutations'
import { cli } from '~/api/openstack-cli'
import { keys } from '~/api/queries'
import { visibilityDenialReason } from '~/api/denial-reasons'
import { whatCallerMay } from '~/api/glance-policy'
import type { Image, Member, Visibility } from '~/api/schemas'
import { callerOf } from '~/api/scope'
import { useSession } from '~/session/session'
import { CliAfterAction, useCliScope } from '~/components/cli-after-action'
import { Alert } from '~/ui/alert'
import { Button } from '~/ui/button'
import { ConfirmDialog } from '~/ui/confirm-dialog'
import { cn, focusRing } from '~/ui/cn'
import { addToast } from '~/ui/toast-store'

/** From the narrowest audience to the widest. */
const order: readonly Visibility[] = ['private', 'shared', 'community', 'public']

const label: Record<Visibility, string> = {
  private: 'Private',
  shared: 'Shared',
  community: 'Community',
  public: 'Public',
}

const audience: Record<Visibility, string> = {
  private: 'Only this project (and cloud administrators) can use it.',
  shared: 'This project and the projects it is shared with, once they accept.',
  community:
    'Any project can use it by its ID and find it under Community; it is not in their default list.',
  public: 'Every project sees it in its image list and can use it.',
}

type Change = {
  title: string
  body: string
  confirmLabel: string
  variant: 'danger' | 'primary'
}

/** What a change does, said before it is made (contract §8: visibility changes keep member rows). */
export function consequences(from: Visibility, to: Visibility, memberCount?: number): Change {
  const members =
    memberCount === undefined
      ? 'Every member project'
      : memberCount === 1
        ? 'Its 1 member project'
        : `Its ${memberCount} member projects`
  const keptNote =
    'The members are kept, not deleted: when the image is shared again they come back, with the status they had.'
  const confirmLabel = `Make ${to}`
  switch (to) {
    case 'private':
      return {
        title: 'Make this image private?',
        body:
          from === 'shared'
            ? `${members} will lose access at once: it disappears from their lists and they can no longer launch it. ${keptNote}`
            : 'Other projects will no longer see or launch it: only this project (and cloud administrators) can use it.',
        confirmLabel,
        variant: 'danger',
      }
    case 'shared':
      return {
        title: 'Make this image shared?',
        body:
          from === 'private'
            ? 'Projects that were members when it was last shared get access back, with the status they had (accepted ones see it at once). Add more projects with Share Image.'
            : 'Only this project and its member projects will be able to use it: every other project loses access. Members it had when it was last shared come back with the status they had.',
        confirmLabel,
        variant: from === 'private' ? 'primary' : 'danger',
      }
    case 'community':
      return {
        title: 'Make this image a community image?',
        body: `Every project in the cloud will be able to find it under Community and launch it by its ID. Make sure it holds nothing that must not leave this project (licences, secrets).${from === 'shared' ? ` Members do not apply to a community image; ${keptNote.charAt(0).toLowerCase()}${keptNote.slice(1)}` : ''}`,
        confirmLabel,
        variant: 'primary',
      }
    case 'public':
      return {
        title: 'Make this image public?',
        body: `Every project in the cloud will see it in its image list and can launch it. Make sure it holds nothing that must not leave this project (licences, secrets).${from === 'shared' ? ` ${keptNote}` : ''}`,
        confirmLabel,
        variant: 'primary',
      }
  }
}

/**
 * Who may use the image: each visibility offered only where Glance's policy allows it (glance-policy.ts),
 * a denied one shown with the reason, and every change confirmed with its consequences first.
 */
export function VisibilityControl({ image, region }: { image: Image; region: string }) {
  const session = useSession()
  const qc = useQueryClient()
  const caller = callerOf(session)
  const headingId = React.useId()
  const baseId = React.useId()
  // null: the image's current visibility is the choice.
  const [choice, setChoice] = React.useState<Visibility | null>(null)
  // Frozen when the dialog opens, so its words do not shift while the image refetches.
  const [confirming, setConfirming] = React.useState<(Change & { to: Visibility }) | null>(null)
  const mutation = useMutation(setVisibilityMutation(qc, session))
  // The last change made here, for its CLI command: kept until the next one replaces it.
  const [changedTo, setChangedTo] = React.useState<Visibility | null>(null)
  const scope = useCliScope(region)

  const current = image.visibility
  const chosen = choice ?? current
  const abilities = whatCallerMay(image, caller)
  const reasonFor = (v: Visibility): string | undefined => {
    if (v === current) return undefined
    return visibilityDenialReason(abilities.setVisibility[v], image, caller, v)
  }
  const anyAllowed = order.some((v) => v !== current && reasonFor(v) === undefined)
  const buttonReason = !anyAllowed
    ? (reasonFor(current === 'private' ? 'shared' : 'private') ??
      'No other visibility is allowed for you.')
    : chosen === current
      ? 'Choose a different visibility first.'
      : undefined

  const memberCount =
    current === 'shared'
      ? qc.getQueryData<Member[]>(keys.members(session, region, image.id))?.length
      : undefined

  async function apply(to: Visibility) {
    await mutation.mutateAsync({ region, imageId: image.id, visibility: to })
    setChoice(null)
    setChangedTo(to)
    addToast({
      variant: 'success',
      title: `${imageDisplayName(image)} is now ${to}`,
      description: audience[to],
    })
  }

  return (
    <section aria-labelledby={headingId} className="mt-10 max-w-3xl">
      <h2 id={headingId} className="text-lg font-semibold">
        Visibility
      </h2>
      <fieldset className="mt-3">
        <legend className="text-sm text-gray-700">
          Who can use this image. It is {current} now.
        </legend>
        <div className="mt-2 space-y-2">
          {order.map((v) => {
            const reason = reasonFor(v)
            const id = `${baseId}-${v}`
            return (
              <div key={v} className="flex items-start gap-3">
                <input
                  id={id}
                  type="radio"
                  name={`${baseId}-visibility`}
                  value={v}
                  checked={chosen === v}
                  disabled={reason !== undefined}
                  aria-describedby={`${id}-about`}
                  onChange={() => {
                    setChoice(v === current ? null : v)
                  }}
                  className={cn('accent-brand-700 mt-1 size-4', focusRing)}
                />
                <div className="text-sm">
                  <label
                    htmlFor={id}
                    className={cn('font-medium', reason ? 'text-gray-600' : 'text-gray-900')}
                  >
                    {label[v]}
                  </label>
                  <p id={`${id}-about`} className="text-gray-700">
                    {audience[v]}
                    {v === current && ' (current)'}
                    {reason && <span className="block text-gray-700">Not available: {reason}</span>}
                  </p>
                </div>
              </div>
            )
          })}
        </div>
      </fieldset>
      <Button
        className="mt-4"
        variant="secondary"
        disabledReason={buttonReason}
        onClick={() => {
          mutation.reset()
          setConfirming({ ...consequences(current, chosen, memberCount), to: chosen })
        }}
      >
        Change visibility
      </Button>
      {changedTo && <CliAfterAction commands={[cli.setVisibility(image.id, changedTo, scope)]} />}
      <ConfirmDialog
        open={confirming !== null}
        onOpenChange={(open) => {
          if (open) return
          setConfirming(null)
          // A 404: the image was deleted or hidden behind the page, which must stop showing it.
          // Asked once the dialog closes, not on the error: the page that says so replaces this
          // one, and would take the dialog and its words away while they are read.
          if (mutation.error?.status === 404)
            void qc.invalidateQueries({ queryKey: keys.imageDetailOf(session, image.id) })
        }}
        title={confirming?.title}
        description={confirming?.body}
        confirmLabel={confirming?.confirmLabel ?? ''}
        variant={confirming?.variant}
        onConfirm={() => (confirming ? apply(confirming.to) : undefined)}
      >
        {mutation.isError && (
          <Alert variant="error">
            {describeError(mutation.error, { action: 'manage-image', imageId: image.id })}
          </Alert>
        )}
      </ConfirmDialog>
    </section>
  )
}
