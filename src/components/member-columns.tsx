import type { Member } from '~/api/schemas'
import { columnHelper } from '~/components/data-table'
import { MemberStatusBadge } from '~/components/member-status-badge'
import { ProjectLabel } from '~/components/project-label'
import { formatDate } from '~/util/format'

// A member row's columns, the same for the owner's Image Sharing table and a member's own row on
// Image Detail, so both say a membership alike.

export const memberColumn = columnHelper<Member>()
const col = memberColumn
const nowrap = { cellClassName: 'whitespace-nowrap' }

/** Module-scope definitions, so a re-render does not rebuild the table's columns. */
export const memberColumns = {
  project: col.accessor('member_id', {
    id: 'project',
    header: 'Project',
    cell: ({ getValue }) => <ProjectLabel id={getValue()} />,
  }),
  status: col.accessor('status', {
    header: 'Status',
    cell: ({ getValue }) => <MemberStatusBadge status={getValue()} />,
  }),
  sharedAt: col.accessor('created_at', {
    id: 'shared-at',
    header: 'Shared at',
    cell: ({ getValue }) => formatDate(getValue()),
    meta: nowrap,
  }),
  lastChanged: col.accessor('updated_at', {
    id: 'last-changed',
    header: 'Last changed',
    cell: ({ getValue }) => formatDate(getValue()),
    meta: nowrap,
  }),
}

/** The member's own row: who, its answer, since when. */
export const ownMemberColumns = col.columns([
  memberColumns.project,
  memberColumns.status,
  memberColumns.sharedAt,
  memberColumns.lastChanged,
])

/** Rows are members, one per project: the project is the row's ID. */
export const memberRowId = (m: Member) => m.member_id
