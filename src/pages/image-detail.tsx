import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Link, useParams, useSearchParams } from 'react-router'
import { imageDisplayName, imageSource, sourceLabel } from '~/api/images'
import { cachedImage, imageDetailQuery, type RegionImage } from '~/api/queries'
import { canLaunch } from '~/api/glance-policy'
import { isIncomingShare } from '~/api/share-answers'
import type { Image } from '~/api/schemas'
import { regionsOf } from '~/api/scope'
import { useSession } from '~/session/session'
import { useCaller } from '~/session/use-caller'
import { paths } from '~/util/paths'
import { formatBytes, formatDate } from '~/util/format'
import { ImageSharingTable } from '~/components/image-sharing-table'
import { ImageStatusBadge } from '~/components/image-status-badge'
import { LaunchServer } from '~/components/launch-server'
import { MySharePanel } from '~/components/my-share-panel'
import { SavedImagesBreadcrumb } from '~/components/breadcrumb'
import { ProjectLabel } from '~/components/project-label'
import { QueryError } from '~/components/query-error'
import { VisibilityControl } from '~/components/visibility-control'
import { Alert } from '~/ui/alert'
import { CopyButton } from '~/ui/copy-button'
import { DescriptionItem, DescriptionList } from '~/ui/description-list'
import { Skeleton } from '~/ui/skeleton'
import { TextLink } from '~/ui/text-link'
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

/** A 404 for an image this tab knew: where it was, say that it went away and why that happens. */
function GoneOrNotFound({
  known,
  children,
}: {
  known: RegionImage | undefined
  children: React.ReactNode
}) {
  const { session, caller } = useCaller()
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
          {isIncomingShare(image, caller)
            ? `The producer removed project ${project} from its members, made it private, or deleted it.`
            : 'It was deleted, or made private by its owner, meanwhile.'}
        </p>
      </Alert>
      <p className="mt-4 text-sm">
        <TextLink asChild>
          <Link to={paths.images()}>Back to Saved Images</Link>
        </TextLink>
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

function ImageFields({ image, region }: { image: Image; region: string }) {
  const { session, caller } = useCaller()
  const projectId = session.project?.id ?? ''
  const incoming = isIncomingShare(image, caller)
  // A share's launch help is in the consumer's section.
  const launchable = !incoming && canLaunch(image, caller)
  const extra = Object.entries(image).filter(([k]) => !BASE_FIELDS.has(k))
  return (
    <>
      <h1 className="mt-4 text-2xl font-semibold break-words">{imageDisplayName(image)}</h1>
      {incoming && <MySharePanel image={image} region={region} />}
      <DescriptionList className="mt-6 max-w-3xl">
        <DescriptionItem term="ID">
          <span className="inline-flex items-center gap-2">
            <code className="break-all">{image.id}</code>
            <CopyButton value={image.id} label="image ID" />
          </span>
        </DescriptionItem>
        <DescriptionItem term="Status">
          <ImageStatusBadge status={image.status} />
        </DescriptionItem>
        <DescriptionItem term="Visibility">{image.visibility}</DescriptionItem>
        <DescriptionItem term="Source">
          {sourceLabel[imageSource(image, projectId)]}
        </DescriptionItem>
        <DescriptionItem term="Owner project">
          {image.owner ? <ProjectLabel id={image.owner} /> : '— (no owner)'}
        </DescriptionItem>
        <DescriptionItem term="Region">{region}</DescriptionItem>
        <DescriptionItem term="Disk format">{image.disk_format ?? '—'}</DescriptionItem>
        <DescriptionItem term="Container format">{image.container_format ?? '—'}</DescriptionItem>
        <DescriptionItem term="Size">{formatBytes(image.size)}</DescriptionItem>
        <DescriptionItem term="Virtual size">{formatBytes(image.virtual_size)}</DescriptionItem>
        <DescriptionItem term="Minimum disk">{`${image.min_disk ?? 0} GB`}</DescriptionItem>
        <DescriptionItem term="Minimum RAM">{`${image.min_ram ?? 0} MB`}</DescriptionItem>
        <DescriptionItem term="Checksum (MD5)">
          <code className="break-all">{image.checksum ?? '—'}</code>
        </DescriptionItem>
        <DescriptionItem term="Hash">
          {image.os_hash_value ? (
            <code className="break-all">
              {image.os_hash_algo}: {image.os_hash_value}
            </code>
          ) : (
            '—'
          )}
        </DescriptionItem>
        <DescriptionItem term="Created">{formatDate(image.created_at)}</DescriptionItem>
        <DescriptionItem term="Updated">{formatDate(image.updated_at)}</DescriptionItem>
        <DescriptionItem term="Protected">
          {image.protected ? 'Yes: it cannot be deleted' : 'No'}
        </DescriptionItem>
        <DescriptionItem term="Hidden">
          {image.os_hidden ? 'Yes: left out of image lists' : 'No'}
        </DescriptionItem>
        <DescriptionItem term="Tags">
          {image.tags?.length ? image.tags.join(', ') : '—'}
        </DescriptionItem>
        {extra.map(([k, v]) => (
          <DescriptionItem key={k} term={k}>
            {typeof v === 'string' ? v : JSON.stringify(v)}
          </DescriptionItem>
        ))}
      </DescriptionList>
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
