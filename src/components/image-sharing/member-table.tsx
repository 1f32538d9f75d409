import * as React from 'react'
import { useTable, type ColumnDef } from '@tanstack/react-table'
import type { Member } from '~/api/schemas'
import {
  DataTable,
  dataTableFeatures,
  FullWidthRow,
  type DataTableFeatures,
} from '~/components/data-table'
import { memberRowId } from '~/components/member-columns'
import { memberStatusLabel } from '~/components/member-status-badge'
import type { MemberFilter } from '~/components/member-status-filter'
import { filterMembers, MembersToolbar } from './members-toolbar'

/**
 * A member list as a table under its toolbar (filter by status, copy IDs, export CSV): the owner's
 * Image Sharing table and support's Inspect each give it their own columns.
 */
export function MemberTable({
  all,
  columns,
  fileName,
  nameOf,
  labelledBy,
  note,
}: {
  all: readonly Member[]
  columns: ColumnDef<DataTableFeatures, Member>[]
  fileName: string
  nameOf: (projectId: string) => string | undefined
  labelledBy: string
  /** Said after "N of M members shown." in the caption. */
  note: string
}) {
  const [filter, setFilter] = React.useState<MemberFilter>('all')
  const shown = React.useMemo(() => filterMembers(all, filter), [all, filter])
  const table = useTable({
    features: dataTableFeatures,
    columns,
    data: shown,
    getRowId: memberRowId,
  })
  return (
    <>
      <MembersToolbar
        all={all}
        shown={shown}
        filter={filter}
        onFilter={setFilter}
        fileName={fileName}
        nameOf={nameOf}
      />
      <DataTable
        table={table}
        aria-labelledby={labelledBy}
        caption={`${String(shown.length)} of ${String(all.length)} members shown. ${note}`}
        after={
          shown.length === 0 && (
            <FullWidthRow table={table} cellClassName="text-gray-700">
              No {filter === 'all' ? '' : memberStatusLabel[filter].toLowerCase()} members.
            </FullWidthRow>
          )
        }
      />
    </>
  )
}
