import type { QueryClient } from '@tanstack/react-query'
import type { LoaderFunctionArgs } from 'react-router'
import { readySession, start } from '~/pages/prefetch'
import { savedImagesQuery } from './list-query'
import { readState } from './url-state'

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
