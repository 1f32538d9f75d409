import { useQuery } from '@tanstack/react-query'
import { Link } from 'react-router'
import { useAnswersInFlight, answerRef } from '~/api/mutations'
import { pendingSharesQuery, type PendingShares } from '~/api/queries'
import { useSession, viewRegions } from '~/session/session'
import { Alert } from '~/ui/alert'
import { Button } from '~/ui/button'

/** Where a consumer answers: Shared with me, pending. */
export const REVIEW_PATH = '/images?view=shared&status=pending'

const images = (n: number) => `${String(n)} image${n === 1 ? '' : 's'}`

/**
 * The shares waiting for the project's answer in the regions the picker selects, minus those
 * being answered now (so the count drops at once), counted per region.
 */
export function usePendingShares() {
  const session = useSession()
  const regions = viewRegions(session)
  const query = useQuery(pendingSharesQuery(session, regions))
  const inFlight = useAnswersInFlight()
  const items = (query.data?.items ?? []).filter((row) => {
    const answering = inFlight.get(answerRef(row.region, row.image.id))
    return answering === undefined || answering.status === 'pending'
  })
  const byRegion = regions.map((region) => ({
    region,
    count: items.filter((i) => i.region === region).length,
  }))
  return { query, regions, count: items.length, byRegion }
}

/** The notice at the top of Saved Images: Glance leaves pending shares out of every list. */
export function PendingSharesBanner() {
  const { query, regions, count, byRegion } = usePendingShares()
  if (query.isError) {
    return (
      <Alert
        variant="warning"
        className="mt-4"
        title="Shares waiting for your answer could not be checked"
      >
        {query.error.message}{' '}
        <Button variant="secondary" size="sm" onClick={() => void query.refetch()}>
          Try again
        </Button>
      </Alert>
    )
  }
  const failures: PendingShares['failures'] = query.data?.failures ?? []
  if (count === 0 && failures.length === 0) return null
  return (
    <section
      aria-label="Shares waiting for your answer"
      className="mt-4 rounded-md border border-blue-200 bg-blue-50 p-4 text-sm"
    >
      {count > 0 && (
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div>
            <h2 className="font-semibold text-gray-900">{images(count)} shared with you</h2>
            <p className="text-gray-800">
              {count === 1 ? 'It is' : 'They are'} waiting for your answer. Glance lists a shared
              image only once you accept it.
            </p>
            {regions.length > 1 && (
              <ul className="mt-1 flex flex-wrap gap-x-4 text-gray-800">
                {byRegion.map((r) => (
                  <li key={r.region}>
                    {r.region}: {r.count}
                  </li>
                ))}
              </ul>
            )}
          </div>
          <Link
            to={REVIEW_PATH}
            className="bg-brand-700 hover:bg-brand-800 rounded-md px-3 py-1.5 font-medium text-white"
          >
            Review
          </Link>
        </div>
      )}
      {failures.map((f) => (
        <p key={f.region} className="mt-1 text-gray-800">
          Shares in {f.region} could not be checked: {f.error.message}
        </p>
      ))}
    </section>
  )
}
