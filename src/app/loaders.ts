import type { QueryClient } from '@tanstack/react-query'
import type { LoaderFunctionArgs } from 'react-router'
import {
  cachedImage,
  imageDetailQuery,
  myProjectsQuery,
  pendingSharesQuery,
  sharingMembersQuery,
  type RegionImage,
} from '~/api/queries'
import { viewRegions, type Session } from '~/api/scope'
import { getSessionState, isUsable } from '~/session/session'
import { detailRegions, showsSharing } from '~/pages/image-detail-state'
import { readState, savedImagesQuery } from '~/pages/saved-images-state'

// Route loaders start the queries a page will read, with the very options its components use,
// so the requests leave while the route's chunk loads. They sit on the route objects in app.tsx,
// not in the lazy modules, since a lazy module's loader would wait for its chunk. None awaits its
// queries: each page has its own loading state, and navigation is not held up. With
// `staleTime: 'static'` they ask only for what the cache lacks (a stale entry is the mounting
// component's to refresh, as before), so the loaders' reruns on every search change cost nothing.

/**
 * The session to prefetch for, or none: a new tab still asking the other tabs, a signed-out or
 * expired one is left to the signed-in layout, which asks, redirects or signs in.
 */
function readySession(): Session | undefined {
  const { session } = getSessionState()
  return session && isUsable(session) ? session : undefined
}

/** Start a query without waiting; its error, if any, is the component's to show. */
const start = (p: Promise<unknown>) => {
  p.catch(() => undefined)
}

/** The header: the project picker and the count of shares waiting for an answer. */
export const signedInLoader = (qc: QueryClient) => () => {
  const s = readySession()
  if (s) {
    start(qc.query({ ...myProjectsQuery(s), staleTime: 'static' }))
    start(qc.query({ ...pendingSharesQuery(s, viewRegions(s)), staleTime: 'static' }))
  }
  return null
}

/**
 * The list for the URL's view, search, sort and region: as many pages as the URL's `pages`,
 * read in one request per stream (the query cuts the answer into pages).
 */
export const savedImagesLoader =
  (qc: QueryClient) =>
  ({ request }: LoaderFunctionArgs) => {
    const s = readySession()
    if (s) {
      const state = readState(new URL(request.url).searchParams)
      const query = savedImagesQuery(s, state)
      start(qc.infiniteQuery({ ...query, pages: state.pages, staleTime: 'static' }))
    }
    return null
  }

/**
 * The image, and its members once it is known the page shows them (at once when the cache
 * already holds the image, e.g. from the list). Project names wait for the members.
 */
export const imageDetailLoader =
  (qc: QueryClient) =>
  ({ request, params }: LoaderFunctionArgs) => {
    const s = readySession()
    const id = params.imageId
    if (!s || !id) return null
    const regions = detailRegions(s, new URL(request.url).searchParams.get('region'))
    const detail = imageDetailQuery(s, regions, id)
    const members = (found: RegionImage) => {
      if (showsSharing(s, found.image))
        start(qc.query({ ...sharingMembersQuery(s, found.region, id), staleTime: 'static' }))
    }
    const known = qc.getQueryData(detail.queryKey) ?? cachedImage(qc, s, id)
    if (known && regions.includes(known.region)) members(known)
    start(qc.query({ ...detail, staleTime: 'static' }).then(members))
    return null
  }

/** The shares to review: the same query as the header's count. */
export const reviewLoader = (qc: QueryClient) => () => {
  const s = readySession()
  if (s) start(qc.query({ ...pendingSharesQuery(s, viewRegions(s)), staleTime: 'static' }))
  return null
}
