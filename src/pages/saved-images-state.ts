import type { ImageListParams } from '~/api/glance'
import {
  defaultImageSort,
  formatImageSort,
  imageViewStreams,
  isImageView,
  isSharedStatus,
  parseImageSort,
  type ImageSort,
  type ImageView,
  type SharedStatus,
} from '~/api/images'
import { imageStreamsQuery } from '~/api/queries'
import { callerOf, viewRegions, type Session } from '~/api/scope'

// Saved Images' URL state and list query, without React: the route's loader (src/app/loaders.ts)
// starts the very query the page reads, before the page's chunk has loaded.

export const PAGE_SIZE = 25

/**
 * Glance has no search inside names: its `name` filter matches a whole name exactly. "contains"
 * therefore filters the images loaded so far in the browser; "exact" asks Glance across all images.
 */
export type MatchMode = 'contains' | 'exact'

/** Everything the list shows is in the URL, so reload, back/forward and shared links keep it. */
export type ListState = {
  view: ImageView
  /** Shared with me: which answers to list. */
  status: SharedStatus
  q: string
  match: MatchMode
  sort: ImageSort
  /** How many pages of PAGE_SIZE (per region) are loaded. */
  pages: number
}

export function readState(params: URLSearchParams): ListState {
  const view = params.get('view')
  const pages = Number.parseInt(params.get('pages') ?? '1', 10)
  const status = params.get('status')
  return {
    view: isImageView(view) ? view : 'all',
    status: isSharedStatus(status) ? status : 'accepted',
    q: params.get('q') ?? '',
    match: params.get('match') === 'exact' ? 'exact' : 'contains',
    sort: parseImageSort(params.get('sort')),
    pages: Number.isFinite(pages) && pages > 1 ? Math.min(pages, 200) : 1,
  }
}

export function writeState(s: ListState): URLSearchParams {
  const out = new URLSearchParams()
  if (s.view !== 'all') out.set('view', s.view)
  if (s.view === 'shared' && s.status !== 'accepted') out.set('status', s.status)
  if (s.q !== '') out.set('q', s.q)
  if (s.q !== '' && s.match === 'exact') out.set('match', 'exact')
  const sort = formatImageSort(s.sort)
  if (sort !== formatImageSort(defaultImageSort)) out.set('sort', sort)
  if (s.pages > 1) out.set('pages', String(s.pages))
  return out
}

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
