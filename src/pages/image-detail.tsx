import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Link, useParams, useSearchParams } from 'react-router'
import { imageDisplayName, imageSource, sourceLabel } from '~/api/images'
import { cachedImage, imageDetailQuery, type RegionImage } from '~/api/queries'
import { isAdmin, isIncomingShare, isOwner } from '~/api/rules'
import type { Image } from '~/api/schemas'
import { callerOf, regionsOf, useSession, type Session } from '~/session/session'
import { formatBytes, formatDate } from '~/util/format'
import { ImageSharingTable } from '~/components/image-sharing-table'
import { LaunchServer } from '~/components/launch-server'
import { MySharePanel } from '~/components/my-share-panel'
import { SavedImagesBreadcrumb } from '~/components/breadcrumb'
import { ProjectLabel } from '~/components/project-label'
import { QueryError } from '~/components/query-error'
import { VisibilityControl } from '~/components/visibility-control'
import { Alert } from '~/ui/alert'
import { Badge } from '~/ui/badge'
import { CopyButton } from '~/ui/copy-button'
import { Skeleton } from '~/ui/skeleton'
import { detailRegions, showsSharing } from './image-detail-state'

export default function ImageDetailPage() {
  const session = useSession()
  const qc = useQueryClient()
  const { imageId = '' } = useParams()
  const [params] = useSearchParams()
  const regions = detailRegions(session, params.get('region'))
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
            session={session}
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
        <ImageFields image={detail.data.image} region={detail.data.region} session={session} />
      )}
    </>
  )
}

/** A 404 for an image this tab knew: where it was, say that it went away and why that happens. */
function GoneOrNotFound({
  known,
  session,
  children,
}: {
  known: RegionImage | undefined
  session: Session
  children: React.ReactNode
}) {
  if (!known) return children
  const { image } = known
  const project = session.project?.name ?? session.project?.id ?? ''
  return (
    <>
      <h1 className="mt-4 text-2xl font-semibold">Image no longer available</h1>
      <Alert variant="warning" className="mt-4" title={imageDisplayName(image)}>
        <p>
          Image <code className="break-all">{image.id}</code> in {known.region} is no longer visible
          to this project.{' '}
          {isIncomingShare(image, callerOf(session))
            ? `The producer removed project ${project} from its members, made it private, or deleted it.`
            : 'It was deleted, or made private by its owner, meanwhile.'}
        </p>
      </Alert>
      <p className="mt-4 text-sm">
        <Link to="/images" className="text-blue-700 underline underline-offset-2">
          Back to Saved Images
        </Link>
      </p>
    </>
  )
}

const BASE_FIELDS = new Set([
  'id',
  'name',
  'status',
  'visibility',
  'owner',
  'size',
  'virtual_size',
  'disk_format',
  'container_format',
  'min_disk',
  'min_ram',
  'protected',
  'os_hidden',
  'checksum',
  'os_hash_algo',
  'os_hash_value',
  'tags',
  'created_at',
  'updated_at',
  'self',
  'file',
  'schema',
  'locations',
  'direct_url',
  'stores',
])

function ImageFields({
  image,
  region,
  session,
}: {
  image: Image
  region: string
  session: Session
}) {
  const projectId = session.project?.id ?? ''
  const caller = callerOf(session)
  const incoming = isIncomingShare(image, caller)
  // Anyone may launch an image it owns, a public or community one, and an admin any; a share's
  // launch help is in the consumer's section.
  const launchable =
    !incoming &&
    (isOwner(image, caller) ||
      isAdmin(caller) ||
      image.visibility === 'public' ||
      image.visibility === 'community')
  const extra = Object.entries(image).filter(([k]) => !BASE_FIELDS.has(k))
  const field = (label: string, value: React.ReactNode) => (
    <div key={label} className="grid grid-cols-3 gap-4 border-b border-gray-200 py-2">
      <dt className="font-medium text-gray-700">{label}</dt>
      <dd className="col-span-2 break-words">{value}</dd>
    </div>
  )
  return (
    <>
      <h1 className="mt-4 text-2xl font-semibold break-words">{imageDisplayName(image)}</h1>
      {incoming && <MySharePanel image={image} region={region} />}
      <dl className="mt-6 max-w-3xl text-sm">
        {field(
          'ID',
          <span className="inline-flex items-center gap-2">
            <code className="break-all">{image.id}</code>
            <CopyButton value={image.id} label="image ID" />
          </span>,
        )}
        {field(
          'Status',
          <Badge tone={image.status === 'active' ? 'success' : 'neutral'}>{image.status}</Badge>,
        )}
        {field('Visibility', image.visibility)}
        {field('Source', sourceLabel[imageSource(image, projectId)])}
        {field(
          'Owner project',
          image.owner ? <ProjectLabel session={session} id={image.owner} /> : '— (no owner)',
        )}
        {field('Region', region)}
        {field('Disk format', image.disk_format ?? '—')}
        {field('Container format', image.container_format ?? '—')}
        {field('Size', formatBytes(image.size))}
        {field('Virtual size', formatBytes(image.virtual_size))}
        {field('Minimum disk', `${image.min_disk ?? 0} GB`)}
        {field('Minimum RAM', `${image.min_ram ?? 0} MB`)}
        {field('Checksum (MD5)', <code className="break-all">{image.checksum ?? '—'}</code>)}
        {field(
          'Hash',
          image.os_hash_value ? (
            <code className="break-all">
              {image.os_hash_algo}: {image.os_hash_value}
            </code>
          ) : (
            '—'
          ),
        )}
        {field('Created', formatDate(image.created_at))}
        {field('Updated', formatDate(image.updated_at))}
        {field('Protected', image.protected ? 'Yes: it cannot be deleted' : 'No')}
        {field('Hidden', image.os_hidden ? 'Yes: left out of image lists' : 'No')}
        {field('Tags', image.tags?.length ? image.tags.join(', ') : '—')}
        {extra.map(([k, v]) => field(k, typeof v === 'string' ? v : JSON.stringify(v)))}
      </dl>
      {launchable && (
        <LaunchServer image={image} region={region} regionCount={regionsOf(session).length} />
      )}
      {showsSharing(session, image) && (
        <>
          <VisibilityControl image={image} region={region} />
          <ImageSharingTable image={image} region={region} />
        </>
      )}
    </>
  )
}
