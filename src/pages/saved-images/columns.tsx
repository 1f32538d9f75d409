import { lazy } from 'react'
import { imageDisplayName, imageSource, sourceLabel, type ImageSort } from '~/api/images'
import type { Image } from '~/api/schemas'
import { useCaller } from '~/session/use-caller'
import { formatBytes, formatDate } from '~/util/format'
import { paths } from '~/util/paths'
import { columnHelper } from '~/components/data-table'
import { RowActionsButton } from '~/components/row-actions-button'
import { ImageStatusBadge } from '~/components/image-status-badge'
import { MemberStatusBadge } from '~/components/member-status-badge'
import { Deferred } from '~/ui/deferred'
import type { ListedRow } from './rows-in-flight'
import { RouterTextLink } from '~/components/router-links'

const col = columnHelper<ListedRow>()

// A row's menu, with the answers and the share dialog behind it, loads after the first rows.
const ImageRowMenu = lazy(() => import('~/components/image-row-menu'))

/** Where the image comes from, as seen from the current project. */
function SourceText({ image }: { image: Image }) {
  const { session } = useCaller()
  return sourceLabel[imageSource(image, session.project?.id ?? '')]
}

/**
 * The list's columns. Those Glance can sort by are named by their sort key, so the table marks
 * the one the list is sorted by (aria-sort). `answer` and `region` are shown or hidden by view.
 */
export const imageColumns = col.columns([
  col.accessor((r) => r.image, {
    id: 'name' satisfies ImageSort['key'],
    header: 'Name',
    meta: { cellClassName: 'max-w-md' },
    cell: ({ row }) => (
      <>
        <RouterTextLink
          underline="hover"
          className="font-medium break-words"
          to={paths.image(row.original.image.id, row.original.region)}
        >
          {imageDisplayName(row.original.image)}
        </RouterTextLink>
        {/* The columns a phone hides, in one line under the name. */}
        <span className="mt-0.5 block text-xs text-gray-700 sm:hidden">
          {row.original.image.visibility} · {formatBytes(row.original.image.size)} ·{' '}
          <SourceText image={row.original.image} />
        </span>
      </>
    ),
  }),
  col.accessor((r) => r.image.status, {
    id: 'status' satisfies ImageSort['key'],
    header: 'Status',
    cell: (c) => <ImageStatusBadge status={c.getValue()} />,
  }),
  col.accessor((r) => r.image.visibility, {
    id: 'visibility',
    header: 'Visibility',
    meta: { wideOnly: true },
  }),
  col.accessor((r) => r.image.size, {
    id: 'size' satisfies ImageSort['key'],
    header: 'Size',
    meta: {
      headerClassName: 'text-right',
      cellClassName: 'text-right tabular-nums',
      wideOnly: true,
    },
    cell: (c) => formatBytes(c.getValue()),
  }),
  col.accessor((r) => r.image.created_at, {
    id: 'created_at' satisfies ImageSort['key'],
    header: 'Created',
    meta: { cellClassName: 'whitespace-nowrap', wideOnly: true },
    cell: (c) => formatDate(c.getValue()),
  }),
  col.display({
    id: 'source',
    header: 'Source',
    meta: { wideOnly: true },
    cell: ({ row }) => <SourceText image={row.original.image} />,
  }),
  col.display({
    id: 'answer',
    header: 'Your answer',
    meta: { cellClassName: 'whitespace-nowrap' },
    cell: ({ row }) => {
      const { membership, answering } = row.original
      return (
        <>
          {membership ? <MemberStatusBadge status={membership} /> : '—'}
          {answering && <span className="ml-2 text-xs text-gray-700">Saving…</span>}
        </>
      )
    },
  }),
  col.accessor((r) => r.region, { id: 'region', header: 'Region' }),
  col.display({
    id: 'actions',
    header: () => <span className="sr-only">Actions</span>,
    meta: { cellClassName: 'w-0 text-right' },
    cell: ({ row }) => {
      const { image, region, membership } = row.original
      return (
        <Deferred
          component={ImageRowMenu}
          props={{ image, region, membership }}
          trigger={<RowActionsButton name={imageDisplayName(image)} />}
        />
      )
    },
  }),
])
