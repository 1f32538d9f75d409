import type { ImageListParams } from '~/api/glance'
import { imageViewStreams } from '~/api/images'
import { imageStreamsQuery } from '~/api/queries'
import { callerOf, viewRegions, type Session } from '~/api/scope'
import { PAGE_SIZE, type ListState } from './url-state'

// Saved Images' list query, without React: the route's loader (./loader.ts) starts the very query
// the page reads, before the page's chunk has loaded.

/** The streams of the list the page shows for this URL state, in the session's regions. */
export function savedImagesStreams(session: Session, state: ListState) {
  const { view, status, q, match, sort } = state
  const params: ImageListParams = {
    limit: PAGE_SIZE,
    name: q !== '' && match === 'exact' ? q : undefined,
    sort_key: sort.key,
    sort_dir: sort.dir,
  }
  const regions = viewRegions(session)
  return imageViewStreams({ view, status, caller: callerOf(session), regions, params })
}

/**
 * The list query; a reload with `pages=N` reads its first N pages in one request per stream
 * (up to Glance's `api_limit_max`), the further ones page by page.
 */
export const savedImagesQuery = (session: Session, state: ListState) =>
  imageStreamsQuery(session, savedImagesStreams(session, state), state.pages)
