import * as React from 'react'
import { ALL_REGIONS } from '~/api/scope'
import { NativeSelect } from '~/ui/select'

/** "Region": one of the cloud's regions, or All regions (ALL_REGIONS), for a search form. */
export function RegionChoice({
  value,
  regions,
  onChange,
}: {
  value: string
  regions: readonly string[]
  onChange: (region: string) => void
}) {
  const id = React.useId()
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="text-sm font-medium text-gray-900">
        Region
      </label>
      <NativeSelect
        id={id}
        className="w-48"
        value={value}
        onChange={(e) => {
          onChange(e.target.value)
        }}
      >
        <option value={ALL_REGIONS}>All regions</option>
        {regions.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </NativeSelect>
    </div>
  )
}
