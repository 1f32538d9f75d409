import { normaliseUuid } from '~/api/ids'

/**
 * What support staff paste into "Image ID": the ID itself (any case, with or without dashes), or
 * a panel link to the image (`…/images/<id>?region=<r>`), whose region then comes along.
 */
export function readImageLookup(text: string): { image: string; region?: string } | null {
  const trimmed = text.trim()
  const direct = normaliseUuid(trimmed)
  if (direct) return { image: direct }
  let url: URL
  try {
    url = new URL(trimmed, 'http://panel.invalid')
  } catch {
    return null
  }
  const segments = url.pathname.split('/').filter(Boolean)
  const at = segments.lastIndexOf('images')
  const id = at >= 0 ? normaliseUuid(decodeURIComponent(segments[at + 1] ?? '')) : null
  if (!id) return null
  const region = url.searchParams.get('region') ?? undefined
  return region ? { image: id, region } : { image: id }
}
