import { publicEndpointUrl } from '~/api/catalog'
import { ALL_REGIONS, regionsOf, type Session } from '~/api/scope'
import { useCaller } from '~/session/use-caller'
import { cn } from '~/ui/cn'
import { CopyButton } from '~/ui/copy-button'

/**
 * What a consumer sends a producer so it can share: Glance shares with a project ID, which a
 * producer cannot look up from a name, and an image lives in one region of one cloud.
 */
export function shareRequestText(session: Session): string {
  const project = session.project
  const regions = session.region === ALL_REGIONS ? regionsOf(session) : [session.region]
  const keystone = publicEndpointUrl(session.catalog, 'identity', regions[0] ?? '')
  return [
    'Please share the image with my OpenStack project:',
    `Project ID: ${project?.id ?? ''}`,
    `Project name: ${project?.name ?? ''}`,
    `Region: ${regions.join(' or ')}`,
    ...(keystone ? [`Cloud (Keystone): ${keystone}`] : []),
    '',
    'Once shared, I accept it in the Image Sharing Panel.',
  ].join('\n')
}

/**
 * The signed-in project's ID, which is what a producer needs to share with it, with a copy
 * button and a ready-made request to send.
 */
export function MyProjectId({ className }: { className?: string }) {
  const { session } = useCaller()
  const id = session.project?.id
  if (!id) return null
  return (
    <section
      aria-label="Your project ID"
      className={cn(
        'flex flex-wrap items-center gap-x-3 gap-y-2 rounded-md border border-gray-200 bg-gray-50 px-3 py-2 text-sm',
        className,
      )}
    >
      <span className="text-gray-700">
        To receive an image, give its producer this ID of project {session.project?.name}:
      </span>
      <span className="inline-flex items-center gap-1">
        <code className="break-all text-gray-900">{id}</code>
        <CopyButton value={id} label="your project ID" />
      </span>
      <CopyButton
        value={shareRequestText(session)}
        label="share request"
        text="Copy share request"
      />
    </section>
  )
}
