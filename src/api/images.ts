import type { Image } from './schemas'

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

/**
 * The GET /v2/images filters for a view (contract §7). "all" is Glance's default list (own, public
 * and accepted shares; for an admin, every project's). "mine" filters by owner, which also keeps an
 * admin's list to the admin's own project. "shared" asks for shared images whose membership is
 * accepted; Glance includes the caller's own shared images, which `inImageView` drops.
 */
export function imageViewFilters(
  view: ImageView,
  projectId: string,
): { owner?: string; visibility?: 'shared' | 'public' | 'community'; member_status?: 'accepted' } {
  switch (view) {
    case 'all':
      return {}
    case 'mine':
      return { owner: projectId }
    case 'shared':
      return { visibility: 'shared', member_status: 'accepted' }
    case 'public':
      return { visibility: 'public' }
    case 'community':
      return { visibility: 'community' }
  }
}

/** What Glance's filters cannot say: "shared with me" excludes the project's own shared images. */
export const inImageView = (view: ImageView, image: Image, projectId: string) =>
  view !== 'shared' || image.owner !== projectId

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

/**
 * Glance's order (sqlalchemy: the key, then created_at and id in the same direction; NULL first
 * ascending), for merging pages from several regions into one list.
 */
export function compareImages(sort: ImageSort) {
  const keys = [sort.key, 'created_at', 'id'] as const
  return (a: Image, b: Image) => {
    for (const key of keys) {
      const c = compareNullable(a[key], b[key])
      if (c !== 0) return sort.dir === 'asc' ? c : -c
    }
    return 0
  }
}

function compareNullable(a: string | number | null | undefined, b: typeof a): number {
  if (a === b) return 0
  if (a === null || a === undefined) return -1
  if (b === null || b === undefined) return 1
  return a < b ? -1 : a > b ? 1 : 0
}
