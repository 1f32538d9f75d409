import { hashKey, useInfiniteQuery } from '@tanstack/react-query'
import { useEffect, useMemo } from 'react'
import { compareImages } from '~/api/images'
import { useAnswersInFlight } from '~/api/answers-in-flight'
import { imageStreamsQuery, keys, type RegionImage } from '~/api/queries'
import { viewRegions, type Session } from '~/api/scope'
import { savedImagesStreams } from './list-query'
import { withAnswersInFlight } from './rows-in-flight'
import { useGoneShares } from './use-gone-shares'
import type { ListState } from './url-state'

const contains = (row: RegionImage, q: string) =>
  (row.image.name ?? '').toLocaleLowerCase().includes(q.toLocaleLowerCase())

/**
 * The list as shown for the URL state: Glance's pages in order, answers in flight laid over them,
 * the "contains" search applied, shares taken away, and loading more (into the URL's `pages`).
 */
export function useImageList(
  session: Session,
  state: ListState,
  update: (next: Partial<ListState>, replace?: boolean) => void,
) {
  const { view, status, q, match, sort } = state
  const regions = viewRegions(session)
  const exactName = q !== '' && match === 'exact' ? q : undefined
  // The same query the route's loader started (./loader.ts), found in the cache.
  const streams = savedImagesStreams(session, state)
  const list = useInfiniteQuery(imageStreamsQuery(session, streams, state.pages))
  const inFlight = useAnswersInFlight()
  const pages = list.data?.pages ?? []
  // Kept while the data is: the gone-share check compares one answer of Glance with the next.
  const loadedRows = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data])
  const listed = withAnswersInFlight(loadedRows, inFlight, { view, status, regions, exactName })
  // Each stream's pages come in Glance's order; several streams are merged in the same order.
  const ordered =
    streams.length > 1 || listed.length > loadedRows.length
      ? [...listed].sort((a, b) => compareImages(sort)(a.image, b.image))
      : listed
  const filtered = q !== '' && match === 'contains'
  const rows = filtered ? ordered.filter((r) => contains(r, q)) : ordered
  const gone = useGoneShares(session, loadedRows, hashKey(keys.imageList(session, streams)))

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

  return {
    list,
    rows,
    /** The view's rows before the "contains" search. */
    ordered,
    filtered,
    loadedRows,
    failures: pages.flatMap((p) => p.failures),
    gone,
    loadMore,
  }
}
