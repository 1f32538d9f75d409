import { Link } from 'react-router'
import { cn, focusRing } from '~/ui/cn'
import { usePendingElsewhere, usePendingShares } from '~/components/use-pending-shares'
import { paths } from '~/util/paths'

/**
 * The header's count of shares waiting for an answer, on every page. Gone while loading, when
 * nothing waits, and when Glance could not be asked (the banner on Saved Images says so).
 */
export function PendingSharesCounter() {
  const { query, count } = usePendingShares()
  const elsewhere = usePendingElsewhere()
  if (query.data === undefined || count === 0) return null
  return (
    <span className="inline-flex items-center gap-1">
      {/* Named by its own words plus what they count (WCAG 2.5.3): saying "Shared with you" clicks it. */}
      <Link
        to={paths.review()}
        className={cn(
          'inline-flex items-center gap-2 rounded-md px-2 py-1 text-sm text-gray-800 hover:bg-gray-100',
          focusRing,
        )}
      >
        Shared with you{' '}
        <span className="bg-brand-700 rounded-full px-2 text-xs font-semibold text-white">
          {count}
        </span>{' '}
        <span className="sr-only">{count === 1 ? 'image' : 'images'} to review</span>
      </Link>
      {/* Beside the link, whose name other tests and people rely on; the banner has the switch. */}
      {elsewhere.count > 0 && (
        <span className="text-xs text-gray-700">+{elsewhere.count} in other regions</span>
      )}
    </span>
  )
}
