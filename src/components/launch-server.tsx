import { useId } from 'react'
import type { Image } from '~/api/schemas'
import { cli } from '~/api/openstack-cli'
import { CopyButton } from '~/ui/copy-button'
import { CliCommand } from '~/components/cli-command'

/**
 * How to use the image: its ID and the equivalent `openstack server create` command, both
 * copyable. A section of its own on the page, or a subsection (h3) of the consumer's section.
 */
export function LaunchServer({
  image,
  region,
  regionCount,
  headingLevel = 2,
}: {
  image: Image
  region: string
  /** How many regions the cloud has: with more than one, the command needs the region. */
  regionCount: number
  headingLevel?: 2 | 3
}) {
  const headingId = useId()
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  const command = cli.serverCreate(image.id, { region: regionCount > 1 ? region : undefined })
  return (
    <section
      aria-labelledby={headingId}
      className={headingLevel === 2 ? 'mt-10 max-w-3xl' : 'mt-6 max-w-3xl'}
    >
      <Heading
        id={headingId}
        className={headingLevel === 2 ? 'text-lg font-semibold' : 'text-base font-semibold'}
      >
        Launch a server from this image
      </Heading>
      {image.status !== 'active' ? (
        <p className="mt-2 text-sm text-gray-700">
          Servers can start from it once its status is active; it is {image.status} now.
        </p>
      ) : (
        <>
          <p className="mt-2 text-sm text-gray-700">
            Give Nova this image ID wherever a server is created
            {regionCount > 1 ? <>, in region {region}</> : null}. With the OpenStack client:
          </p>
          <p className="mt-2 flex flex-wrap items-center gap-2 text-sm">
            <span className="font-medium text-gray-700">Image ID</span>
            <code className="break-all">{image.id}</code>
            {/* Not "image ID": the field above already has "Copy image ID". */}
            <CopyButton value={image.id} label="ID to launch" />
          </p>
          <div className="mt-2">
            <CliCommand command={command} label="server create command" />
          </div>
          <p className="mt-2 text-sm text-gray-700">
            Replace <code>&lt;flavor&gt;</code>, <code>&lt;network&gt;</code> and{' '}
            <code>&lt;server-name&gt;</code>.
          </p>
        </>
      )}
    </section>
  )
}
