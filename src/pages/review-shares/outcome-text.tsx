import { paths } from '~/util/paths'
import { Alert } from '~/ui/alert'
import type { Outcome } from './outcome'
import { RouterTextLink } from '~/components/router-links'

/** What became of a row answered (or left) on this page. */
export function OutcomeText({ outcome }: { outcome: Outcome }) {
  switch (outcome.kind) {
    case 'accepted':
      return (
        <span className="flex flex-col gap-0.5">
          <span className="font-medium text-green-800">Accepted</span>
          <RouterTextLink to={paths.images()}>View in Saved Images</RouterTextLink>
        </span>
      )
    case 'rejected':
      return <span className="font-medium text-gray-900">Rejected</span>
    case 'later':
      return <span className="text-gray-700">Left pending</span>
    case 'failed':
      return (
        <Alert variant={outcome.gone ? 'warning' : 'error'} role="note" className="px-3 py-2">
          {outcome.message}
        </Alert>
      )
  }
}
