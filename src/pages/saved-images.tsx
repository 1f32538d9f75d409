import { hashKey, useInfiniteQuery, useQueries, useQueryClient } from '@tanstack/react-query'
import { useEffect, useId, useMemo, useState, type SyntheticEvent } from 'react'
import { Link, useSearchParams } from 'react-router'
import {
  compareImages,
  formatImageSort,
  imageDisplayName,
  imageSource,
  imageViews,
  inViewWithAnswer,
  parseImageSort,
  sourceLabel,
  type ImageSort,
  type ImageView,
  type SharedStatus,
} from '~/api/images'
import { answerRef, answeredRefs, useAnswersInFlight, type AnswerInFlight } from '~/api/mutations'
import { imageStreamsQuery, keys, myMembershipQuery, type RegionImage } from '~/api/queries'
import type { MemberStatus } from '~/api/schemas'
import { viewRegions, type Session } from '~/api/scope'
import { useCaller } from '~/session/use-caller'
import { countOf, formatBytes, formatDate } from '~/util/format'
import { paths } from '~/util/paths'
import { ImageRowMenu } from '~/components/image-row-menu'
import { ImageStatusBadge } from '~/components/image-status-badge'
import { MemberStatusBadge } from '~/components/member-status-badge'
import { OpenImageById } from '~/components/open-image-by-id'
import { PendingSharesBanner } from '~/components/pending-shares-banner'
import { QueryError } from '~/components/query-error'
import { goneText } from '~/api/describe-error'
import { rowRef, useSeenRows } from '~/components/use-seen-rows'
import { Alert } from '~/ui/alert'
import { Button } from '~/ui/button'
import { cn, focusRing } from '~/ui/cn'
import { EmptyState } from '~/ui/empty-state'
import { Input, Label } from '~/ui/field'
import { NativeSelect } from '~/ui/select'
import { Skeleton } from '~/ui/skeleton'
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '~/ui/table'
import { TextLink } from '~/ui/text-link'
import {
  readState,
  savedImagesStreams,
  writeState,
  type ListState,
  type MatchMode,
} from './saved-images-state'

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

/** A row as shown: its membership after any answer being sent now. */
type ListedRow = RegionImage & { answering?: AnswerInFlight | undefined }

/**
 * The optimistic layer over the loaded rows: while an answer is in flight the row shows its new
 * status, joins or leaves the view accordingly, and an accepted image appears in "All" at once.
 * When Glance refuses, the answer leaves the map and the rows are as Glance says again.
 */
function withAnswersInFlight(
  rows: readonly RegionImage[],
  inFlight: Map<string, AnswerInFlight>,
  opts: { view: ImageView; status: SharedStatus; regions: readonly string[]; exactName?: string },
): ListedRow[] {
  const { view, status, regions, exactName } = opts
  const seen = new Set<string>()
  const out: ListedRow[] = []
  for (const row of rows) {
    const ref = answerRef(row.region, row.image.id)
    seen.add(ref)
    const answering = inFlight.get(ref)
    const membership: MemberStatus | undefined = answering?.status ?? row.membership
    if (inViewWithAnswer(view, status, membership)) out.push({ ...row, membership, answering })
  }
  if (view !== 'all' && view !== 'shared') return out
  for (const answering of inFlight.values()) {
    const { region, image } = answering
    if (seen.has(answerRef(region, image.id)) || !regions.includes(region)) continue
    if (exactName !== undefined && image.name !== exactName) continue
    if (inViewWithAnswer(view, status, answering.status))
      out.push({ region, image, membership: answering.status, answering })
  }
  return out
}

/**
 * Shares that left the list without an answer of ours: the producer removed this project or made
 * the image private. Each is confirmed by asking Glance for our row (404: gone), so a share
 * answered in another tab is not mistaken for one taken away. `listKey` names the list: another
 * list (view, region, sort, exact name) starts afresh.
 */
function useGoneShares(session: Session, rows: readonly RegionImage[], listKey: string) {
  const qc = useQueryClient()
  const seen = useSeenRows(rows, listKey)
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set())
  const listed = new Set(rows.map(rowRef))
  const answered = answeredRefs(qc)
  const vanished = seen.filter(
    (r) => r.membership !== undefined && !listed.has(rowRef(r)) && !answered.has(rowRef(r)),
  )
  const ownRows = useQueries({
    queries: vanished.map((r) => myMembershipQuery(session, r.region, r.image.id)),
  })
  return {
    rows: vanished.filter((r, i) => ownRows[i]?.data === null && !dismissed.has(rowRef(r))),
    dismiss: (row: RegionImage) => setDismissed((d) => new Set(d).add(rowRef(row))),
  }
}

const contains = (row: RegionImage, q: string) =>
  (row.image.name ?? '').toLocaleLowerCase().includes(q.toLocaleLowerCase())

export default function SavedImagesPage() {
  const { session } = useCaller()
  const regions = viewRegions(session)
  const [searchParams, setSearchParams] = useSearchParams()
  const state = readState(searchParams)
  const { view, status, q, match, sort } = state
  const exactName = q !== '' && match === 'exact' ? q : undefined
  // The same query the route's loader started (src/app/loaders.ts), found in the cache.
  const streams = savedImagesStreams(session, state)
  const list = useInfiniteQuery(imageStreamsQuery(session, streams, state.pages))
  const inFlight = useAnswersInFlight()
  const pages = list.data?.pages ?? []
  // Kept while the data is: the gone-share check compares one answer of Glance with the next.
  const loadedRows = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data])
  const failures = pages.flatMap((p) => p.failures)
  const showRegion = regions.length > 1
  const listed = withAnswersInFlight(loadedRows, inFlight, { view, status, regions, exactName })
  // Each stream's pages come in Glance's order; several streams are merged in the same order.
  const ordered =
    streams.length > 1 || listed.length > loadedRows.length
      ? [...listed].sort((a, b) => compareImages(sort)(a.image, b.image))
      : listed
  const rows = q !== '' && match === 'contains' ? ordered.filter((r) => contains(r, q)) : ordered
  const gone = useGoneShares(session, loadedRows, hashKey(keys.imageList(session, streams)))

  const update = (next: Partial<ListState>, replace = false) => {
    // Any change but "load more" starts again from the first page.
    setSearchParams(writeState({ ...state, pages: 1, ...next }), { replace })
  }

  // Reloading a URL with pages=N: the query read the first N pages in one request and hands
  // them out from memory (src/api/queries.ts); past Glance's `limit` cap, they come by marker.
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
          {viewDescription(view, status, session)}
          {showRegion ? ` in ${regions.join(' and ')}.` : ` in ${regions[0] ?? 'no region'}.`}
        </p>
      </div>

      <PendingSharesBanner />

      <nav aria-label="Image views" className="mt-4 border-b border-gray-200">
        <ul className="-mb-px flex flex-wrap gap-1">
          {imageViews.map((v) => {
            const current = v === view
            return (
              <li key={v}>
                <Link
                  to={paths.images(writeState({ ...state, view: v, pages: 1 }))}
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

      {view === 'shared' && (
        <StatusPicker status={status} onStatus={(next) => update({ status: next })} />
      )}

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
        <OpenImageById />
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
          {rows.length === 0 && gone.rows.length === 0 ? (
            <EmptyState title={emptyTitle(view, status, q)} className="mt-6">
              {emptyText(view, status, q, match, session, loadedRows.length, hasNextPage)}
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
                  {view === 'shared' && <TableHead>Your answer</TableHead>}
                  {showRegion && <TableHead>Region</TableHead>}
                  <TableHead>
                    <span className="sr-only">Actions</span>
                  </TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {gone.rows.map((row) => (
                  <GoneRow
                    key={`gone/${row.region}/${row.image.id}`}
                    row={row}
                    columns={7 + (view === 'shared' ? 1 : 0) + (showRegion ? 1 : 0)}
                    onDismiss={() => gone.dismiss(row)}
                  />
                ))}
                {rows.map((row) => (
                  <ImageRow
                    key={`${row.region}/${row.image.id}`}
                    row={row}
                    showRegion={showRegion}
                    showAnswer={view === 'shared'}
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
              {countText(rows.length, ordered.length, q !== '' && match === 'contains')}
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

const statusWords: Record<SharedStatus, string> = {
  pending: 'waiting for an answer',
  accepted: 'accepted',
  rejected: 'rejected',
  all: 'in any status',
}

function viewDescription(view: ImageView, status: SharedStatus, session: Session) {
  const project = session.project?.name ?? 'this project'
  switch (view) {
    case 'all':
      return `Images project ${project} can use`
    case 'mine':
      return `Images project ${project} owns`
    case 'shared':
      return `Images other projects shared with ${project}, ${statusWords[status]}`
    case 'public':
      return 'Public images, for every project'
    case 'community':
      return 'Community images, usable by any project that asks for them'
  }
}

function emptyTitle(view: ImageView, status: SharedStatus, q: string) {
  if (q !== '') return `No image matches “${q}”`
  switch (view) {
    case 'all':
      return 'No images yet'
    case 'mine':
      return 'This project owns no images'
    case 'shared':
      return status === 'all'
        ? 'Nothing shared with this project'
        : `No ${status === 'pending' ? 'pending' : status} shares`
    case 'public':
      return 'No public images'
    case 'community':
      return 'No community images'
  }
}

function emptyText(
  view: ImageView,
  status: SharedStatus,
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
      return sharedEmptyText(status, project)
    case 'public':
      return 'Public images are published by the cloud’s operators; there are none here.'
    case 'community':
      return 'No project has made an image available to the community here.'
  }
}

function sharedEmptyText(status: SharedStatus, project: string) {
  switch (status) {
    case 'pending':
      return `No share waits for ${project}’s answer.`
    case 'accepted':
      return `No other project has shared an image with ${project} that ${project} accepted. Shares waiting for an answer are under Pending.`
    case 'rejected':
      return `${project} has rejected or removed no shared image.`
    case 'all':
      return `No other project has shared an image with ${project}.`
  }
}

function countText(shown: number, loaded: number, filtered: boolean) {
  return filtered
    ? `Showing ${countOf(shown, 'image')} that match, of ${countOf(loaded, 'image')} loaded.`
    : `Showing ${countOf(shown, 'image')}.`
}

function ImageRow({
  row,
  showRegion,
  showAnswer,
}: {
  row: ListedRow
  showRegion: boolean
  showAnswer: boolean
}) {
  const { image, region, membership, answering } = row
  const { session } = useCaller()
  const source = imageSource(image, session.project?.id ?? '')
  return (
    <TableRow aria-busy={answering ? true : undefined}>
      <TableCell className="max-w-md">
        <TextLink asChild underline="hover" className="font-medium break-words">
          <Link to={paths.image(image.id, region)}>{imageDisplayName(image)}</Link>
        </TextLink>
      </TableCell>
      <TableCell>
        <ImageStatusBadge status={image.status} />
      </TableCell>
      <TableCell>{image.visibility}</TableCell>
      <TableCell className="text-right tabular-nums">{formatBytes(image.size)}</TableCell>
      <TableCell className="whitespace-nowrap">{formatDate(image.created_at)}</TableCell>
      <TableCell>{sourceLabel[source]}</TableCell>
      {showAnswer && (
        <TableCell className="whitespace-nowrap">
          {membership ? <MemberStatusBadge status={membership} /> : '—'}
          {answering && <span className="ml-2 text-xs text-gray-700">Saving…</span>}
        </TableCell>
      )}
      {showRegion && <TableCell>{region}</TableCell>}
      <TableCell className="w-0 text-right">
        <ImageRowMenu image={image} region={region} membership={membership} />
      </TableCell>
    </TableRow>
  )
}

/** Where a share was, once its producer took it away: said in words, until dismissed. */
function GoneRow({
  row,
  columns,
  onDismiss,
}: {
  row: RegionImage
  columns: number
  onDismiss: () => void
}) {
  return (
    <TableRow className="bg-amber-50">
      <TableCell colSpan={columns}>
        <div className="flex flex-wrap items-center justify-between gap-2">
          <p>
            <span className="font-medium break-words">{imageDisplayName(row.image)}</span>
            {': '}
            {goneText}
          </p>
          <Button variant="ghost" size="sm" onClick={onDismiss}>
            Dismiss<span className="sr-only"> {imageDisplayName(row.image)}</span>
          </Button>
        </div>
      </TableCell>
    </TableRow>
  )
}

const statusChoices: { value: SharedStatus; label: string }[] = [
  { value: 'pending', label: 'Pending' },
  { value: 'accepted', label: 'Accepted' },
  { value: 'rejected', label: 'Rejected' },
  { value: 'all', label: 'All' },
]

/** Shared with me, by the project's answer (Glance's member_status). */
function StatusPicker({
  status,
  onStatus,
}: {
  status: SharedStatus
  onStatus: (s: SharedStatus) => void
}) {
  const labelId = useId()
  const name = useId()
  return (
    <div className="mt-4 flex flex-wrap items-center gap-x-4 gap-y-2">
      <span id={labelId} className="text-sm font-medium text-gray-900">
        Membership status
      </span>
      <div role="radiogroup" aria-labelledby={labelId} className="flex flex-wrap gap-2">
        {statusChoices.map((c) => (
          <label
            key={c.value}
            className={cn(
              'inline-flex cursor-pointer items-center gap-2 rounded-md border px-3 py-1.5 text-sm',
              status === c.value
                ? 'border-brand-700 bg-brand-50 text-brand-800'
                : 'border-gray-300 text-gray-800 hover:border-gray-500',
              'has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-blue-600',
            )}
          >
            <input
              type="radio"
              name={name}
              value={c.value}
              checked={status === c.value}
              onChange={() => onStatus(c.value)}
              className="accent-brand-700"
            />
            {c.label}
          </label>
        ))}
      </div>
    </div>
  )
}
