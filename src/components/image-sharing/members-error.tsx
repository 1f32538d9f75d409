import { describeError } from '~/api/describe-error'
import { ApiError } from '~/api/http'
import { QueryError } from '~/components/query-error'
import { Alert } from '~/ui/alert'
import { Button } from '~/ui/button'

/** Why the member list is missing or stale; a 404 means the image itself went away. */
export function MembersError({
  imageId,
  error,
  stale = false,
  onRetry,
}: {
  imageId: string
  error: ApiError
  stale?: boolean
  onRetry: () => unknown
}) {
  const suffix = stale ? ' Showing the list as it was last loaded.' : ''
  if (error.status === 404) {
    return (
      <Alert
        variant="warning"
        title="This image is no longer there"
        action={
          <Button size="sm" variant="secondary" onClick={() => void onRetry()}>
            Try again
          </Button>
        }
      >
        {describeError(error, { action: 'manage-image', imageId })}
        {suffix}
      </Alert>
    )
  }
  return (
    <QueryError
      title={
        stale ? 'The member list could not be refreshed' : 'The member list could not be loaded'
      }
      error={
        new ApiError({
          status: error.status,
          kind: error.kind,
          requestId: error.requestId,
          message: `${error.message}${suffix}`,
        })
      }
      onRetry={onRetry}
    />
  )
}
