import { imageDisplayName } from '~/api/images'
import { formatBytes, formatDate } from '~/util/format'
import { paths } from '~/util/paths'
import { columnHelper } from '~/components/data-table'
import { ProjectLabel } from '~/components/project-label'
import { AnswerButtons } from './answer-buttons'
import { ResultCell } from './result-cell'
import { SelectAll, SelectRow } from './select-cells'
import type { RowState } from './use-review-rows'
import { RouterTextLink } from '~/components/router-links'

const col = columnHelper<RowState>()

/** The review table's columns; `region` is shown only when several regions are. */
export const reviewColumns = col.columns([
  col.display({
    id: 'select',
    header: ({ table }) => <SelectAll table={table} />,
    cell: ({ row }) => <SelectRow row={row} />,
    meta: { headerClassName: 'w-0' },
  }),
  col.accessor((s) => s.row.image, {
    id: 'name',
    header: 'Name',
    cell: ({ row }) => {
      const { image, region } = row.original.row
      return (
        <RouterTextLink
          underline="hover"
          className="font-medium break-words"
          to={paths.image(image.id, region)}
        >
          {imageDisplayName(image)}
        </RouterTextLink>
      )
    },
    meta: { cellClassName: 'max-w-xs' },
  }),
  col.accessor((s) => s.row.image.owner, {
    id: 'producer',
    header: 'Producer',
    cell: ({ getValue }) => {
      const owner = getValue()
      return owner ? <ProjectLabel id={owner} /> : '—'
    },
    meta: { cellClassName: 'max-w-xs' },
  }),
  col.accessor((s) => s.row.image.size, {
    id: 'size',
    header: 'Size',
    cell: ({ getValue }) => formatBytes(getValue()),
    meta: {
      headerClassName: 'text-right',
      cellClassName: 'text-right whitespace-nowrap tabular-nums',
    },
  }),
  col.display({
    id: 'formats',
    header: 'Formats',
    cell: ({ row }) => {
      const { image } = row.original.row
      return `${image.disk_format ?? '—'} / ${image.container_format ?? '—'}`
    },
    meta: { cellClassName: 'whitespace-nowrap' },
  }),
  col.accessor((s) => s.row.image.created_at, {
    id: 'created',
    header: 'Created',
    cell: ({ getValue }) => formatDate(getValue()),
    meta: { cellClassName: 'whitespace-nowrap' },
  }),
  col.accessor((s) => s.row.region, { id: 'region', header: 'Region' }),
  col.display({ id: 'answer', header: 'Answer', cell: ({ row }) => <AnswerButtons row={row} /> }),
  col.display({
    id: 'result',
    header: 'Result',
    cell: ({ row }) => <ResultCell state={row.original} />,
    meta: { cellClassName: 'min-w-48' },
  }),
])
