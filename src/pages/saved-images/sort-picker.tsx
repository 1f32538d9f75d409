import { useId } from 'react'
import { formatImageSort, parseImageSort, type ImageSort } from '~/api/images'
import { Label } from '~/ui/field'
import { NativeSelect } from '~/ui/select'

const sortOptions: { value: string; label: string }[] = [
  { value: 'created_at:desc', label: 'Newest first' },
  { value: 'created_at:asc', label: 'Oldest first' },
  { value: 'name:asc', label: 'Name, A to Z' },
  { value: 'name:desc', label: 'Name, Z to A' },
  { value: 'size:desc', label: 'Largest first' },
  { value: 'size:asc', label: 'Smallest first' },
  { value: 'status:asc', label: 'Status, A to Z' },
  { value: 'status:desc', label: 'Status, Z to A' },
]

/** The order Glance lists images in (its sort_key and sort_dir). */
export function SortPicker({ sort, onSort }: { sort: ImageSort; onSort: (s: ImageSort) => void }) {
  const id = useId()
  return (
    <div className="flex flex-col gap-1.5">
      <Label htmlFor={id}>Sort by</Label>
      <NativeSelect
        id={id}
        value={formatImageSort(sort)}
        onChange={(e) => onSort(parseImageSort(e.target.value))}
        className="w-48"
      >
        {sortOptions.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </NativeSelect>
    </div>
  )
}
