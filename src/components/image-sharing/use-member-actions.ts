import * as React from 'react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { describeError } from '~/api/describe-error'
import { toApiError } from '~/api/http'
import { addMemberMutation, removeMemberMutation } from '~/api/mutations'
import { cli, cliScope, projectIdNotInCommand } from '~/api/openstack-cli'
import { keys } from '~/api/queries'
import type { Image, Member } from '~/api/schemas'
import { regionsOf } from '~/api/scope'
import { useCaller } from '~/session/use-caller'
import { addToast } from '~/ui/toast-store'
import type { MemberAction } from './member-actions'

/** How long "Undo" stays offered after a removal. */
export const UNDO_MS = 8_000

/** What a failed remove or re-share means, in words; Glance's own text is always kept. */
const memberActionError = (error: unknown) => describeError(error, { action: 'change-member' })

/**
 * The owner's Remove (with Undo) and Re-share of one member, each confirmed first. What failed is
 * read from the two mutations' own state, not kept beside it.
 */
export function useMemberActions(image: Image, region: string) {
  const qc = useQueryClient()
  const { session } = useCaller()
  const remove = useMutation(removeMemberMutation(qc, session))
  const add = useMutation(addMemberMutation(qc, session))
  const [asking, setAsking] = React.useState<{ action: MemberAction; member: Member } | null>(null)
  // The last change that went through, as openstack commands: shown until the next one. The
  // member's ID, to say why a command shows a placeholder for it.
  const [last, setLast] = React.useState<{ commands: readonly string[]; memberId: string }>({
    commands: [],
    memberId: '',
  })
  const ref = { region, imageId: image.id }
  const scope = cliScope(regionsOf(session).length, region)
  const removeCommand = (memberId: string) => cli.removeProject(image.id, memberId, scope)
  const addCommand = (memberId: string) => cli.addProject(image.id, memberId, scope)
  const refreshMembers = () =>
    qc.invalidateQueries({ queryKey: keys.members(session, region, image.id) })

  const resharing = asking?.action === 'reshare'
  // A re-share's remove answered 404 may be a row an earlier attempt removed: the add goes on,
  // and only its own failure is the re-share's.
  const error =
    add.isError && resharing
      ? `${add.variables.memberId} was removed but could not be added back: ${memberActionError(add.error)} Try again, or share the image with it again with Share Image.`
      : remove.isError && !(resharing && remove.error.status === 404)
        ? memberActionError(remove.error)
        : null

  const { reset: resetRemove } = remove
  const { reset: resetAdd } = add
  const clearErrors = React.useCallback(() => {
    resetRemove()
    resetAdd()
  }, [resetRemove, resetAdd])

  // Stable, so the table's columns that offer it are not rebuilt on every render.
  const ask = React.useCallback(
    (action: MemberAction, member: Member) => {
      clearErrors()
      setAsking({ action, member })
    },
    [clearErrors],
  )

  // After a failed action the image itself may have changed (private, deleted). Re-read it only
  // once the dialog closes: re-reading sooner could unmount the dialog and its message.
  function close() {
    setAsking(null)
    if (error !== null) {
      clearErrors()
      void qc.invalidateQueries({ queryKey: keys.imageDetailOf(session, image.id) })
    }
  }

  function undoRemoval(memberId: string) {
    add.mutateAsync({ ...ref, memberId }).then(
      () => {
        setLast({ commands: [addCommand(memberId)], memberId })
        addToast({
          variant: 'success',
          title: `Shared with ${memberId} again`,
          description: 'Its status is pending: the project has to accept the image once more.',
        })
      },
      (e: unknown) => {
        addToast({
          variant: 'error',
          title: `Undo failed: ${memberId} is still removed`,
          description: memberActionError(e),
          durationMs: Infinity,
        })
      },
    )
  }

  async function confirmRemove(member: Member) {
    clearErrors()
    try {
      await remove.mutateAsync({ ...ref, memberId: member.member_id })
    } catch (e) {
      void refreshMembers()
      throw e
    }
    setLast({ commands: [removeCommand(member.member_id)], memberId: member.member_id })
    addToast({
      variant: 'success',
      title: `Removed ${member.member_id}`,
      description:
        'The project no longer sees this image. Undo shares it again, but Glance resets it to pending, so the project has to accept it once more.',
      durationMs: UNDO_MS,
      action: {
        label: 'Undo',
        onClick: () => {
          undoRemoval(member.member_id)
        },
      },
    })
  }

  /** Glance has no "ask again": remove the row and add it back, which makes it pending. */
  async function confirmReshare(member: Member) {
    clearErrors()
    const memberId = member.member_id
    try {
      await remove.mutateAsync({ ...ref, memberId })
    } catch (e) {
      // A 404 here may be a row already removed by an earlier attempt: adding it back still helps,
      // and if the image itself is gone the add says so.
      if (toApiError(e).status !== 404) throw e
    }
    try {
      await add.mutateAsync({ ...ref, memberId })
    } catch (e) {
      void refreshMembers()
      throw e
    }
    // Both, as the panel sent them: Glance has no re-share of its own.
    setLast({ commands: [removeCommand(memberId), addCommand(memberId)], memberId })
    addToast({
      variant: 'success',
      title: `Re-shared with ${memberId}`,
      description: 'It is pending again until the project accepts.',
    })
  }

  return {
    removing: asking?.action === 'remove' ? asking.member : null,
    resharing: resharing ? asking.member : null,
    error,
    /** The commands for the last remove, re-share or undo that went through. */
    lastCommands: last.commands,
    /** Why those commands name no project, when its ID is not one. */
    lastCommandsNote: last.commands.length === 0 ? undefined : projectIdNotInCommand(last.memberId),
    ask,
    close,
    confirmRemove,
    confirmReshare,
  }
}
