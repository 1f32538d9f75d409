import { imageDisplayName, imageSource, sourceLabel } from '~/api/images'
import { canLaunch } from '~/api/glance-policy'
import { isIncomingShare } from '~/api/share-answers'
import type { Image } from '~/api/schemas'
import { regionsOf } from '~/api/scope'
import { useCaller } from '~/session/use-caller'
import { formatBytes, formatDate } from '~/util/format'
import {
  IMAGE_SHARING_HEADING,
  ImageSharingTable,
} from '~/components/image-sharing/image-sharing-table'
import { textLinkClassName } from '~/ui/text-link'
import { ImageStatusBadge } from '~/components/image-status-badge'
import { LaunchServer } from '~/components/launch-server'
import { MySharePanel } from '~/components/my-share-panel'
import { ProjectLabel } from '~/components/project-label'
import { VisibilityControl } from '~/components/visibility-control'
import { CopyableId } from '~/ui/copy-button'
import { DescriptionItem, DescriptionList } from '~/ui/description-list'
import { NOTE_PROPERTY, SHARED_BY_PROPERTY } from '~/api/share-note'
import { ProducerWords } from '~/components/producer-words'
import { showsSharing } from './shows-sharing'

/** Glance's own fields; any other is a property the owner set, listed after them by its key. */
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

/** The image as Glance describes it, and the sections its caller may use. */
export function ImageFields({ image, region }: { image: Image; region: string }) {
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
      {showsSharing(session, image) && (
        // The facts run long: the owner's sharing is one step away, not a long scroll.
        <p className="mt-2 text-sm">
          <a
            href={`#${IMAGE_SHARING_HEADING}`}
            className={textLinkClassName()}
            onClick={(e) => {
              e.preventDefault()
              const heading = document.getElementById(IMAGE_SHARING_HEADING)
              heading?.scrollIntoView({ block: 'start' })
              heading?.focus({ preventScroll: true })
            }}
          >
            Go to Image Sharing
          </a>{' '}
          (who it is shared with, and their answers)
        </p>
      )}
      <DescriptionList className="mt-6 max-w-3xl">
        <DescriptionItem term="ID">
          <CopyableId value={image.id} label="image ID" />
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
        {(image[SHARED_BY_PROPERTY] !== undefined || image[NOTE_PROPERTY] !== undefined) && (
          <DescriptionItem term="The producer says">
            <ProducerWords image={image} className="text-sm" />
          </DescriptionItem>
        )}
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
