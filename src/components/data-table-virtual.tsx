import type { RowData } from '@tanstack/react-table'
import { useWindowVirtualizer } from '@tanstack/react-virtual'
import { useLayoutEffect, useRef, useState } from 'react'
import type { DataRow, DataTableInstance, DataTableProps } from '~/components/data-table'
import { DataRowView } from '~/components/data-table-row'

/** A row's height before it is measured: one line of text with its padding. */
const ESTIMATED_ROW_HEIGHT = 49

/**
 * The rows near the viewport, between two spacer rows that keep the table its full height, so
 * the page scrolls as it would with every row. Rows are measured once rendered.
 */
export default function VirtualRows<TData extends RowData>({
  table,
  rows,
  rowProps,
  firstIndex,
}: {
  table: DataTableInstance<TData>
  rows: DataRow<TData>[]
  rowProps: DataTableProps<TData>['rowProps']
  /** aria-rowindex of the first data row (1 is the header). */
  firstIndex: number
}) {
  const topRef = useRef<HTMLTableRowElement>(null)
  // Where the rows start on the page; what is above them (alerts, notices) may change its height.
  const [scrollMargin, setScrollMargin] = useState(0)
  useLayoutEffect(() => {
    const measure = () => {
      const top = topRef.current
      if (top) setScrollMargin(Math.round(top.getBoundingClientRect().top + window.scrollY))
    }
    measure()
    // Content above the table that grows or shrinks resizes the page.
    const observer = new ResizeObserver(measure)
    observer.observe(document.body)
    return () => observer.disconnect()
  }, [])
  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize: () => ESTIMATED_ROW_HEIGHT,
    // Enough rows past the edges that Tab reaches the next row's links before it scrolls in.
    overscan: 10,
    scrollMargin,
    getItemKey: (index) => rows[index]?.id ?? index,
  })
  const items = virtualizer.getVirtualItems()
  const first = items[0]
  const last = items.at(-1)
  const padTop = first ? first.start - scrollMargin : 0
  const padBottom = last ? virtualizer.getTotalSize() - (last.end - scrollMargin) : 0
  const columns = table.getVisibleLeafColumns().length
  return (
    <>
      <Spacer ref={topRef} height={padTop} columns={columns} />
      {items.map((item) => {
        const row = rows[item.index]
        if (!row) return null
        const props = rowProps?.(row)
        const own = props?.ref
        return (
          <DataRowView
            key={row.id}
            row={row}
            props={{
              ...props,
              'aria-rowindex': firstIndex + item.index,
              ...{ 'data-index': item.index },
              ref: (el: HTMLTableRowElement | null) => {
                virtualizer.measureElement(el)
                if (typeof own === 'function') own(el)
                else if (own) own.current = el
              },
            }}
          />
        )
      })}
      <Spacer height={padBottom} columns={columns} />
    </>
  )
}

function Spacer({
  height,
  columns,
  ref,
}: {
  height: number
  columns: number
  ref?: React.Ref<HTMLTableRowElement>
}) {
  return (
    <tr ref={ref} aria-hidden="true">
      <td colSpan={columns} style={{ height, padding: 0, border: 0 }} />
    </tr>
  )
}
