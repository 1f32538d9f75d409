import { imageDisplayName } from '~/api/images'
import type { RegionImage } from '~/api/queries'
import { isIncomingShare } from '~/api/share-answers'
import { useCaller } from '~/session/use-caller'
import { paths } from '~/util/paths'
import { Alert } from '~/ui/alert'
import { RouterTextLink } from '~/components/router-links'

/** A 404 for an image this tab knew: where it was, say that it went away and why that happens. */
export function GoneOrNotFound({
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
        <RouterTextLink to={paths.images()}>Back to Saved Images</RouterTextLink>
      </p>
    </>
  )
}
