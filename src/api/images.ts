import type { ImageListParams } from './glance'
import { incomingStreams, regionStreams, type ImageStream } from './queries'
import { compareImagesBy } from './image-order'
import type { Caller } from './caller'
import { memberStatuses, type Image, type MemberStatus } from './schemas'

export type ImageSource = 'own' | 'shared' | 'public' | 'community' | 'other'

/** Where an image in our list comes from, as the Source column says it. */
export function imageSource(image: Image, projectId: string): ImageSource {
  if (image.owner === projectId) return 'own'
  if (image.visibility === 'public') return 'public'
  if (image.visibility === 'community') return 'community'
  if (image.visibility === 'shared') return 'shared'
  // Only an admin lists another project's private image.
  return 'other'
}

export const sourceLabel: Record<ImageSource, string> = {
  own: 'This project',
  shared: 'Shared Image',
  public: 'Public',
  community: 'Community',
  other: 'Other project',
}

/** Glance allows a nameless image; the UI still needs words for it. */
export const imageDisplayName = (image: Pick<Image, 'name' | 'id'>) =>
  image.name?.trim() ? image.name : `(no name) ${image.id}`

// ---- Saved Images views (the Glance list filters behind each one) ----

export const imageViews = ['all', 'mine', 'shared', 'public', 'community'] as const
export type ImageView = (typeof imageViews)[number]

export const isImageView = (v: unknown): v is ImageView =>
  typeof v === 'string' && (imageViews as readonly string[]).includes(v)

/** "Shared with me" by the project's answer: Glance's member_status values. */
export const sharedStatuses = ['pending', 'accepted', 'rejected', 'all'] as const
export type SharedStatus = (typeof sharedStatuses)[number]

export const isSharedStatus = (v: unknown): v is SharedStatus =>
  typeof v === 'string' && (sharedStatuses as readonly string[]).includes(v)

/**
 * The GET /v2/images streams behind a view (contract §7). "all" is Glance's default list (own,
 * public and accepted shares; for an admin, every project's). "mine" filters by owner, which also
 * keeps an admin's list to the admin's own project. "shared" asks for others' shared images by
 * membership status, one status at a time (see incomingStreams).
 */
export function imageViewStreams(opts: {
  view: ImageView
  status: SharedStatus
  caller: Caller
  regions: readonly string[]
  params: ImageListParams
}): ImageStream[] {
  const { view, status, caller, regions, params } = opts
  switch (view) {
    case 'all':
      return regionStreams(regions, params)
    case 'mine':
      return regionStreams(regions, { ...params, owner: caller.projectId })
    case 'shared':
      return incomingStreams(caller, regions, statusesOf(status), params)
    case 'public':
      return regionStreams(regions, { ...params, visibility: 'public' })
    case 'community':
      return regionStreams(regions, { ...params, visibility: 'community' })
  }
}

export const statusesOf = (status: SharedStatus): readonly MemberStatus[] =>
  status === 'all' ? memberStatuses : [status]

/**
 * Would this row be in the view if the answer being sent now had already taken? The optimistic
 * layer: an accepted share joins "All", a removed one leaves it, and "Shared with me" follows the
 * status chosen. Rows without a known membership (own, public, an admin's) stay as they are.
 */
export function inViewWithAnswer(
  view: ImageView,
  status: SharedStatus,
  membership: MemberStatus | undefined,
): boolean {
  if (membership === undefined) return true
  if (view === 'all') return membership === 'accepted'
  if (view === 'shared') return statusesOf(status).includes(membership)
  return true
}

export const imageSortKeys = ['created_at', 'name', 'size', 'status'] as const
export type ImageSortKey = (typeof imageSortKeys)[number]
export type ImageSort = { key: ImageSortKey; dir: 'asc' | 'desc' }

/** Glance's default order: newest first. */
export const defaultImageSort: ImageSort = { key: 'created_at', dir: 'desc' }

/** "name:asc" and the like, as kept in the URL; anything else is the default. */
export function parseImageSort(text: string | null): ImageSort {
  const [key, dir] = (text ?? '').split(':')
  const known = (imageSortKeys as readonly string[]).includes(key ?? '')
  if (!known || (dir !== 'asc' && dir !== 'desc')) return defaultImageSort
  return { key: key as ImageSortKey, dir }
}

export const formatImageSort = (s: ImageSort) => `${s.key}:${s.dir}`

/** The key, then created_at and id in the same direction, as Glance completes a sort. */
export const compareImages = (sort: ImageSort) =>
  compareImagesBy([sort, { key: 'created_at', dir: sort.dir }, { key: 'id', dir: sort.dir }])
