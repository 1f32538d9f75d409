import type { ApiError } from '~/api/http'
import { Alert } from '~/ui/alert'
import { Button } from '~/ui/button'

/** A failed load: what failed, Glance's or the network's own words, and a way to ask again. */
export function QueryError({
  title,
  error,
  onRetry,
  className,
}: {
  title: string
  error: ApiError
  onRetry: () => unknown
  className?: string
}) {
  return (
    <Alert
      variant="error"
      title={title}
      className={className}
      action={
        <Button size="sm" variant="secondary" onClick={() => void onRetry()}>
          Try again
        </Button>
      }
    >
      {error.message}
      {error.requestId && <span className="mt-1 block text-xs">Request ID: {error.requestId}</span>}
    </Alert>
  )
}
