import * as React from 'react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { describeError } from '~/api/describe-error'
import { ApiError, toApiError } from '~/api/http'
import { imageDisplayName } from '~/api/images'
import { addMemberMutation, removeMemberMutation } from '~/api/mutations'
import { keys, myProjectsQuery, sharingMembersQuery } from '~/api/queries'
import { reshareDenialReason, unshareDenialReason } from '~/api/denial-reasons'
import { seesAllMembers, whatCallerMay } from '~/api/glance-policy'
import { sharePlanFor } from '~/api/share-plan'
import {
  memberStatuses,
  type Image,
  type Member,
  type MemberStatus,
  type Project,
} from '~/api/schemas'
import { MemberStatusBadge, memberStatusLabel } from '~/components/member-status-badge'
import { ProjectLabel } from '~/components/project-label'
import { QueryError } from '~/components/query-error'
import { ShareImageDialog, useShareImageDialog } from '~/components/share-image-dialog'
import { useCaller } from '~/session/use-caller'
import { countOf, formatDate } from '~/util/format'
import { Alert } from '~/ui/alert'
import { Button } from '~/ui/button'
import { ConfirmDialog } from '~/ui/confirm-dialog'
import { CopyButton } from '~/ui/copy-button'
import { EmptyState } from '~/ui/empty-state'
import { NativeSelect } from '~/ui/select'
import { Skeleton } from '~/ui/skeleton'
import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from '~/ui/table'
import { addToast } from '~/ui/toast'

/** A share still pending after this long most likely went to a mistyped project ID. */
export const STALE_PENDING_MS = 7 * 24 * 3_600_000
/** How long "Undo" stays offered after a removal. */
export const UNDO_MS = 8_000

/** What a failed remove or re-share means, in words; Glance's own text is always kept. */
const memberActionError = (error: unknown) => describeError(error, { action: 'change-member' })

// ---- CSV ----

/** A spreadsheet runs a cell starting with = + - @ as a formula, and Glance accepts any member ID. */
function csvField(value: string) {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** The rows as CSV (RFC 4180: CRLF, quoted where needed), with project names where known. */
export function membersCsv(
  members: readonly Member[],
  nameOf: (projectId: string) => string | undefined,
): string {
  const header = ['project_id', 'project_name', 'status', 'shared_at', 'last_changed']
  const rows = members.map((m) => [
    m.member_id,
    nameOf(m.member_id) ?? '',
    m.status,
    m.created_at,
    m.updated_at,
  ])
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n'
}

function downloadText(filename: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  document.body.append(a)
  a.click()
  a.remove()
  // The click has started the download; revoking at once can cancel it in some browsers.
  setTimeout(() => {
    URL.revokeObjectURL(url)
  }, 1000)
}

const fileSafe = (name: string) => name.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'image'

// ---- The section ----

type Filter = 'all' | MemberStatus

/**
 * The "Image Sharing" section of Image Detail: who the image is shared with and their answers,
 * for the owner (and admins). Glance lists members only of a shared image, so for any other
 * visibility it is not asked at all and the section says why.
 */
export function ImageSharingTable({ image, region }: { image: Image; region: string }) {
  const { caller } = useCaller()
  const headingId = React.useId()
  const shareButton = React.useRef<HTMLButtonElement>(null)
  const share = useShareImageDialog(shareButton)

  const seesAll = seesAllMembers(image, caller)
  const plan = sharePlanFor(image, caller)
  const shareReason = plan.kind === 'denied' || plan.kind === 'no-members' ? plan.reason : undefined

  return (
    <section aria-labelledby={headingId} className="mt-10 max-w-5xl">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id={headingId} className="text-lg font-semibold">
          Image Sharing
        </h2>
        {seesAll && (
          <Button ref={shareButton} disabledReason={shareReason} onClick={share.openDialog}>
            Share Image
          </Button>
        )}
      </div>
      <div className="mt-3">
        {image.visibility === 'public' || image.visibility === 'community' ? (
          <Alert variant="info">
            This image is {image.visibility}: every project can already use it by its ID, so members
            don’t apply (Glance refuses them). To choose who may use it, its owner would make it
            shared.
          </Alert>
        ) : !seesAll ? (
          <Alert variant="info">
            This image belongs to another project. Only its owner (and cloud administrators) can see
            which projects it is shared with.
          </Alert>
        ) : image.visibility === 'private' ? (
          <Alert variant="info">
            This image is private: make it shared to add members. Projects that were members when it
            was last shared get it back, with the status they had, once it is shared again.
          </Alert>
        ) : (
          <MembersPanel image={image} region={region} headingId={headingId} />
        )}
      </div>
      {share.dialog && <ShareImageDialog image={image} region={region} {...share.dialog} />}
    </section>
  )
}

function MembersPanel({
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
  const remove = useMutation(removeMemberMutation(qc, session))
  const add = useMutation(addMemberMutation(qc, session))
  const [filter, setFilter] = React.useState<Filter>('all')
  const [removing, setRemoving] = React.useState<Member | null>(null)
  const [resharing, setResharing] = React.useState<Member | null>(null)
  const [actionError, setActionError] = React.useState<string | null>(null)
  const filterId = React.useId()

  const abilities = whatCallerMay(image, caller)
  const removeReason = unshareDenialReason(abilities.unshare, image, caller)
  const reshareReason = removeReason ?? reshareDenialReason(abilities.share, image, caller)

  const ref = { region, imageId: image.id }
  const refreshMembers = () =>
    qc.invalidateQueries({ queryKey: keys.members(session, region, image.id) })
  // After a failed action the image itself may have changed (private, deleted). Re-read it only
  // once the dialog closes: re-reading sooner could unmount the dialog and its message.
  const closeDialog = () => {
    setRemoving(null)
    setResharing(null)
    if (actionError !== null) {
      setActionError(null)
      void qc.invalidateQueries({ queryKey: keys.imageDetailOf(session, image.id) })
    }
  }

  const nameOf = (id: string) =>
    projects.data?.find((p) => p.id === id)?.name ??
    qc.getQueryData<Project | null>(keys.project(session, id))?.name

  function undoRemoval(memberId: string) {
    add.mutateAsync({ ...ref, memberId }).then(
      () => {
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
    setActionError(null)
    try {
      await remove.mutateAsync({ ...ref, memberId: member.member_id })
    } catch (e) {
      setActionError(memberActionError(e))
      void refreshMembers()
      throw e
    }
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
    setActionError(null)
    const memberId = member.member_id
    try {
      await remove.mutateAsync({ ...ref, memberId })
    } catch (e) {
      const error = toApiError(e)
      // A 404 here may be a row already removed by an earlier attempt: adding it back still helps,
      // and if the image itself is gone the add says so.
      if (error.status !== 404) {
        setActionError(memberActionError(error))
        throw e
      }
    }
    try {
      await add.mutateAsync({ ...ref, memberId })
    } catch (e) {
      setActionError(
        `${memberId} was removed but could not be added back: ${memberActionError(e)} Try again, or share the image with it again with Share Image.`,
      )
      void refreshMembers()
      throw e
    }
    addToast({
      variant: 'success',
      title: `Re-shared with ${memberId}`,
      description: 'It is pending again until the project accepts.',
    })
  }

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

  const all = members.data ?? []
  const shown = filter === 'all' ? all : all.filter((m) => m.status === filter)
  const count = (s: MemberStatus) => all.filter((m) => m.status === s).length
  // The time of the last answer, so "pending for N days" is as of what is shown.
  const asOf = members.dataUpdatedAt

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
        <>
          <div className="flex flex-wrap items-end gap-3">
            <div className="flex flex-col gap-1.5">
              <label htmlFor={filterId} className="text-sm font-medium text-gray-900">
                Filter by status
              </label>
              <NativeSelect
                id={filterId}
                compact
                className="w-48"
                value={filter}
                onChange={(e) => {
                  setFilter(e.target.value as Filter)
                }}
              >
                <option value="all">All ({all.length})</option>
                {memberStatuses.map((s) => (
                  <option key={s} value={s}>
                    {memberStatusLabel[s]} ({count(s)})
                  </option>
                ))}
              </NativeSelect>
            </div>
            <span className="inline-flex items-center rounded-md border border-gray-300 bg-white pr-3 text-sm">
              <CopyButton value={all.map((m) => m.member_id).join('\n')} label="all member IDs" />
              <span aria-hidden="true">Copy all IDs</span>
            </span>
            <Button
              variant="secondary"
              size="sm"
              onClick={() => {
                downloadText(
                  `${fileSafe(imageDisplayName(image))}-members.csv`,
                  membersCsv(shown, nameOf),
                  'text/csv;charset=utf-8',
                )
              }}
            >
              Export CSV
            </Button>
          </div>
          <Table aria-labelledby={headingId}>
            <TableCaption>
              {shown.length} of {all.length} members shown. The list refreshes every 30 seconds and
              when you come back to this tab; Export CSV saves the rows shown.
            </TableCaption>
            <TableHeader>
              <TableRow>
                <TableHead>Project</TableHead>
                <TableHead>Status</TableHead>
                <TableHead>Shared at</TableHead>
                <TableHead>Last changed</TableHead>
                <TableHead>Actions</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {shown.length === 0 ? (
                <TableRow>
                  <TableCell colSpan={5} className="text-gray-700">
                    No {filter === 'all' ? '' : memberStatusLabel[filter].toLowerCase()} members.
                  </TableCell>
                </TableRow>
              ) : (
                shown.map((m) => (
                  <TableRow key={m.member_id}>
                    <TableCell>
                      <ProjectLabel id={m.member_id} />
                    </TableCell>
                    <TableCell>
                      <MemberStatusBadge status={m.status} />
                      <PendingHint member={m} asOf={asOf} />
                    </TableCell>
                    <TableCell className="whitespace-nowrap">{formatDate(m.created_at)}</TableCell>
                    <TableCell className="whitespace-nowrap">{formatDate(m.updated_at)}</TableCell>
                    <TableCell>
                      <div className="flex flex-wrap gap-2">
                        {m.status === 'rejected' && (
                          <Button
                            size="sm"
                            variant="secondary"
                            disabledReason={reshareReason}
                            onClick={() => {
                              setActionError(null)
                              setResharing(m)
                            }}
                          >
                            Re-share
                          </Button>
                        )}
                        <Button
                          size="sm"
                          variant="secondary"
                          disabledReason={removeReason}
                          onClick={() => {
                            setActionError(null)
                            setRemoving(m)
                          }}
                        >
                          Remove
                        </Button>
                      </div>
                    </TableCell>
                  </TableRow>
                ))
              )}
            </TableBody>
          </Table>
        </>
      )}
      <ConfirmDialog
        open={removing !== null}
        onOpenChange={(open) => {
          if (!open) closeDialog()
        }}
        title="Remove this member?"
        description={
          <>
            Project <code className="break-all">{removing?.member_id}</code> will no longer see{' '}
            {imageDisplayName(image)} or be able to launch it. You can undo this for a few seconds;
            adding it back makes it pending again.
          </>
        }
        confirmLabel="Remove"
        onConfirm={() => (removing ? confirmRemove(removing) : undefined)}
      >
        {actionError && <Alert variant="error">{actionError}</Alert>}
      </ConfirmDialog>
      <ConfirmDialog
        open={resharing !== null}
        onOpenChange={(open) => {
          if (!open) closeDialog()
        }}
        variant="primary"
        title="Re-share with this project?"
        description={
          <>
            Project <code className="break-all">{resharing?.member_id}</code> rejected this image.
            Glance cannot ask a project again, so the panel removes it and adds it back: its status
            becomes pending, and the project can accept the image.
          </>
        }
        confirmLabel="Re-share"
        onConfirm={() => (resharing ? confirmReshare(resharing) : undefined)}
      >
        {actionError && <Alert variant="error">{actionError}</Alert>}
      </ConfirmDialog>
    </div>
  )
}

function PendingHint({ member, asOf }: { member: Member; asOf: number }) {
  if (member.status !== 'pending') return null
  const since = Date.parse(member.created_at)
  if (Number.isNaN(since) || asOf - since <= STALE_PENDING_MS) return null
  const days = Math.floor((asOf - since) / (24 * 3_600_000))
  return (
    <p className="mt-1 max-w-56 text-xs text-amber-900">
      Pending for {countOf(days, 'day')}: check the project ID. A mistyped ID is accepted by Glance
      but reaches no one.
    </p>
  )
}

function MembersError({
  imageId,
  error,
  stale = false,
  onRetry,
}: {
  imageId: string
  error: ApiError
  stale?: boolean
  onRetry: () => unknown
}) {
  const suffix = stale ? ' Showing the list as it was last loaded.' : ''
  if (error.status === 404) {
    return (
      <Alert
        variant="warning"
        title="This image is no longer there"
        action={
          <Button size="sm" variant="secondary" onClick={() => void onRetry()}>
            Try again
          </Button>
        }
      >
        {describeError(error, { action: 'manage-image', imageId })}
        {suffix}
      </Alert>
    )
  }
  return (
    <QueryError
      title={
        stale ? 'The member list could not be refreshed' : 'The member list could not be loaded'
      }
      error={
        new ApiError({
          status: error.status,
          kind: error.kind,
          requestId: error.requestId,
          message: `${error.message}${suffix}`,
        })
      }
      onRetry={onRetry}
    />
  )
}
