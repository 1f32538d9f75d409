import * as React from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { imageDisplayName } from '~/api/images'
import { keys, membersQuery, type RegionImage } from '~/api/queries'
import { verdictSummary, verdictsFor } from '~/api/project-verdicts'
import type { Member, Project } from '~/api/schemas'
import { useCaller } from '~/session/use-caller'
import { memberColumn, memberColumns } from '~/components/member-columns'
import { MembersError } from '~/components/image-sharing/members-error'
import { MemberTable } from '~/components/image-sharing/member-table'
import { paths } from '~/util/paths'
import { RouterTextLink } from '~/components/router-links'
import { Button } from '~/ui/button'
import { EmptyState } from '~/ui/empty-state'
import { Skeleton } from '~/ui/skeleton'

const noMembers: readonly Member[] = []

/** Every member row with what that project sees, and a way to have it explained. */
export function InspectMembers({
  found: { image, region },
  onExplain,
}: {
  found: RegionImage
  onExplain: (projectId: string) => void
}) {
  const qc = useQueryClient()
  const { session } = useCaller()
  // Glance lists members of shared images only (contract §2); for other images it answers 403.
  const shared = image.visibility === 'shared'
  const members = useQuery({ ...membersQuery(session, region, image.id), enabled: shared })
  const all = members.data ?? noMembers

  const columns = React.useMemo(
    () =>
      memberColumn.columns([
        memberColumns.project,
        memberColumns.status,
        memberColumns.sharedAt,
        memberColumns.lastChanged,
        memberColumn.display({
          id: 'sees',
          header: 'What it sees',
          cell: ({ row }) =>
            verdictSummary(verdictsFor(image, row.original.member_id, row.original.status)),
        }),
        memberColumn.display({
          id: 'explain',
          header: () => <span className="sr-only">Explain</span>,
          cell: ({ row }) => (
            <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
              <Button
                size="sm"
                variant="secondary"
                aria-label={`Explain what project ${row.original.member_id} sees`}
                onClick={() => {
                  onExplain(row.original.member_id)
                }}
              >
                Explain
              </Button>
              <RouterTextLink
                to={paths.projectLens({ project: row.original.member_id })}
                aria-label={`Shared with it: every image shared with project ${row.original.member_id}`}
                className="text-sm whitespace-nowrap"
              >
                Shared with it
              </RouterTextLink>
            </span>
          ),
        }),
      ]),
    [image, onExplain],
  )
  const nameOf = (id: string) => qc.getQueryData<Project | null>(keys.project(session, id))?.name

  return (
    <section aria-labelledby="inspect-members-heading" className="mt-10">
      <h2 id="inspect-members-heading" className="text-lg font-semibold">
        Members
      </h2>
      {!shared ? (
        <p className="mt-2 max-w-3xl text-sm text-gray-700">
          The image is {image.visibility}: Glance lists the members of shared images only. Rows kept
          from when it was shared, if any, stay hidden until it is shared again
          {image.visibility === 'private' ? '.' : '; every project sees it meanwhile.'}
        </p>
      ) : members.isPending ? (
        <div role="status" aria-label="Loading members" className="mt-3 space-y-2">
          <Skeleton className="h-10 w-full" />
          <Skeleton className="h-24 w-full" />
        </div>
      ) : members.isError ? (
        <MembersError imageId={image.id} error={members.error} onRetry={() => members.refetch()} />
      ) : all.length === 0 ? (
        <EmptyState title="No members" titleAs="h3" className="mt-3">
          Glance holds no member rows for this image: no other project has ever had it shared with
          it, or every share was removed.
        </EmptyState>
      ) : (
        <div className="mt-3 space-y-3">
          <MemberTable
            all={all}
            columns={columns}
            fileName={imageDisplayName(image)}
            nameOf={nameOf}
            labelledBy="inspect-members-heading"
            note={`"What it sees" is for a user with the member role in that project; Explain says why.`}
          />
        </div>
      )}
    </section>
  )
}
