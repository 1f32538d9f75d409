import * as v from 'valibot'
import {
  defaultImageSort,
  formatImageSort,
  imageViews,
  parseImageSort,
  sharedStatuses,
  type ImageSort,
} from '~/api/images'

// Saved Images' URL state, read by its route's loader (./loader.ts) and its page alike, so both
// build the same query. Everything the list shows is in the URL, so reload, back/forward and
// shared links keep it.

export const PAGE_SIZE = 25
/** A reload asks for at most this many pages at once. */
const MAX_PAGES = 200

/**
 * Glance has no search inside names: its `name` filter matches a whole name exactly. "contains"
 * therefore reads the list in the browser, page after page, up to a cap (use-contains-search.ts);
 * "exact" asks Glance across all images.
 */
const matchSchema = v.picklist(['contains', 'exact'])
export type MatchMode = v.InferOutput<typeof matchSchema>

// Each field on its own: a wrong value falls back to its default, the others stay.
const listUrlSchema = v.object({
  view: v.fallback(v.picklist(imageViews), 'all'),
  /** Shared with me: which answers to list. */
  status: v.fallback(v.picklist(sharedStatuses), 'accepted'),
  q: v.fallback(v.string(), ''),
  match: v.fallback(matchSchema, 'contains'),
  // undefinedable, not optional: readState always passes the key, and optional would make the
  // transformed value optional in ListState.
  sort: v.pipe(
    v.undefinedable(v.string()),
    v.transform((s): ImageSort => parseImageSort(s ?? null)),
  ),
  /** How many pages of PAGE_SIZE (per region) are loaded. */
  pages: v.fallback(
    v.pipe(
      v.string(),
      v.transform((s) => {
        const n = Number.parseInt(s, 10)
        return Number.isFinite(n) && n > 1 ? Math.min(n, MAX_PAGES) : 1
      }),
    ),
    1,
  ),
})

export type ListState = v.InferOutput<typeof listUrlSchema>

export function readState(params: URLSearchParams): ListState {
  const field = (name: keyof ListState) => params.get(name) ?? undefined
  return v.parse(listUrlSchema, {
    view: field('view'),
    status: field('status'),
    q: field('q'),
    match: field('match'),
    sort: field('sort'),
    pages: field('pages'),
  })
}

/** The shortest URL for a state: defaults are left out. */
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
