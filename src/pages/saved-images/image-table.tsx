import { useTable } from '@tanstack/react-table'
import type { ImageSort } from '~/api/images'
import type { RegionImage } from '~/api/queries'
import { DataTable, dataTableFeatures } from '~/components/data-table'
import { imageColumns } from './columns'
import { GoneRow } from './gone-row'
import type { ListedRow } from './rows-in-flight'

const rowId = (r: RegionImage) => `${r.region}/${r.image.id}`

/** The images, sorted by Glance (the URL's sort), with the shares taken away on top. */
export function ImageTable({
  rows,
  gone,
  onDismiss,
  sort,
  showAnswer,
  showRegion,
}: {
  rows: ListedRow[]
  gone: readonly RegionImage[]
  onDismiss: (row: RegionImage) => void
  sort: ImageSort
  showAnswer: boolean
  showRegion: boolean
}) {
  const table = useTable({
    features: dataTableFeatures,
    columns: imageColumns,
    data: rows,
    getRowId: rowId,
    // Glance sorts; the table only says by what.
    manualSorting: true,
    state: {
      sorting: [{ id: sort.key, desc: sort.dir === 'desc' }],
      columnVisibility: { answer: showAnswer, region: showRegion },
    },
  })
  return (
    <DataTable
      table={table}
      className="mt-6"
      aria-label="Saved Images"
      rowProps={(row) => ({ 'aria-busy': row.original.answering ? true : undefined })}
      before={gone.map((row) => (
        <GoneRow
          key={`gone/${rowId(row)}`}
          table={table}
          row={row}
          onDismiss={() => onDismiss(row)}
        />
      ))}
    />
  )
}
