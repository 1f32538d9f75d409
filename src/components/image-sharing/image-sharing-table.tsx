import * as React from 'react'
import { seesAllMembers } from '~/api/glance-policy'
import { sharePlanFor } from '~/api/share-plan'
import type { Image } from '~/api/schemas'
import { ShareImageDialog } from '~/components/share-image/share-image-dialog'
import { useShareImageDialog } from '~/components/share-image/use-share-image-dialog'
import { useCaller } from '~/session/use-caller'
import { Alert } from '~/ui/alert'
import { Button } from '~/ui/button'
import { MembersPanel } from './members-panel'

/**
 * The "Image Sharing" section of Image Detail: who the image is shared with and their answers,
 * for the owner (and admins). Glance lists members only of a shared image, so for any other
 * visibility it is not asked at all and the section says why.
 */
/** The section heading's id, for the image page's link to it. One section per page. */
export const IMAGE_SHARING_HEADING = 'image-sharing'

export function ImageSharingTable({ image, region }: { image: Image; region: string }) {
  const { caller } = useCaller()
  const headingId = IMAGE_SHARING_HEADING
  const shareButton = React.useRef<HTMLButtonElement>(null)
  const share = useShareImageDialog(shareButton)

  const seesAll = seesAllMembers(image, caller)
  const plan = sharePlanFor(image, caller)
  const shareReason = plan.kind === 'denied' || plan.kind === 'no-members' ? plan.reason : undefined

  return (
    <section aria-labelledby={IMAGE_SHARING_HEADING} className="mt-10 max-w-5xl scroll-mt-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        {/* id: the page's "Image Sharing" link jumps here, past the facts above. */}
        <h2
          id={IMAGE_SHARING_HEADING}
          tabIndex={-1}
          className="text-lg font-semibold focus:outline-none"
        >
          Image Sharing
        </h2>
        {seesAll && (
          <Button ref={shareButton} disabledReason={shareReason} onClick={share.openDialog}>
            Share Image
          </Button>
        )}
      </div>
      <div className="mt-3">
        {image.visibility === 'public' || image.visibility === 'community' ? (
          <Alert variant="info">
            This image is {image.visibility}: every project can already use it by its ID, so members
            don’t apply (Glance refuses them). To choose who may use it, its owner would make it
            shared.
          </Alert>
        ) : !seesAll ? (
          <Alert variant="info">
            This image belongs to another project. Only its owner (and cloud administrators) can see
            which projects it is shared with.
          </Alert>
        ) : image.visibility === 'private' ? (
          <Alert variant="info">
            This image is private: make it shared to add members. Projects that were members when it
            was last shared get it back, with the status they had, once it is shared again.
          </Alert>
        ) : (
          <MembersPanel image={image} region={region} headingId={headingId} />
        )}
      </div>
      {share.dialog && <ShareImageDialog image={image} region={region} {...share.dialog} />}
    </section>
  )
}
