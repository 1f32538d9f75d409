import { Link } from 'react-router'
import { REVIEW_PATH, usePendingShares } from '~/components/pending-shares-banner'

/** The header's count of shares waiting for an answer, on every page; gone when there are none. */
export function PendingSharesCounter() {
  const { count } = usePendingShares()
  if (count === 0) return null
  return (
    <Link
      to={REVIEW_PATH}
      aria-label={`Review ${String(count)} image${count === 1 ? '' : 's'} shared with you`}
      className="inline-flex items-center gap-2 rounded-md px-2 py-1 text-sm text-gray-800 hover:bg-gray-100"
    >
      Shared with you
      <span className="bg-brand-700 rounded-full px-2 text-xs font-semibold text-white">
        {count}
      </span>
    </Link>
  )
}
