import { useQuery } from '@tanstack/react-query'
import type { ApiError } from '~/api/http'
import { answerRef, useAnswersInFlight } from '~/api/answers-in-flight'
import { pendingSharesQuery, type RegionImage } from '~/api/queries'
import { viewRegions } from '~/api/scope'
import { useSession } from '~/session/session'

export type RegionCount = { region: string; count: number; error?: ApiError | undefined }

/**
 * The shares waiting for the project's answer in the regions the picker selects, minus those
 * being answered now, so every count drops the moment an answer is sent (and comes back by
 * itself if Glance refuses). The banner, the header's counter and the review page read the same
 * query, so React Query asks Glance once per region for all of them.
 */
export function usePendingShares() {
  const session = useSession()
  const regions = viewRegions(session)
  const query = useQuery(pendingSharesQuery(session, regions))
  const inFlight = useAnswersInFlight()
  const items: RegionImage[] = (query.data?.items ?? []).filter((row) => {
    const answering = inFlight.get(answerRef(row.region, row.image.id))
    return answering === undefined || answering.status === 'pending'
  })
  const failures = query.data?.failures ?? []
  const byRegion: RegionCount[] = regions.map((region) => ({
    region,
    count: items.filter((i) => i.region === region).length,
    error: failures.find((f) => f.region === region)?.error,
  }))
  return { query, regions, items, count: items.length, byRegion, failures }
}
