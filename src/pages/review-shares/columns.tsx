import { imageDisplayName } from '~/api/images'
import { formatBytes, formatDate } from '~/util/format'
import { paths } from '~/util/paths'
import { columnHelper } from '~/components/data-table'
import { ProjectLabel } from '~/components/project-label'
import { AnswerButtons } from './answer-buttons'
import { ResultCell } from './result-cell'
import { ProducerWords } from '~/components/producer-words'
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
        <>
          <RouterTextLink
            underline="hover"
            className="font-medium break-words"
            to={paths.image(image.id, region)}
          >
            {imageDisplayName(image)}
          </RouterTextLink>
          <ProducerWords image={image} className="mt-0.5" />
          {/* The columns a phone hides, under the name. */}
          <span className="mt-0.5 block text-xs break-all text-gray-700 sm:hidden">
            {formatBytes(image.size)} · from {image.owner ? <ProjectLabel id={image.owner} /> : '—'}
          </span>
        </>
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
    meta: { cellClassName: 'max-w-xs', wideOnly: true },
  }),
  col.accessor((s) => s.row.image.size, {
    id: 'size',
    header: 'Size',
    cell: ({ getValue }) => formatBytes(getValue()),
    meta: {
      headerClassName: 'text-right',
      cellClassName: 'text-right whitespace-nowrap tabular-nums',
      wideOnly: true,
    },
  }),
  col.display({
    id: 'formats',
    header: 'Formats',
    cell: ({ row }) => {
      const { image } = row.original.row
      return `${image.disk_format ?? '—'} / ${image.container_format ?? '—'}`
    },
    meta: { cellClassName: 'whitespace-nowrap', wideOnly: true },
  }),
  col.accessor((s) => s.row.image.created_at, {
    id: 'created',
    header: 'Created',
    cell: ({ getValue }) => formatDate(getValue()),
    meta: { cellClassName: 'whitespace-nowrap', wideOnly: true },
  }),
  col.accessor((s) => s.row.region, { id: 'region', header: 'Region' }),
  col.display({
    id: 'answer',
    header: 'Answer',
    cell: ({ row }) => <AnswerButtons row={row} />,
    // On a phone the three answers stack, so the row fits beside the name.
    meta: { cellClassName: 'max-sm:w-28' },
  }),
  col.display({
    id: 'result',
    header: 'Result',
    cell: ({ row }) => <ResultCell state={row.original} />,
    meta: { cellClassName: 'sm:min-w-48' },
  }),
])
