import { hashKey, useInfiniteQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useMemo } from 'react'
import { compareImages } from '~/api/images'
import { useAnswersInFlight } from '~/api/answers-in-flight'
import { imageStreamsQuery, keys, type RegionImage } from '~/api/queries'
import { viewRegions, type Session } from '~/api/scope'
import { savedImagesStreams } from './list-query'
import { withAnswersInFlight } from './rows-in-flight'
import { useContainsSearch } from './use-contains-search'
import { useGoneShares } from './use-gone-shares'
import type { ListState } from './url-state'

const contains = (row: RegionImage, q: string) =>
  (row.image.name ?? '').toLocaleLowerCase().includes(q.toLocaleLowerCase())

/**
 * The list as shown for the URL state: Glance's pages in order, answers in flight laid over them,
 * the "contains" search applied (reading on in the background), shares taken away, and loading
 * more (into the URL's `pages`).
 */
export function useImageList(
  session: Session,
  state: ListState,
  update: (next: Partial<ListState>, replace?: boolean) => void,
) {
  const { view, status, q, match, sort } = state
  const regions = viewRegions(session)
  const exactName = q !== '' && match === 'exact' ? q : undefined
  const filtered = q !== '' && match === 'contains'
  // The same query the route's loader started (./loader.ts), found in the cache.
  const streams = savedImagesStreams(session, state)
  const query = imageStreamsQuery(session, streams, state.pages)
  const list = useInfiniteQuery(query)
  const qc = useQueryClient()
  const inFlight = useAnswersInFlight()
  const listKey = hashKey(keys.imageList(session, streams))
  const cached = list.data?.pages
  const loadedPages = cached?.length ?? 0
  // A search reads pages past the URL's `pages` without writing them there (a reload searches
  // again); once it is cleared, the list is what the URL says, as after a reload.
  const pages = useMemo(
    () => (filtered ? (cached ?? []) : (cached ?? []).slice(0, state.pages)),
    [cached, filtered, state.pages],
  )
  // Kept while the data is: the gone-share check compares one answer of Glance with the next.
  const loadedRows = useMemo(() => pages.flatMap((p) => p.items), [pages])
  const listed = withAnswersInFlight(loadedRows, inFlight, { view, status, regions, exactName })
  // Each stream's pages come in Glance's order; several streams are merged in the same order.
  const ordered =
    streams.length > 1 || listed.length > loadedRows.length
      ? [...listed].sort((a, b) => compareImages(sort)(a.image, b.image))
      : listed
  const rows = filtered ? ordered.filter((r) => contains(r, q)) : ordered
  // A search's extra pages leave the list when it ends: not shares taken away, so the check
  // starts afresh on both sides of a search.
  const gone = useGoneShares(session, loadedRows, filtered ? `${listKey}/contains` : listKey)

  const { hasNextPage, isFetching, isFetchingNextPage, isFetchNextPageError, fetchNextPage } = list
  const search = useContainsSearch(`${listKey}\u0000${q}`, {
    searched: loadedRows.length,
    hasMore: hasNextPage,
    failed: isFetchNextPageError,
  })
  const searching = filtered && search.phase === 'searching'

  // Reloading a URL with pages=N: the query read the first N pages in one request and hands
  // them out from memory (src/api/queries.ts); past Glance's `limit` cap, they come by marker.
  // A search reads on one page at a time, never two at once.
  const catchUp = loadedPages > 0 && loadedPages < state.pages
  const fetchMore =
    (catchUp || (searching && loadedPages > 0)) &&
    hasNextPage &&
    !isFetching &&
    !isFetchNextPageError
  useEffect(() => {
    if (fetchMore) void fetchNextPage()
  }, [fetchMore, loadedPages, fetchNextPage])

  // A next page nobody waits for (the search was stopped or cleared) is cancelled; pages past
  // the URL's are dropped once no search shows them, so a refetch does not read them all again.
  const nextWanted = catchUp || (filtered && (searching || search.phase === 'failed'))
  const extraPages = !filtered && loadedPages > state.pages
  const { queryKey } = query
  useEffect(() => {
    if (isFetchingNextPage && !nextWanted) {
      void qc.cancelQueries({ queryKey, exact: true })
    } else if (extraPages && !isFetching) {
      qc.setQueryData(
        queryKey,
        (d) =>
          d && {
            pages: d.pages.slice(0, state.pages),
            pageParams: d.pageParams.slice(0, state.pages),
          },
      )
    }
    // queryKey is new each render; listKey is its hash.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [isFetchingNextPage, nextWanted, extraPages, isFetching, state.pages, qc, listKey])

  const more = hasNextPage || loadedPages > pages.length
  const loadMore = () => {
    if (loadedPages >= state.pages) update({ pages: state.pages + 1 }, true)
    else void fetchNextPage()
  }

  return {
    list,
    rows,
    filtered,
    loadedRows,
    /** More images than shown: Glance has more, or pages a search read wait in the cache. */
    more,
    search,
    failures: pages.flatMap((p) => p.failures),
    gone,
    loadMore,
  }
}
