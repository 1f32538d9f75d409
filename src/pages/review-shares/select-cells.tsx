import { imageDisplayName } from '~/api/images'
import type { DataRow, DataTableInstance } from '~/components/data-table'
import { Checkbox } from '~/ui/checkbox'
import { useReviewActions } from './review-actions'
import type { RowState } from './use-review-rows'

/** The rows that a bulk answer would send: selected, and still open to an answer. */
export const chosenRows = (table: DataTableInstance<RowState>) =>
  table.getRowModel().rows.filter((r) => r.original.open && r.getIsSelected())

export function SelectAll({ table }: { table: DataTableInstance<RowState> }) {
  const { locked } = useReviewActions()
  const open = table.getRowModel().rows.filter((r) => r.original.open).length
  const chosen = chosenRows(table).length
  const all = open > 0 && chosen === open
  return (
    <Checkbox
      aria-label="Select all"
      checked={all ? true : chosen > 0 ? 'indeterminate' : false}
      disabled={open === 0 || locked}
      onCheckedChange={() => table.toggleAllRowsSelected(!all, { deselectAll: true })}
    />
  )
}

export function SelectRow({ row }: { row: DataRow<RowState> }) {
  const { locked } = useReviewActions()
  const { open } = row.original
  return (
    <Checkbox
      aria-label={`Select ${imageDisplayName(row.original.row.image)}`}
      checked={row.getIsSelected() && open}
      disabled={!open || locked}
      onCheckedChange={(checked) => row.toggleSelected(checked === true)}
    />
  )
}
