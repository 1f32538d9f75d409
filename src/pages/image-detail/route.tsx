import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useParams, useSearchParams } from 'react-router'
import { cachedImage, imageDetailQuery } from '~/api/queries'
import { useSession } from '~/session/session'
import { SavedImagesBreadcrumb } from '~/components/breadcrumb'
import { QueryError } from '~/components/query-error'
import { Alert } from '~/ui/alert'
import { Skeleton } from '~/ui/skeleton'
import { GoneOrNotFound } from './gone-or-not-found'
import { ImageFields } from './image-fields'
import { detailRegions, readDetailUrl } from './url-state'

export default function ImageDetailPage() {
  const session = useSession()
  const qc = useQueryClient()
  const { imageId = '' } = useParams()
  const [params] = useSearchParams()
  const regions = detailRegions(session, readDetailUrl(params))
  const detail = useQuery(imageDetailQuery(session, regions, imageId))

  return (
    <>
      <SavedImagesBreadcrumb />
      {detail.isPending ? (
        <div role="status" aria-label="Loading image" className="mt-4 space-y-3">
          <Skeleton className="h-8 w-1/2" />
          <Skeleton className="h-40 w-full" />
        </div>
      ) : detail.isError ? (
        detail.error.status === 404 ? (
          <GoneOrNotFound
            // A refresh that ends in 404 keeps the image it had; else any cache may know it.
            known={detail.data ?? cachedImage(qc, session, imageId)}
          >
            <h1 className="mt-4 text-2xl font-semibold">Image not found</h1>
            <Alert variant="warning" className="mt-4">
              No image with ID <code className="break-all">{imageId}</code> is visible to project{' '}
              {session.project?.name} in {regions.join(' or ')}. It may have been deleted, made
              private by its owner, or not shared with this project.
            </Alert>
          </GoneOrNotFound>
        ) : (
          <>
            <h1 className="mt-4 text-2xl font-semibold">Image {imageId}</h1>
            <QueryError
              title="The image could not be loaded"
              className="mt-4"
              error={detail.error}
              onRetry={() => detail.refetch()}
            />
          </>
        )
      ) : (
        <ImageFields image={detail.data.image} region={detail.data.region} />
      )}
    </>
  )
}
