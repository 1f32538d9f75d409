import { useInfiniteQuery } from '@tanstack/react-query'
import { Link } from 'react-router'
import { imageDisplayName, imageSource, sourceLabel } from '~/api/images'
import { imageListQuery, type RegionImage } from '~/api/queries'
import { useSession, viewRegions } from '~/session/session'
import { formatBytes, formatDate } from '~/util/format'
import { QueryError } from '~/components/query-error'
import { Alert } from '~/ui/alert'
import { Badge } from '~/ui/badge'
import { Button } from '~/ui/button'
import { EmptyState } from '~/ui/empty-state'
import { Skeleton } from '~/ui/skeleton'
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '~/ui/table'

const PAGE_SIZE = 25

const statusTone = (status: string) =>
  status === 'active'
    ? 'success'
    : status === 'killed' || status === 'deactivated'
      ? 'danger'
      : 'neutral'

export default function SavedImagesPage() {
  const session = useSession()
  const regions = viewRegions(session)
  const list = useInfiniteQuery(imageListQuery(session, regions, { limit: PAGE_SIZE }))
  const rows = list.data?.pages.flatMap((p) => p.items) ?? []
  const failures = list.data?.pages.flatMap((p) => p.failures) ?? []
  const showRegion = regions.length > 1
  const projectId = session.project?.id ?? ''

  return (
    <>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold">Saved Images</h1>
        <p className="text-sm text-gray-700">
          Images project {session.project?.name} can use
          {showRegion ? ` in ${regions.join(' and ')}` : ` in ${regions[0] ?? 'no region'}`}.
        </p>
      </div>

      {failures.map((f) => (
        <Alert
          key={f.region}
          variant="error"
          title={`Images in ${f.region} could not be listed`}
          className="mt-4"
        >
          {f.error.message}
        </Alert>
      ))}

      {list.isError ? (
        <QueryError
          title="Images could not be listed"
          className="mt-6"
          error={list.error}
          onRetry={() => list.refetch()}
        />
      ) : list.isPending ? (
        <div className="mt-6 space-y-2" role="status" aria-label="Loading images">
          {Array.from({ length: 6 }, (_, i) => (
            <Skeleton key={i} className="h-9 w-full" />
          ))}
        </div>
      ) : rows.length === 0 ? (
        <EmptyState title="No images yet" className="mt-6">
          This project has no images of its own, no accepted shares and no public images in this
          region.
        </EmptyState>
      ) : (
        <>
          <Table className="mt-6" aria-label="Saved Images">
            <TableHeader>
              <TableRow>
                <TableHead>Name</TableHead>
                <TableHead>Status</TableHead>
                <TableHead>Visibility</TableHead>
                <TableHead className="text-right">Size</TableHead>
                <TableHead>Created</TableHead>
                <TableHead>Source</TableHead>
                {showRegion && <TableHead>Region</TableHead>}
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((row) => (
                <ImageRow
                  key={`${row.region}/${row.image.id}`}
                  row={row}
                  projectId={projectId}
                  showRegion={showRegion}
                />
              ))}
            </TableBody>
          </Table>
          <div className="mt-4 flex items-center gap-4">
            {list.hasNextPage && (
              <Button
                variant="secondary"
                loading={list.isFetchingNextPage}
                onClick={() => void list.fetchNextPage()}
              >
                Load more images
              </Button>
            )}
            <p className="text-sm text-gray-700" aria-live="polite">
              Showing {rows.length} image{rows.length === 1 ? '' : 's'}
              {list.hasNextPage ? '; more are available' : ''}.
            </p>
          </div>
        </>
      )}
    </>
  )
}

function ImageRow({
  row,
  projectId,
  showRegion,
}: {
  row: RegionImage
  projectId: string
  showRegion: boolean
}) {
  const { image, region } = row
  const source = imageSource(image, projectId)
  return (
    <TableRow>
      <TableCell className="max-w-md">
        <Link
          to={`/images/${image.id}?region=${encodeURIComponent(region)}`}
          className="font-medium break-words text-blue-700 underline-offset-2 hover:underline"
        >
          {imageDisplayName(image)}
        </Link>
      </TableCell>
      <TableCell>
        <Badge tone={statusTone(image.status)}>{image.status}</Badge>
      </TableCell>
      <TableCell>{image.visibility}</TableCell>
      <TableCell className="text-right tabular-nums">{formatBytes(image.size)}</TableCell>
      <TableCell className="whitespace-nowrap">{formatDate(image.created_at)}</TableCell>
      <TableCell>{sourceLabel[source]}</TableCell>
      {showRegion && <TableCell>{region}</TableCell>}
    </TableRow>
  )
}
