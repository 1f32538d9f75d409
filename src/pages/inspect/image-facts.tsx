import { imageDisplayName } from '~/api/images'
import { cli } from '~/api/openstack-cli'
import type { RegionImage } from '~/api/queries'
import { formatDate } from '~/util/format'
import { CliCommands } from '~/components/cli-command'
import { ImageStatusBadge } from '~/components/image-status-badge'
import { ProjectLabel } from '~/components/project-label'
import { CopyableId } from '~/ui/copy-button'
import { DescriptionItem, DescriptionList } from '~/ui/description-list'

const yesNo = (value: boolean | undefined) => (value === true ? 'Yes' : 'No')

/** What Glance says of the image itself: who owns it, who may see it, what state it is in. */
export function ImageFacts({
  found: { image, region },
  manyRegions,
}: {
  found: RegionImage
  manyRegions: boolean
}) {
  const scope = { region: manyRegions ? region : undefined }
  return (
    <section aria-labelledby="inspect-image-heading" className="mt-8 max-w-3xl">
      <h2 id="inspect-image-heading" className="text-lg font-semibold break-words">
        {imageDisplayName(image)}
      </h2>
      <DescriptionList className="mt-2">
        <DescriptionItem term="Image ID">
          <CopyableId value={image.id} label="image ID" />
        </DescriptionItem>
        <DescriptionItem term="Region">{region}</DescriptionItem>
        <DescriptionItem term="Owner project">
          {image.owner ? <ProjectLabel id={image.owner} /> : 'None: every project sees it'}
        </DescriptionItem>
        <DescriptionItem term="Visibility">{image.visibility}</DescriptionItem>
        <DescriptionItem term="Status">
          <ImageStatusBadge status={image.status} />
        </DescriptionItem>
        <DescriptionItem term="Protected">{yesNo(image.protected)}</DescriptionItem>
        <DescriptionItem term="Hidden">{yesNo(image.os_hidden)}</DescriptionItem>
        <DescriptionItem term="Created">{formatDate(image.created_at)}</DescriptionItem>
        <DescriptionItem term="Updated">{formatDate(image.updated_at)}</DescriptionItem>
      </DescriptionList>
      <CliCommands
        steps={[
          { what: 'Show the image', command: cli.imageShow(image.id, scope) },
          // Glance lists members of shared images only (contract §2).
          ...(image.visibility === 'shared'
            ? [{ what: 'List its members', command: cli.memberList(image.id, scope) }]
            : []),
        ]}
      />
    </section>
  )
}
