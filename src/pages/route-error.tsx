import { isRouteErrorResponse, useRouteError } from 'react-router'
import { isApiError } from '~/api/http'
import { paths } from '~/util/paths'
import { RouterTextLink } from '~/components/router-links'

/** The last line of defence: whatever broke, the user reads what happened and has a way on. */
export function RouteError({ within = 'page' }: { within?: 'page' | 'layout' }) {
  const Frame = within === 'page' ? 'main' : 'section'
  const error = useRouteError()
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : isApiError(error) || error instanceof Error
      ? error.message
      : 'An unexpected error occurred.'
  // An admin-only page refused in its loader (src/pages/admin-only.ts): a refusal, not a fault.
  const refusal =
    isRouteErrorResponse(error) && error.status === 403 && typeof error.data === 'string'
      ? error.data
      : undefined
  const isChunkLoad =
    error instanceof Error && /dynamically imported module|Failed to fetch/i.test(error.message)
  return (
    <Frame
      aria-labelledby="route-error-heading"
      className="mx-auto mt-16 max-w-xl rounded-lg border border-red-200 bg-white p-8"
    >
      <h1 id="route-error-heading" className="text-xl font-semibold text-red-800">
        {refusal === undefined ? 'Something went wrong' : 'Not allowed'}
      </h1>
      <p className="mt-4 text-gray-800">
        {isChunkLoad
          ? 'Part of the panel could not be loaded: the panel may have been updated since this page opened, or the connection dropped. Reload to get the current version.'
          : (refusal ?? message)}
      </p>
      <div className="mt-6 flex gap-4">
        {refusal === undefined && (
          <button
            type="button"
            className="rounded-md bg-blue-700 px-3 py-2 text-sm font-medium text-white hover:bg-blue-800"
            onClick={() => window.location.reload()}
          >
            Reload
          </button>
        )}
        <RouterTextLink className="py-2 text-sm" to={paths.images()}>
          Go to Saved Images
        </RouterTextLink>
      </div>
    </Frame>
  )
}
