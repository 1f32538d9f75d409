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
