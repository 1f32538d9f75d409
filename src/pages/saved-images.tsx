import { useInfiniteQuery } from '@tanstack/react-query'
import { useEffect, useId, useState, type SyntheticEvent } from 'react'
import { Link, useSearchParams } from 'react-router'
import {
  compareImages,
  defaultImageSort,
  formatImageSort,
  imageDisplayName,
  imageSource,
  imageViewFilters,
  imageViews,
  inImageView,
  isImageView,
  parseImageSort,
  sourceLabel,
  type ImageSort,
  type ImageView,
} from '~/api/images'
import { imageListQuery, type RegionImage } from '~/api/queries'
import { useSession, viewRegions, type Session } from '~/session/session'
import { formatBytes, formatDate } from '~/util/format'
import { ImageRowMenu } from '~/components/image-row-menu'
import { QueryError } from '~/components/query-error'
import { Alert } from '~/ui/alert'
import { Badge } from '~/ui/badge'
import { Button } from '~/ui/button'
import { cn, focusRing } from '~/ui/cn'
import { EmptyState } from '~/ui/empty-state'
import { Input, Label } from '~/ui/field'
import { NativeSelect } from '~/ui/select'
import { Skeleton } from '~/ui/skeleton'
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '~/ui/table'

const PAGE_SIZE = 25

const statusTone = (status: string) =>
  status === 'active'
    ? 'success'
    : status === 'killed' || status === 'deactivated'
      ? 'danger'
      : 'neutral'

const viewLabels: Record<ImageView, string> = {
  all: 'All',
  mine: 'My images',
  shared: 'Shared with me',
  public: 'Public',
  community: 'Community',
}

const sortOptions: { value: string; label: string }[] = [
  { value: 'created_at:desc', label: 'Newest first' },
  { value: 'created_at:asc', label: 'Oldest first' },
  { value: 'name:asc', label: 'Name, A to Z' },
  { value: 'name:desc', label: 'Name, Z to A' },
  { value: 'size:desc', label: 'Largest first' },
  { value: 'size:asc', label: 'Smallest first' },
  { value: 'status:asc', label: 'Status, A to Z' },
  { value: 'status:desc', label: 'Status, Z to A' },
]

/**
 * Glance has no search inside names: its `name` filter matches a whole name exactly. "contains"
 * therefore filters the images loaded so far in the browser; "exact" asks Glance across all images.
 */
type MatchMode = 'contains' | 'exact'

/** Everything the list shows is in the URL, so reload, back/forward and shared links keep it. */
type ListState = {
  view: ImageView
  q: string
  match: MatchMode
  sort: ImageSort
  /** How many pages of PAGE_SIZE (per region) are loaded. */
  pages: number
}

function readState(params: URLSearchParams): ListState {
  const view = params.get('view')
  const pages = Number.parseInt(params.get('pages') ?? '1', 10)
  return {
    view: isImageView(view) ? view : 'all',
    q: params.get('q') ?? '',
    match: params.get('match') === 'exact' ? 'exact' : 'contains',
    sort: parseImageSort(params.get('sort')),
    pages: Number.isFinite(pages) && pages > 1 ? Math.min(pages, 200) : 1,
  }
}

function writeState(s: ListState): URLSearchParams {
  const out = new URLSearchParams()
  if (s.view !== 'all') out.set('view', s.view)
  if (s.q !== '') out.set('q', s.q)
  if (s.q !== '' && s.match === 'exact') out.set('match', 'exact')
  const sort = formatImageSort(s.sort)
  if (sort !== formatImageSort(defaultImageSort)) out.set('sort', sort)
  if (s.pages > 1) out.set('pages', String(s.pages))
  return out
}

const contains = (row: RegionImage, q: string) =>
  (row.image.name ?? '').toLocaleLowerCase().includes(q.toLocaleLowerCase())

export default function SavedImagesPage() {
  const session = useSession()
  const regions = viewRegions(session)
  const projectId = session.project?.id ?? ''
  const [searchParams, setSearchParams] = useSearchParams()
  const state = readState(searchParams)
  const { view, q, match, sort } = state
  const exactName = q !== '' && match === 'exact' ? q : undefined

  const list = useInfiniteQuery(
    imageListQuery(session, regions, {
      limit: PAGE_SIZE,
      ...imageViewFilters(view, projectId),
      name: exactName,
      sort_key: sort.key,
      sort_dir: sort.dir,
    }),
  )
  const pages = list.data?.pages ?? []
  const loadedRows = pages.flatMap((p) => p.items)
  const failures = pages.flatMap((p) => p.failures)
  const showRegion = regions.length > 1
  // Each region's pages come in Glance's order; across regions they are merged in the same order.
  const ordered = showRegion
    ? [...loadedRows].sort((a, b) => compareImages(sort)(a.image, b.image))
    : loadedRows
  const inView = ordered.filter((row) => inImageView(view, row.image, projectId))
  const rows = q !== '' && match === 'contains' ? inView.filter((r) => contains(r, q)) : inView

  const update = (next: Partial<ListState>, replace = false) => {
    // Any change but "load more" starts again from the first page.
    setSearchParams(writeState({ ...state, pages: 1, ...next }), { replace })
  }

  // Reloading a URL with pages=N loads the first N pages again, one after the other (markers).
  const loadedPages = pages.length
  const { hasNextPage, isFetching, isFetchNextPageError, fetchNextPage } = list
  useEffect(() => {
    if (loadedPages > 0 && loadedPages < state.pages && hasNextPage && !isFetching) {
      if (!isFetchNextPageError) void fetchNextPage()
    }
  }, [loadedPages, state.pages, hasNextPage, isFetching, isFetchNextPageError, fetchNextPage])

  const loadMore = () => {
    if (loadedPages >= state.pages) update({ pages: loadedPages + 1 }, true)
    else void fetchNextPage()
  }
  const loadingMore = list.isFetchingNextPage

  return (
    <>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold">Saved Images</h1>
        <p className="text-sm text-gray-700">
          {viewDescription(view, session)}
          {showRegion ? ` in ${regions.join(' and ')}.` : ` in ${regions[0] ?? 'no region'}.`}
        </p>
      </div>

      <nav aria-label="Image views" className="mt-4 border-b border-gray-200">
        <ul className="-mb-px flex flex-wrap gap-1">
          {imageViews.map((v) => {
            const current = v === view
            return (
              <li key={v}>
                <Link
                  to={{ search: writeState({ ...state, view: v, pages: 1 }).toString() }}
                  aria-current={current ? 'page' : undefined}
                  className={cn(
                    'inline-block rounded-t-md border-b-2 px-3 py-2 text-sm font-medium',
                    current
                      ? 'border-brand-700 text-brand-800'
                      : 'border-transparent text-gray-700 hover:border-gray-400 hover:text-gray-900',
                    focusRing,
                  )}
                >
                  {viewLabels[v]}
                </Link>
              </li>
            )
          })}
        </ul>
      </nav>

      <div className="mt-4 flex flex-wrap items-end gap-4">
        <SearchForm
          // A new URL value (back/forward, a link) replaces what the field shows.
          key={`${q}\u0000${match}`}
          q={q}
          match={match}
          onSearch={(text, m) => {
            update({ q: text.trim(), match: m })
          }}
        />
        <SortPicker sort={sort} onSort={(s) => update({ sort: s })} />
      </div>

      {failures.map((f, i) => (
        <Alert
          key={`${f.region}-${String(i)}`}
          variant="error"
          title={`Images in ${f.region} could not be listed`}
          className="mt-4"
        >
          {f.error.message}
        </Alert>
      ))}

      {list.isError && !isFetchNextPageError ? (
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
      ) : (
        <>
          {rows.length === 0 ? (
            <EmptyState title={emptyTitle(view, q)} className="mt-6">
              {emptyText(view, q, match, session, loadedRows.length, hasNextPage)}
            </EmptyState>
          ) : (
            <Table className="mt-6" aria-label="Saved Images">
              <TableHeader>
                <TableRow>
                  <TableHead aria-sort={ariaSort(sort, 'name')}>Name</TableHead>
                  <TableHead aria-sort={ariaSort(sort, 'status')}>Status</TableHead>
                  <TableHead>Visibility</TableHead>
                  <TableHead aria-sort={ariaSort(sort, 'size')} className="text-right">
                    Size
                  </TableHead>
                  <TableHead aria-sort={ariaSort(sort, 'created_at')}>Created</TableHead>
                  <TableHead>Source</TableHead>
                  {showRegion && <TableHead>Region</TableHead>}
                  <TableHead>
                    <span className="sr-only">Actions</span>
                  </TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {rows.map((row) => (
                  <ImageRow
                    key={`${row.region}/${row.image.id}`}
                    row={row}
                    session={session}
                    showRegion={showRegion}
                  />
                ))}
              </TableBody>
            </Table>
          )}
          {isFetchNextPageError && (
            <QueryError
              title="More images could not be loaded"
              className="mt-4"
              error={list.error}
              onRetry={() => fetchNextPage()}
            />
          )}
          <div className="mt-4 flex flex-wrap items-center gap-4">
            {hasNextPage && !isFetchNextPageError && (
              <Button variant="secondary" loading={loadingMore} onClick={loadMore}>
                Load more images
              </Button>
            )}
            <p className="text-sm text-gray-700" aria-live="polite">
              {countText(rows.length, inView.length, q !== '' && match === 'contains')}
              {hasNextPage ? ' More are available.' : ''}
            </p>
          </div>
        </>
      )}
    </>
  )
}

function SearchForm({
  q,
  match,
  onSearch,
}: {
  q: string
  match: MatchMode
  onSearch: (text: string, match: MatchMode) => void
}) {
  const [text, setText] = useState(q)
  const [mode, setMode] = useState<MatchMode>(match)
  const inputId = useId()
  const modeId = useId()
  const hintId = useId()
  const submit = (e: SyntheticEvent) => {
    e.preventDefault()
    onSearch(text, mode)
  }
  return (
    <form
      role="search"
      aria-label="Search images"
      onSubmit={submit}
      className="flex flex-col gap-1.5"
    >
      <div className="flex flex-wrap items-end gap-2">
        <div className="flex flex-col gap-1.5">
          <Label htmlFor={inputId}>Search by name</Label>
          <Input
            id={inputId}
            type="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-describedby={hintId}
            className="w-64"
          />
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor={modeId}>Match</Label>
          <NativeSelect
            id={modeId}
            value={mode}
            onChange={(e) => setMode(e.target.value === 'exact' ? 'exact' : 'contains')}
            className="w-56"
          >
            <option value="contains">Name contains (loaded images)</option>
            <option value="exact">Exact name (all images)</option>
          </NativeSelect>
        </div>
        <Button type="submit" variant="secondary">
          Search
        </Button>
        {q !== '' && (
          <Button
            variant="ghost"
            onClick={() => {
              setText('')
              onSearch('', 'contains')
            }}
          >
            Clear search
          </Button>
        )}
      </div>
      <p id={hintId} className="max-w-2xl text-sm text-gray-600">
        Glance cannot search inside names. “Name contains” filters the images loaded so far (load
        more to search further); “Exact name” asks Glance for images with exactly that whole name,
        across all images.
      </p>
    </form>
  )
}

function SortPicker({ sort, onSort }: { sort: ImageSort; onSort: (s: ImageSort) => void }) {
  const id = useId()
  return (
    <div className="flex flex-col gap-1.5">
      <Label htmlFor={id}>Sort by</Label>
      <NativeSelect
        id={id}
        value={formatImageSort(sort)}
        onChange={(e) => onSort(parseImageSort(e.target.value))}
        className="w-48"
      >
        {sortOptions.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </NativeSelect>
    </div>
  )
}

const ariaSort = (sort: ImageSort, key: ImageSort['key']) =>
  sort.key === key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined

function viewDescription(view: ImageView, session: Session) {
  const project = session.project?.name ?? 'this project'
  switch (view) {
    case 'all':
      return `Images project ${project} can use`
    case 'mine':
      return `Images project ${project} owns`
    case 'shared':
      return `Images other projects shared with ${project}, accepted`
    case 'public':
      return 'Public images, for every project'
    case 'community':
      return 'Community images, usable by any project that asks for them'
  }
}

function emptyTitle(view: ImageView, q: string) {
  if (q !== '') return `No image matches “${q}”`
  switch (view) {
    case 'all':
      return 'No images yet'
    case 'mine':
      return 'This project owns no images'
    case 'shared':
      return 'Nothing shared with this project'
    case 'public':
      return 'No public images'
    case 'community':
      return 'No community images'
  }
}

function emptyText(
  view: ImageView,
  q: string,
  match: MatchMode,
  session: Session,
  loaded: number,
  more: boolean,
) {
  const project = session.project?.name ?? 'this project'
  if (q !== '' && match === 'exact')
    return 'Glance found no image with exactly this whole name. Try “Name contains” to look for part of a name.'
  if (q !== '')
    return `None of the ${String(loaded)} images loaded so far has a name containing it.${more ? ' Load more images to search further.' : ''}`
  if (more) return 'None among the images loaded so far. Load more images to look further.'
  switch (view) {
    case 'all':
      return `Project ${project} has no images of its own, no accepted shares and no public images here.`
    case 'mine':
      return `Images that project ${project} uploads or creates appear here.`
    case 'shared':
      return `No other project has shared an image with ${project} that ${project} accepted. Shares waiting for an answer are not listed here.`
    case 'public':
      return 'Public images are published by the cloud’s operators; there are none here.'
    case 'community':
      return 'No project has made an image available to the community here.'
  }
}

function countText(shown: number, loaded: number, filtered: boolean) {
  const images = (n: number) => `${String(n)} image${n === 1 ? '' : 's'}`
  return filtered
    ? `Showing ${images(shown)} that match, of ${images(loaded)} loaded.`
    : `Showing ${images(shown)}.`
}

function ImageRow({
  row,
  session,
  showRegion,
}: {
  row: RegionImage
  session: Session
  showRegion: boolean
}) {
  const { image, region } = row
  const source = imageSource(image, session.project?.id ?? '')
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
      <TableCell className="w-0 text-right">
        <ImageRowMenu image={image} region={region} session={session} />
      </TableCell>
    </TableRow>
  )
}
