/**
 * Every in-app URL, built in one place so links, redirects and the routes in src/app/app.tsx
 * cannot drift apart. Query values are encoded here, never at the call site.
 */

const withSearch = (path: string, search?: URLSearchParams | string) => {
  const query = search === undefined ? '' : search.toString()
  return query === '' ? path : `${path}?${query}`
}

/** The parameters that have a value; the others are left out of the URL. */
const defined = (params: Record<string, string | undefined>) =>
  new URLSearchParams(
    Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined),
  )

export const paths = {
  /** Saved Images; `search` is its list state (src/pages/saved-images/url-state.ts). */
  images: (search?: URLSearchParams) => withSearch('/images', search),
  /** Image Detail, in the region it was found in. */
  image: (id: string, region: string) =>
    withSearch(`/images/${encodeURIComponent(id)}`, new URLSearchParams({ region })),
  /** Support staff's Inspect page: an image, where to look for it, and a project to explain. */
  inspect: (params: { image?: string; region?: string; check?: string } = {}) =>
    withSearch('/inspect', defined(params)),
  /** Support's project lens: every image shared with a project, in a region or all. */
  projectLens: (params: { project?: string; region?: string } = {}) =>
    withSearch('/inspect/project', defined(params)),
  /** Where a consumer answers the shares waiting for it. */
  review: () => '/review',
  /** `next`: where to go once signed in; `reason`/`step` say why sign-in is shown. */
  signIn: (params: { next?: string; reason?: 'expired'; step?: 'project' } = {}) =>
    withSearch('/sign-in', defined(params)),
}
