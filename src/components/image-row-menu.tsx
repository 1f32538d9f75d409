import { lazy, Suspense, useRef } from 'react'
import { Link } from 'react-router'
import { imageDisplayName } from '~/api/images'
import { answersFrom, isIncomingShare } from '~/api/share-answers'
import { sharePlanFor } from '~/api/share-plan'
import { whatCallerMay } from '~/api/glance-policy'
import { hasRole, isAdmin, isOwner } from '~/api/caller'
import { answerDenialReason } from '~/api/denial-reasons'
import type { Image, MemberStatus } from '~/api/schemas'
import { useCaller } from '~/session/use-caller'
import { paths } from '~/util/paths'
import { answerLabel, useShareAnswer } from '~/components/share-answers'
import { useShareImageDialog } from '~/components/share-image/use-share-image-dialog'
import { RowActionsButton } from '~/components/row-actions-button'
import { ActionMenu, type MenuAction } from '~/ui/action-menu'
import type { OpenOnLoad } from '~/ui/deferred'

// Loaded when a row's Share Image first opens it: the list's first rows do not wait for it.
const ShareImageDialog = lazy(async () => ({
  default: (await import('~/components/share-image/share-image-dialog')).ShareImageDialog,
}))

export type ImageRowMenuProps = {
  image: Image
  region: string
  membership?: MemberStatus | undefined
}

/**
 * The "Actions for <image name>" menu of a Saved Images row: the owner's Share Image, and for
 * another project's shared image the consumer's answers from its current `membership`. Loaded
 * after the list's first rows (columns.tsx), as is the menu's own code.
 */
export default function ImageRowMenu({
  image,
  region,
  membership,
  defaultOpen,
}: ImageRowMenuProps & { defaultOpen: OpenOnLoad }) {
  const name = imageDisplayName(image)
  const triggerRef = useRef<HTMLButtonElement>(null)
  // The menu item that opens the dialog is gone once it closes: focus returns to the row's button.
  const share = useShareImageDialog(triggerRef)

  const { caller } = useCaller()
  const incoming = isIncomingShare(image, caller)
  const plan = sharePlanFor(image, caller)
  const shareReason = plan.kind === 'denied' || plan.kind === 'no-members' ? plan.reason : undefined
  const answers = incoming && membership ? answersFrom(membership) : []
  const mayAnswer = whatCallerMay(image, caller, membership && { status: membership }).setOwnStatus
  const respond = useShareAnswer()
  // An action shows disabled only where another role in this project could take it (a reader's
  // answers, an owner project's reader sharing); what no role here could do is left out.
  const answerReason = answerDenialReason(mayAnswer, caller)
  const answerItems: MenuAction[] = mayAnswer.ok
    ? answers.map((a) => ({
        label: answerLabel[a],
        onSelect: () => respond.answer({ region, image, answer: a }),
      }))
    : answerReason !== undefined && !hasRole(caller, 'member')
      ? answers.map((a) => ({ label: answerLabel[a], disabledReason: answerReason }))
      : []
  const ownerSide = isOwner(image, caller) || isAdmin(caller)

  const actions: MenuAction[] = [
    { link: <Link to={paths.image(image.id, region)}>View details</Link> },
    ...answerItems,
    ...(!ownerSide
      ? []
      : shareReason === undefined
        ? [{ label: 'Share Image', onSelect: share.openDialog }]
        : [{ label: 'Share Image', disabledReason: shareReason }]),
  ]

  return (
    <>
      <ActionMenu
        trigger={<RowActionsButton ref={triggerRef} name={name} />}
        defaultOpen={defaultOpen}
        actions={actions}
        className="max-w-xs"
      />
      {share.dialog && (
        <Suspense>
          <ShareImageDialog image={image} region={region} {...share.dialog} />
        </Suspense>
      )}
      {respond.dialog}
    </>
  )
}
