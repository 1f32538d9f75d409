import { lazy, Suspense, useEffect } from 'react'
import { viewRegions } from '~/api/scope'
import { useCaller } from '~/session/use-caller'
import { OpenImageById } from '~/components/open-image-by-id'
import { PendingSharesBanner } from '~/components/pending-shares-banner'
import { QueryError } from '~/components/query-error'
import { Alert } from '~/ui/alert'
import { Button } from '~/ui/button'
import { EmptyState } from '~/ui/empty-state'
import { lazyWithPreload } from '~/ui/lazy'
import { Skeleton } from '~/ui/skeleton'
import { countText, emptyText, emptyTitle, viewDescription } from './copy'
import { ImageTable } from './image-table'
import { SearchForm } from './search-form'
import { SortPicker } from './sort-picker'
import { StatusPicker } from './status-picker'

// A consumer's own project ID: only Shared with me shows it, so it loads apart from the rows.
const MyProjectId = lazy(async () => ({
  default: (await import('~/components/my-project-id')).MyProjectId,
}))
import { useImageList } from './use-image-list'
import { useListState } from './use-list-state'
import { ViewTabs } from './view-tabs'

// Only a "Name contains" search shows it: kept off the way to the first rows, warmed after them.
const SearchStatus = lazyWithPreload(() => import('./search-status'))

export default function SavedImagesPage() {
  const { session } = useCaller()
  const regions = viewRegions(session)
  const [state, update] = useListState()
  const { view, status, q, match, sort } = state
  const { list, rows, filtered, loadedRows, more, search, failures, gone, loadMore } = useImageList(
    session,
    state,
    update,
  )
  const showRegion = regions.length > 1
  useEffect(() => {
    void SearchStatus.preload()
  }, [])
  const { isFetchNextPageError, fetchNextPage } = list

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

      <ViewTabs state={state} />

      {view === 'shared' && (
        <Suspense>
          <MyProjectId className="mt-4" />
        </Suspense>
      )}
      {view === 'shared' && (
        <StatusPicker status={status} onStatus={(next) => update({ status: next })} />
      )}

      <div className="mt-4 flex max-w-full flex-wrap items-end gap-4">
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
            <EmptyState
              title={emptyTitle(view, status, q, filtered && search.phase === 'searching')}
              className="mt-6"
            >
              {emptyText(view, status, q, match, session, more)}
            </EmptyState>
          ) : (
            <ImageTable
              rows={rows}
              gone={gone.rows}
              onDismiss={gone.dismiss}
              sort={sort}
              showAnswer={view === 'shared'}
              showRegion={showRegion}
            />
          )}
          {isFetchNextPageError && (
            <QueryError
              title="More images could not be loaded"
              className="mt-4"
              error={list.error}
              onRetry={() => fetchNextPage()}
            />
          )}
          {filtered ? (
            <Suspense fallback={null}>
              <SearchStatus search={search} found={rows.length} searched={loadedRows.length} />
            </Suspense>
          ) : (
            <div className="mt-4 flex flex-wrap items-center gap-4">
              {more && !isFetchNextPageError && (
                <Button variant="secondary" loading={list.isFetchingNextPage} onClick={loadMore}>
                  Load more images
                </Button>
              )}
              <p className="text-sm text-gray-700" aria-live="polite">
                {countText(rows.length)}
                {more ? ' More are available.' : ''}
              </p>
            </div>
          )}
        </>
      )}
    </>
  )
}
