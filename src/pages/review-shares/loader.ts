import type { QueryClient } from '@tanstack/react-query'
import { pendingSharesQuery } from '~/api/queries'
import { viewRegions } from '~/api/scope'
import { readySession, start } from '~/pages/prefetch'

/** The shares to review: the same query as the header's count. */
export const reviewLoader = (qc: QueryClient) => () => {
  const s = readySession()
  if (s) start(qc.query({ ...pendingSharesQuery(s, viewRegions(s)), staleTime: 'static' }))
  return null
}
