import type { ImageView, SharedStatus } from '~/api/images'
import type { Session } from '~/api/scope'
import { countOf } from '~/util/format'
import type { MatchMode } from './url-state'

// What Saved Images says about its views, empty lists and counts.

export const viewLabels: Record<ImageView, string> = {
  all: 'All',
  mine: 'My images',
  shared: 'Shared with me',
  public: 'Public',
  community: 'Community',
}

const statusWords: Record<SharedStatus, string> = {
  pending: 'waiting for an answer',
  accepted: 'accepted',
  rejected: 'rejected',
  all: 'in any status',
}

export function viewDescription(view: ImageView, status: SharedStatus, session: Session) {
  const project = session.project?.name ?? 'this project'
  switch (view) {
    case 'all':
      return `Images project ${project} can use`
    case 'mine':
      return `Images project ${project} owns`
    case 'shared':
      return `Images other projects shared with ${project}, ${statusWords[status]}`
    case 'public':
      return 'Public images, for every project'
    case 'community':
      return 'Community images, usable by any project that asks for them'
  }
}

export function emptyTitle(view: ImageView, status: SharedStatus, q: string, searching: boolean) {
  if (q !== '') return `No image matches “${q}”${searching ? ' yet' : ''}`
  switch (view) {
    case 'all':
      return 'No images yet'
    case 'mine':
      return 'This project owns no images'
    case 'shared':
      return status === 'all'
        ? 'Nothing shared with this project'
        : `No ${status === 'pending' ? 'pending' : status} shares`
    case 'public':
      return 'No public images'
    case 'community':
      return 'No community images'
  }
}

export function emptyText(
  view: ImageView,
  status: SharedStatus,
  q: string,
  match: MatchMode,
  session: Session,
  more: boolean,
) {
  const project = session.project?.name ?? 'this project'
  if (q !== '' && match === 'exact')
    return 'Glance found no image with exactly this whole name. Clear “Exact name” to look for part of a name.'
  // The search's own line under the list says how far it read.
  if (q !== '') return ''
  if (more) return 'None among the images loaded so far. Load more images to look further.'
  switch (view) {
    case 'all':
      return `Project ${project} has no images of its own, no accepted shares and no public images here.`
    case 'mine':
      return `Images that project ${project} uploads or creates appear here.`
    case 'shared':
      return sharedEmptyText(status, project)
    case 'public':
      return 'Public images are published by the cloud’s operators; there are none here.'
    case 'community':
      return 'No project has made an image available to the community here.'
  }
}

function sharedEmptyText(status: SharedStatus, project: string) {
  switch (status) {
    case 'pending':
      return `No share waits for ${project}’s answer.`
    case 'accepted':
      return `No other project has shared an image with ${project} that ${project} accepted. Shares waiting for an answer are under Pending.`
    case 'rejected':
      return `${project} has rejected or removed no shared image.`
    case 'all':
      return `No other project has shared an image with ${project}.`
  }
}

export function countText(shown: number) {
  return `Showing ${countOf(shown, 'image')}.`
}
