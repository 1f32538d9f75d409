import { Link } from 'react-router'
import { imageViews, type ImageView, type SharedStatus } from '~/api/images'
import { usePendingShares } from '~/components/use-pending-shares'
import { cn, focusRing } from '~/ui/cn'
import { paths } from '~/util/paths'
import { viewLabels } from './copy'
import { writeState, type ListState } from './url-state'

/**
 * One link per view; each keeps the search and sort and starts from the first page. Shared with
 * me opens on Pending while a share waits for an answer (the banner's query, asked once): the
 * status is in the link, so the URL says what is shown and a status chosen there stays.
 */
export function ViewTabs({ state }: { state: ListState }) {
  const { count } = usePendingShares()
  const statusFor = (v: ImageView): SharedStatus =>
    v === state.view ? state.status : count > 0 ? 'pending' : 'accepted'
  return (
    <nav aria-label="Image views" className="mt-4 border-b border-gray-200">
      <ul className="-mb-px flex flex-wrap gap-1">
        {imageViews.map((v) => {
          const current = v === state.view
          return (
            <li key={v}>
              <Link
                to={paths.images(writeState({ ...state, view: v, status: statusFor(v), pages: 1 }))}
                aria-current={current ? 'page' : undefined}
                className={cn(
                  'inline-block rounded-t-md border-b-2 px-3 py-2 text-sm font-medium',
                  current
                    ? 'border-brand-700 text-brand-800'
                    : 'border-transparent text-gray-700 hover:border-gray-400 hover:text-gray-900',
                  focusRing,
                )}
              >
                {viewLabels[v]}
              </Link>
            </li>
          )
        })}
      </ul>
    </nav>
  )
}
