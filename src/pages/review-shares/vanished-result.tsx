import { useQuery } from '@tanstack/react-query'
import { goneText } from '~/api/describe-error'
import { myMembershipQuery, type RegionImage } from '~/api/queries'
import { useCaller } from '~/session/use-caller'
import { Alert } from '~/ui/alert'

/**
 * A row that left the pending list without an answer from this tab: ask Glance for our own row
 * to say whether it was answered elsewhere or taken away.
 */
export function VanishedResult({ row }: { row: RegionImage }) {
  const { session } = useCaller()
  const mine = useQuery(myMembershipQuery(session, row.region, row.image.id))
  if (mine.isPending) return <span className="text-gray-700">Checking…</span>
  if (mine.isError) return <span className="text-gray-700">No longer waiting for your answer.</span>
  if (mine.data === null)
    return (
      <Alert variant="warning" role="note" className="px-3 py-2">
        {goneText}
      </Alert>
    )
  return (
    <span className="text-gray-700">
      {mine.data.status === 'accepted'
        ? 'Accepted elsewhere'
        : mine.data.status === 'rejected'
          ? 'Rejected elsewhere'
          : 'Pending'}
    </span>
  )
}
