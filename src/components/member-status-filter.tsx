import * as React from 'react'
import { memberStatuses, type MemberStatus } from '~/api/schemas'
import { memberStatusLabel } from '~/components/member-status-badge'
import { NativeSelect } from '~/ui/select'

export type MemberFilter = 'all' | MemberStatus

/** A select of member statuses, each with how many of `statuses` have it, and All. */
export function MemberStatusFilter({
  label,
  value,
  statuses,
  onChange,
}: {
  label: string
  value: MemberFilter
  /** The status of every row, filtered or not: what the counts count. */
  statuses: readonly MemberStatus[]
  onChange: (filter: MemberFilter) => void
}) {
  const id = React.useId()
  const count = (s: MemberStatus) => statuses.filter((x) => x === s).length
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="text-sm font-medium text-gray-900">
        {label}
      </label>
      <NativeSelect
        id={id}
        compact
        className="w-48"
        value={value}
        onChange={(e) => {
          onChange(e.target.value as MemberFilter)
        }}
      >
        <option value="all">All ({statuses.length})</option>
        {memberStatuses.map((s) => (
          <option key={s} value={s}>
            {memberStatusLabel[s]} ({count(s)})
          </option>
        ))}
      </NativeSelect>
    </div>
  )
}
