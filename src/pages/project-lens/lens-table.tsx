import * as React from 'react'
import { useTable } from '@tanstack/react-table'
import { imageDisplayName } from '~/api/images'
import type { LensRow, LensState } from '~/api/project-lens'
import { verdictSummary, verdictsFor } from '~/api/project-verdicts'
import { columnHelper, DataTable, dataTableFeatures, FullWidthRow } from '~/components/data-table'
import { ImageStatusBadge } from '~/components/image-status-badge'
import { MemberStatusFilter, type MemberFilter } from '~/components/member-status-filter'
import { MemberStatusBadge, memberStatusLabel } from '~/components/member-status-badge'
import { ProjectLabel } from '~/components/project-label'
import { RouterTextLink } from '~/components/router-links'
import { Badge } from '~/ui/badge'
import { Button } from '~/ui/button'
import { downloadText, fileSafe } from '~/util/export-file'
import { formatDate } from '~/util/format'
import { paths } from '~/util/paths'
import { lensCsv, lensJson } from './lens-export'

const col = columnHelper<LensRow>()
const nowrap = { cellClassName: 'whitespace-nowrap' }

function columnsFor(projectId: string) {
  return col.columns([
    col.display({
      id: 'image',
      header: 'Image',
      meta: { cellClassName: 'min-w-56' },
      cell: ({ row: { original } }) => (
        <span className="flex flex-col items-start gap-1">
          <RouterTextLink
            to={paths.inspect({
              image: original.image.id,
              region: original.region,
              check: projectId,
            })}
            className="break-all"
          >
            {imageDisplayName(original.image)}
          </RouterTextLink>
          <code className="text-xs break-all text-gray-700">{original.image.id}</code>
        </span>
      ),
    }),
    col.display({
      id: 'owner',
      header: 'Owner project',
      cell: ({ row }) =>
        row.original.image.owner ? <ProjectLabel id={row.original.image.owner} /> : '—',
    }),
    col.accessor('region', { header: 'Region', meta: nowrap }),
    col.display({
      id: 'image-status',
      header: 'Image status',
      cell: ({ row: { original } }) => (
        <span className="flex flex-wrap gap-1">
          <ImageStatusBadge status={original.image.status} />
          {original.image.os_hidden === true && <Badge tone="neutral">hidden</Badge>}
        </span>
      ),
    }),
    col.display({
      id: 'answer',
      header: 'Its answer',
      cell: ({ row }) => <MemberStatusBadge status={row.original.member.status} />,
    }),
    col.display({
      id: 'shared-at',
      header: 'Shared at',
      cell: ({ row }) => formatDate(row.original.member.created_at),
      meta: nowrap,
    }),
    col.display({
      id: 'last-changed',
      header: 'Last changed',
      cell: ({ row }) => formatDate(row.original.member.updated_at),
      meta: nowrap,
    }),
    col.display({
      id: 'sees',
      header: 'What it sees',
      cell: ({ row: { original } }) =>
        verdictSummary(verdictsFor(original.image, projectId, original.member.status)),
    }),
  ])
}

/** Regions in the order scanned, then Glance's order within each (newest first). */
const byListing = (regions: readonly string[]) => (a: LensRow, b: LensRow) =>
  regions.indexOf(a.region) - regions.indexOf(b.region) || a.order - b.order

/** The images found so far, filterable by the project's answer, exportable as CSV and JSON. */
export function LensTable({
  state,
  projectId,
  projectName,
  regions,
  manyRegions,
  nameOf,
}: {
  state: LensState
  projectId: string
  projectName: string | undefined
  regions: readonly string[]
  manyRegions: boolean
  nameOf: (projectId: string) => string | undefined
}) {
  const [filter, setFilter] = React.useState<MemberFilter>('all')
  // The table may lag the progress bar while thousands of rows come in; the bar stays live.
  const found = React.useDeferredValue(state.rows)
  const all = React.useMemo(() => [...found].sort(byListing(regions)), [found, regions])
  const shown = React.useMemo(
    () => (filter === 'all' ? all : all.filter((r) => r.member.status === filter)),
    [all, filter],
  )
  const columns = React.useMemo(() => columnsFor(projectId), [projectId])
  const table = useTable({
    features: dataTableFeatures,
    columns,
    data: shown,
    getRowId: (r) => `${r.region}/${r.image.id}`,
    state: { columnVisibility: { region: manyRegions } },
  })
  const file = fileSafe(`shared-with-${projectName ?? projectId}`, 'shared-with-project')
  const subject = { projectId, projectName, regions }

  return (
    <div className="mt-4 space-y-3">
      <div className="flex flex-wrap items-end gap-3">
        <MemberStatusFilter
          label="Filter by its answer"
          value={filter}
          statuses={all.map((r) => r.member.status)}
          onChange={setFilter}
        />
        <Button
          variant="secondary"
          size="sm"
          onClick={() => {
            downloadText(`${file}.csv`, lensCsv(shown, nameOf), 'text/csv;charset=utf-8')
          }}
        >
          Export CSV
        </Button>
        <Button
          variant="secondary"
          size="sm"
          onClick={() => {
            downloadText(
              `${file}.json`,
              lensJson(subject, state, shown, nameOf),
              'application/json;charset=utf-8',
            )
          }}
        >
          Export JSON
        </Button>
      </div>
      <DataTable
        table={table}
        aria-labelledby="lens-results-heading"
        caption={`${String(shown.length)} of ${String(all.length)} images shown. "What it sees" is for a user with the member role in the project.`}
        after={
          shown.length === 0 && (
            <FullWidthRow table={table} cellClassName="text-gray-700">
              {all.length === 0
                ? state.done
                  ? 'No image is shared with this project.'
                  : 'None found yet.'
                : `None ${filter === 'all' ? '' : memberStatusLabel[filter].toLowerCase()}.`}
            </FullWidthRow>
          )
        }
      />
    </div>
  )
}
