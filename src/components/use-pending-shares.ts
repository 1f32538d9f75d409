import { useQuery } from '@tanstack/react-query'
import type { ApiError } from '~/api/http'
import { answerRef, useAnswersInFlight } from '~/api/answers-in-flight'
import { pendingSharesQuery, type RegionImage } from '~/api/queries'
import { ALL_REGIONS, regionsOf, viewRegions } from '~/api/scope'
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

/**
 * Shares waiting in the regions the picker leaves out: someone working in one region must still
 * learn that a share waits in another. Asked only when one region of several is chosen.
 */
export function usePendingElsewhere() {
  const session = useSession()
  const others =
    session.region === ALL_REGIONS ? [] : regionsOf(session).filter((r) => r !== session.region)
  const here = useQuery(pendingSharesQuery(session, viewRegions(session)))
  const query = useQuery({
    ...pendingSharesQuery(session, others),
    // Asked once the region in view is counted: the view's own answer comes first, and when Glance
    // fails there the other regions' hint waits for it to recover.
    enabled: others.length > 0 && here.isSuccess,
    // A hint beside the region in view: each page that shows it need not ask again.
    staleTime: 30_000,
  })
  const byRegion = others
    .map((region) => ({
      region,
      count: (query.data?.items ?? []).filter((i) => i.region === region).length,
    }))
    .filter((r) => r.count > 0)
  return { byRegion, count: byRegion.reduce((n, r) => n + r.count, 0) }
}
