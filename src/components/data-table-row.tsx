import { FlexRender, type RowData } from '@tanstack/react-table'
import type { ComponentProps } from 'react'
import type { DataRow } from '~/components/data-table'
import { TableCell, TableRow } from '~/ui/table'

/** One data row of a DataTable: its visible cells, with the column's cell class. */
export function DataRowView<TData extends RowData>({
  row,
  props,
}: {
  row: DataRow<TData>
  props?: ComponentProps<'tr'> | undefined
}) {
  return (
    <TableRow {...props}>
      {row.getVisibleCells().map((cell) => (
        <TableCell key={cell.id} className={cell.column.columnDef.meta?.cellClassName}>
          <FlexRender cell={cell} />
        </TableCell>
      ))}
    </TableRow>
  )
}
