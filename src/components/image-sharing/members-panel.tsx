import * as React from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { imageDisplayName } from '~/api/images'
import { myProjectsQuery, keys, sharingMembersQuery } from '~/api/queries'
import { reshareDenialReason, unshareDenialReason } from '~/api/denial-reasons'
import { whatCallerMay } from '~/api/glance-policy'
import type { Image, Member, Project } from '~/api/schemas'
import { memberColumn, memberColumns } from '~/components/member-columns'
import { MemberStatusBadge } from '~/components/member-status-badge'
import { useCaller } from '~/session/use-caller'
import { Alert } from '~/ui/alert'
import { ConfirmDialog } from '~/ui/confirm-dialog'
import { EmptyState } from '~/ui/empty-state'
import { Skeleton } from '~/ui/skeleton'
import { CliAfterAction } from '~/components/cli-after-action'
import { MemberActions } from './member-actions'
import { MembersError } from './members-error'
import { MemberTable } from './member-table'
import { ChangeMark } from './change-mark'
import { PendingHint } from './pending-hint'
import { useMemberChanges } from './use-member-changes'
import { useMemberActions } from './use-member-actions'

/** One empty list, so the rows stay the same while there is no answer yet. */
const noMembers: readonly Member[] = []

/** The owner's list of members of a shared image: filter, copy, export, remove and re-share. */
export function MembersPanel({
  image,
  region,
  headingId,
}: {
  image: Image
  region: string
  headingId: string
}) {
  const qc = useQueryClient()
  const { session, caller } = useCaller()
  const members = useQuery(sharingMembersQuery(session, region, image.id))
  const projects = useQuery(myProjectsQuery(session))
  const actions = useMemberActions(image, region)

  const abilities = whatCallerMay(image, caller)
  const removeReason = unshareDenialReason(abilities.unshare, image, caller)
  const reshareReason = removeReason ?? reshareDenialReason(abilities.share, image, caller)

  const changes = useMemberChanges(session.user.id, region, image.id, members.data)
  const all = members.data ?? noMembers
  // The time of the last answer, so "pending for N days" is as of what is shown.
  const asOf = members.dataUpdatedAt
  const { ask } = actions
  const columns = React.useMemo(
    () =>
      memberColumn.columns([
        memberColumns.project,
        memberColumn.display({
          id: 'status',
          header: 'Status',
          cell: ({ row }) => (
            <>
              <MemberStatusBadge status={row.original.status} />
              <PendingHint member={row.original} asOf={asOf} />
              <ChangeMark
                change={changes.get(row.original.member_id)}
                status={row.original.status}
              />
            </>
          ),
        }),
        memberColumns.sharedAt,
        memberColumns.lastChanged,
        memberColumn.display({
          id: 'actions',
          header: 'Actions',
          cell: ({ row }) => (
            <MemberActions
              member={row.original}
              removeReason={removeReason}
              reshareReason={reshareReason}
              onAsk={ask}
            />
          ),
        }),
      ]),
    [asOf, removeReason, reshareReason, ask, changes],
  )

  const nameOf = (id: string) =>
    projects.data?.find((p) => p.id === id)?.name ??
    qc.getQueryData<Project | null>(keys.project(session, id))?.name

  if (members.isPending) {
    return (
      <div role="status" aria-label="Loading members" className="space-y-2">
        <Skeleton className="h-10 w-full" />
        <Skeleton className="h-24 w-full" />
      </div>
    )
  }

  if (members.isError && members.data === undefined) {
    return (
      <MembersError imageId={image.id} error={members.error} onRetry={() => members.refetch()} />
    )
  }

  const closeOnDismiss = (open: boolean) => {
    if (!open) actions.close()
  }

  return (
    <div className="space-y-3">
      {members.isError && (
        <MembersError
          imageId={image.id}
          error={members.error}
          stale
          onRetry={() => members.refetch()}
        />
      )}
      {all.length === 0 ? (
        <EmptyState title="Not shared with any project yet" titleAs="h3">
          Sharing lets the projects you choose use this image without copying it: add their project
          IDs with Share Image. Each project sees it as pending until it accepts, and you can remove
          it at any time.
        </EmptyState>
      ) : (
        <MemberTable
          all={all}
          columns={columns}
          fileName={imageDisplayName(image)}
          nameOf={nameOf}
          labelledBy={headingId}
          note="The list refreshes every 30 seconds and when you come back to this tab; Export CSV saves the rows shown."
        />
      )}
      <CliAfterAction commands={actions.lastCommands} note={actions.lastCommandsNote} />
      <ConfirmDialog
        open={actions.removing !== null}
        onOpenChange={closeOnDismiss}
        title="Remove this member?"
        description={
          <>
            Project <code className="break-all">{actions.removing?.member_id}</code> will no longer
            see {imageDisplayName(image)} or be able to launch it. You can undo this for a few
            seconds; adding it back makes it pending again.
          </>
        }
        confirmLabel="Remove"
        onConfirm={() => (actions.removing ? actions.confirmRemove(actions.removing) : undefined)}
      >
        {actions.error && <Alert variant="error">{actions.error}</Alert>}
      </ConfirmDialog>
      <ConfirmDialog
        open={actions.resharing !== null}
        onOpenChange={closeOnDismiss}
        variant="primary"
        title="Re-share with this project?"
        description={
          <>
            Project <code className="break-all">{actions.resharing?.member_id}</code> rejected this
            image. Glance cannot ask a project again, so the panel removes it and adds it back: its
            status becomes pending, and the project can accept the image.
          </>
        }
        confirmLabel="Re-share"
        onConfirm={() =>
          actions.resharing ? actions.confirmReshare(actions.resharing) : undefined
        }
      >
        {actions.error && <Alert variant="error">{actions.error}</Alert>}
      </ConfirmDialog>
    </div>
  )
}
