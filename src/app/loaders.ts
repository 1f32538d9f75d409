import type { QueryClient } from '@tanstack/react-query'
import { myProjectsQuery, pendingSharesQuery } from '~/api/queries'
import { viewRegions } from '~/api/scope'
import { readySession, start } from '~/pages/prefetch'

// Route loaders; a screen's own moves to src/pages/<screen>/loader.ts. How they work, and why
// they never await: src/pages/prefetch.ts.

/** The header: the project picker and the count of shares waiting for an answer. */
export const signedInLoader = (qc: QueryClient) => () => {
  const s = readySession()
  if (s) {
    start(qc.query({ ...myProjectsQuery(s), staleTime: 'static' }))
    start(qc.query({ ...pendingSharesQuery(s, viewRegions(s)), staleTime: 'static' }))
  }
  return null
}
