import type { Image, MemberStatus } from '~/api/schemas'
import { canSeeImage, decideSetMemberStatus } from '~/api/glance-policy'
import { type Caller } from '~/api/caller'

/**
 * What a project sees of an image, in words: the support pages' answer to "why can't project X
 * see image Y?". Each verdict is asked of glance-policy.ts or follows the contract's list rules
 * (docs/glance-contract.md §0, §4, §7, §9); nothing here is decided by a page. A verdict speaks
 * for a user of that project with the member role under the new default policy, as most are.
 */

/** The parts of an image the verdicts read. */
export type InspectedImage = Pick<Image, 'id' | 'owner' | 'visibility' | 'status'> & {
  os_hidden?: boolean | undefined
}

export type Verdict = { yes: boolean; why: string }

export type ProjectVerdicts = {
  /** Can a server boot from the image, given its ID? */
  boot: Verdict
  /** Is it in the project's default image list (`GET /v2/images`)? */
  defaultList: Verdict
  /** Is it among the images shared with the project (`visibility=shared&member_status=…`)? */
  sharedWithIt: Verdict
  /** Can the project accept, reject or reset its own answer? */
  answer: Verdict
}

const yes = (why: string): Verdict => ({ yes: true, why })
const no = (why: string): Verdict => ({ yes: false, why })

/** Glance leaves these out of every list (§7) and serves no data for them. */
const gone = (status: string) => ['deleted', 'pending_delete', 'killed'].includes(status)

function goneReason(status: string): string {
  if (status === 'killed') return 'The image is killed (its upload failed): it has no data.'
  return 'The image is deleted: no project can use it any more.'
}

/**
 * Why the project can or cannot see the image at all (glance/db/utils.py::is_image_visible):
 * the first fact every other verdict builds on.
 */
function visibilityFact(image: InspectedImage, projectId: string, row?: MemberStatus): Verdict {
  const caller: Caller = { projectId, roles: ['member'] }
  const sees = canSeeImage(image, caller, row === undefined ? undefined : { status: row })
  if (image.owner === projectId) return yes('It owns the image.')
  if (image.owner === null) return yes('The image has no owner, so every project sees it.')
  switch (image.visibility) {
    case 'public':
      return yes('The image is public: every project sees it.')
    case 'community':
      return yes('The image is community: every project can use it by ID.')
    case 'private':
      return row === undefined
        ? no(
            'The image is private: only its owner sees it. Glance keeps, hidden, any member row from when it was shared; it counts again once the image is shared again.',
          )
        : no(
            `The image was made private again: the project's member row (${row}) is kept, but gives no access until the image is shared again.`,
          )
    case 'shared':
      return sees
        ? yes(
            `It is a member (${row ?? 'pending'}): a member sees a shared image whatever its answer.`,
          )
        : no('It is not a member of this shared image.')
  }
}

/** The four verdicts for `projectId`, whose member row (if any) has status `row`. */
export function verdictsFor(
  image: InspectedImage,
  projectId: string,
  row?: MemberStatus,
): ProjectVerdicts {
  const sees = visibilityFact(image, projectId, row)
  const owner = image.owner === projectId

  const boot = ((): Verdict => {
    if (!sees.yes) return sees
    if (gone(image.status)) return no(goneReason(image.status))
    if (image.status === 'deactivated')
      return no('The image is deactivated: Glance serves its data to no one but an admin.')
    if (image.status !== 'active')
      return no(`The image is ${image.status}: it has no data to boot from yet.`)
    return sees
  })()

  const defaultList = ((): Verdict => {
    if (gone(image.status)) return no(goneReason(image.status))
    if (image.os_hidden === true)
      return no(
        'The image is hidden (os_hidden): lists leave it out unless asked for hidden images.',
      )
    if (!sees.yes) return sees
    if (owner) return yes('A project lists its own images, whatever their visibility.')
    switch (image.visibility) {
      case 'public':
        return yes('Every project lists public images.')
      case 'community':
        return no(
          "Another project's community image is left out of the default list; it is listed when asked for visibility=community.",
        )
      case 'shared':
        return row === 'accepted'
          ? yes('It accepted the share, and accepted shares are listed.')
          : no(
              `Its answer is ${row ?? 'pending'}: a shared image is listed only once the member accepts it.`,
            )
      case 'private':
        return sees
    }
  })()

  const sharedWithIt = ((): Verdict => {
    if (owner)
      return no('It owns the image: an image is shared with other projects, not its owner.')
    if (image.visibility !== 'shared' || row === undefined) {
      if (row !== undefined)
        return no(
          `The image is ${image.visibility}, not shared: its member row (${row}) is kept but lists no longer show it as shared.`,
        )
      return no('It is not a member of the image.')
    }
    if (gone(image.status)) return no(goneReason(image.status))
    if (image.os_hidden === true)
      return no(
        'The image is hidden (os_hidden): lists leave it out unless asked for hidden images.',
      )
    return yes(`It is listed among the images shared with it, under ${row}.`)
  })()

  const answer = ((): Verdict => {
    if (owner) return no('The owner cannot answer a share of its own image; only a member can.')
    const decision = decideSetMemberStatus(
      {
        image,
        caller: { projectId, roles: ['member'] },
        mode: 'new-defaults',
        membership: row === undefined ? undefined : { status: row },
      },
      projectId,
      row === undefined ? undefined : { memberId: projectId, status: row },
      'accepted',
    )
    if (decision.ok)
      return yes(
        `It is a member: it can accept, reject or go back to pending (now ${row ?? 'pending'}).`,
      )
    if (row === undefined) return no('It is not a member, so it has no answer to give.')
    return no(
      `The image is ${image.visibility}, not shared: Glance refuses every answer until it is shared again.`,
    )
  })()

  return { boot, defaultList, sharedWithIt, answer }
}

/** The two verdicts a table has room for, in a few words: "Boots it by ID; listed". */
export const verdictSummary = (v: ProjectVerdicts) =>
  `${v.boot.yes ? 'Boots it by ID' : 'Cannot boot it'}; ${v.defaultList.yes ? 'listed' : 'not listed'}`
