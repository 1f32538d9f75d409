import {
  columnVisibilityFeature,
  createColumnHelper,
  FlexRender,
  metaHelper,
  rowSelectionFeature,
  rowSortingFeature,
  tableFeatures,
  type Column,
  type Row,
  type RowData,
  type Table as TableInstance,
} from '@tanstack/react-table'
import type { ComponentProps, ReactNode } from 'react'
import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from '~/ui/table'
import { cn } from '~/ui/cn'

// The panel's tables on TanStack Table: the table instance holds the columns, which are visible,
// which rows are selected and which column the list is sorted by; this file turns it into the
// styled primitives of src/ui/table.tsx, the same way for every table.

/** How a column's cells look, set in its definition (`meta`). */
export type DataColumnMeta = {
  headerClassName?: string
  cellClassName?: string
  /** Hidden below sm (a phone's 360 px): the page says it elsewhere, e.g. under the row's name. */
  wideOnly?: boolean
}

/** A column's header or cell classes, with its wideOnly rule. */
const columnClass = (meta: DataColumnMeta | undefined, own: string | undefined) =>
  cn(own, meta?.wideOnly && 'max-sm:hidden')

/**
 * The features every table uses. Sorting is Glance's (server-side): tables set `manualSorting`
 * and pass the URL's sort as `state.sorting`, only so that headers can say it (aria-sort).
 */
export const dataTableFeatures = tableFeatures({
  columnVisibilityFeature,
  rowSelectionFeature,
  rowSortingFeature,
  columnMeta: metaHelper<DataColumnMeta>(),
})
export type DataTableFeatures = typeof dataTableFeatures
export type DataTableInstance<TData extends RowData> = TableInstance<DataTableFeatures, TData>
export type DataRow<TData extends RowData> = Row<DataTableFeatures, TData>

/** Define columns at module scope with this: `const col = columnHelper<Thing>()`. */
export const columnHelper = <TData extends RowData>() =>
  createColumnHelper<DataTableFeatures, TData>()

const ariaSort = <TData extends RowData>(column: Column<DataTableFeatures, TData>) => {
  const dir = column.getIsSorted()
  return dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : undefined
}

type DataTableProps<TData extends RowData> = Omit<ComponentProps<typeof Table>, 'children'> & {
  table: DataTableInstance<TData>
  caption?: ReactNode
  /** Rows above the data rows, e.g. a notice spanning the table (FullWidthRow). */
  before?: ReactNode
  /** Rows below the data rows, e.g. the empty state (FullWidthRow). */
  after?: ReactNode
  /** Attributes of a data row's <tr> (aria-busy, data-state, a ref…). */
  rowProps?: (row: DataRow<TData>) => ComponentProps<'tr'>
}

/** A table instance rendered with the ui primitives: visible columns, aria-sort, row props. */
export function DataTable<TData extends RowData>({
  table,
  caption,
  before,
  after,
  rowProps,
  ...props
}: DataTableProps<TData>) {
  return (
    <Table {...props}>
      {caption !== undefined && <TableCaption>{caption}</TableCaption>}
      <TableHeader>
        {table.getHeaderGroups().map((group) => (
          <TableRow key={group.id}>
            {group.headers.map((header) => (
              <TableHead
                key={header.id}
                colSpan={header.colSpan > 1 ? header.colSpan : undefined}
                aria-sort={ariaSort(header.column)}
                className={columnClass(
                  header.column.columnDef.meta,
                  header.column.columnDef.meta?.headerClassName,
                )}
              >
                {header.isPlaceholder ? null : <FlexRender header={header} />}
              </TableHead>
            ))}
          </TableRow>
        ))}
      </TableHeader>
      <TableBody>
        {before}
        {table.getRowModel().rows.map((row) => (
          <DataRowView key={row.id} row={row} props={rowProps?.(row)} />
        ))}
        {after}
      </TableBody>
    </Table>
  )
}

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
        <TableCell
          key={cell.id}
          className={columnClass(
            cell.column.columnDef.meta,
            cell.column.columnDef.meta?.cellClassName,
          )}
        >
          <FlexRender cell={cell} />
        </TableCell>
      ))}
    </TableRow>
  )
}

/** A row with one cell across every visible column, counted from the table instance. */
export function FullWidthRow<TData extends RowData>({
  table,
  className,
  cellClassName,
  children,
}: {
  table: DataTableInstance<TData>
  className?: string
  cellClassName?: string
  children: ReactNode
}) {
  return (
    <TableRow className={className}>
      <TableCell colSpan={table.getVisibleLeafColumns().length} className={cellClassName}>
        {children}
      </TableCell>
    </TableRow>
  )
}
