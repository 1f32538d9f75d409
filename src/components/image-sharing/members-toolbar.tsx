import type { Member } from '~/api/schemas'
import { MemberStatusFilter, type MemberFilter } from '~/components/member-status-filter'
import { Button } from '~/ui/button'
import { CopyButton } from '~/ui/copy-button'
import { downloadText, fileSafe } from '~/util/export-file'
import { membersCsv } from './members-csv'

/** The rows a filter keeps, in their order. */
export const filterMembers = (all: readonly Member[], filter: MemberFilter) =>
  filter === 'all' ? all : all.filter((m) => m.status === filter)

/**
 * Above a member table: filter by status (with each status's count), copy every member ID, and
 * export the rows shown as CSV. The owner's Image Sharing table and support's Inspect share it.
 */
export function MembersToolbar({
  all,
  shown,
  filter,
  onFilter,
  fileName,
  nameOf,
}: {
  all: readonly Member[]
  shown: readonly Member[]
  filter: MemberFilter
  onFilter: (filter: MemberFilter) => void
  /** The CSV's name before `-members.csv`, e.g. the image's name. */
  fileName: string
  nameOf: (projectId: string) => string | undefined
}) {
  return (
    <div className="flex flex-wrap items-end gap-3">
      <MemberStatusFilter
        label="Filter by status"
        value={filter}
        statuses={all.map((m) => m.status)}
        onChange={onFilter}
      />
      <span className="inline-flex items-center rounded-md border border-gray-300 bg-white pr-3 text-sm">
        <CopyButton value={all.map((m) => m.member_id).join('\n')} label="all member IDs" />
        <span aria-hidden="true">Copy all IDs</span>
      </span>
      <Button
        variant="secondary"
        size="sm"
        onClick={() => {
          downloadText(
            `${fileSafe(fileName)}-members.csv`,
            membersCsv(shown, nameOf),
            'text/csv;charset=utf-8',
          )
        }}
      >
        Export CSV
      </Button>
    </div>
  )
}
