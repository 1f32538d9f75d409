import { toApiError } from '~/api/http'

/**
 * What a failed call means to the user, whatever the call: what it asked about is gone (404:
 * Glance hides what the caller may no longer see), Glance said no (400, 403, 409: asking again
 * changes nothing), or the call did not get through (the rest: trying again may work).
 */
export type Failure = 'gone' | 'refused' | 'failed'

export function failureOf(status: number): Failure {
  if (status === 404) return 'gone'
  if (status === 403 || status === 400 || status === 409) return 'refused'
  return 'failed'
}

/**
 * A share that is gone, as its consumer sees it: Glance hides another project's shared image from
 * a project that is no longer its member, so a 404 means removed, made private or deleted.
 */
export const goneText =
  'No longer shared with you: the producer removed this project or made the image private.'

/** What the user was doing when a call failed: it decides what a 404 means. */
export type FailedAction =
  /** The consumer answers a share (accept, reject, back to pending) or reads its membership. */
  | { action: 'answer-share' }
  /** The owner removes a member or adds one back. */
  | { action: 'change-member' }
  /** The owner reads or changes its image: the member list, the visibility, a share. */
  | { action: 'manage-image'; imageId: string }
  /** Anyone opens an image by the ID typed. */
  | { action: 'open-image'; imageId: string; project: string }

function goneSentence(what: FailedAction, glanceSays: string): string {
  switch (what.action) {
    case 'answer-share':
      return goneText
    case 'change-member':
      return `Glance no longer finds this image or this member: the image may have been deleted or made private, or the member removed, meanwhile. (${glanceSays})`
    case 'manage-image':
      return `Glance no longer finds image ${what.imageId}: it may have been deleted or made private meanwhile. (${glanceSays})`
    case 'open-image':
      return `No image with ID ${what.imageId} is visible to project ${what.project} in any region: it may not exist, or not be shared with this project.`
  }
}

/**
 * One failed call in words a user can act on, the one wording of each case for every component.
 * Glance's own text is kept, since it names the rule; an answer to a share is safe to send again,
 * so its failures say so.
 */
export function describeError(error: unknown, what: FailedAction): string {
  const e = toApiError(error)
  switch (failureOf(e.status)) {
    case 'gone':
      return goneSentence(what, e.message)
    case 'refused':
      return `Glance refused: ${e.message}`
    case 'failed':
      return what.action === 'answer-share' ? `${e.message} Nothing changed; try again.` : e.message
  }
}
