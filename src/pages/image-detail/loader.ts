import type { QueryClient } from '@tanstack/react-query'
import type { LoaderFunctionArgs } from 'react-router'
import { cachedImage, imageDetailQuery, sharingMembersQuery, type RegionImage } from '~/api/queries'
import { readySession, start } from '~/pages/prefetch'
import { showsSharing } from './shows-sharing'
import { detailRegions, readDetailUrl } from './url-state'

/**
 * The image, and its members once it is known the page shows them (at once when the cache
 * already holds the image, e.g. from the list). Project names wait for the members.
 */
export const imageDetailLoader =
  (qc: QueryClient) =>
  ({ request, params }: LoaderFunctionArgs) => {
    const s = readySession()
    const id = params.imageId
    if (!s || !id) return null
    const regions = detailRegions(s, readDetailUrl(new URL(request.url).searchParams))
    const detail = imageDetailQuery(s, regions, id)
    const members = (found: RegionImage) => {
      if (showsSharing(s, found.image))
        start(qc.query({ ...sharingMembersQuery(s, found.region, id), staleTime: 'static' }))
    }
    const known = qc.getQueryData(detail.queryKey) ?? cachedImage(qc, s, id)
    if (known && regions.includes(known.region)) members(known)
    start(qc.query({ ...detail, staleTime: 'static' }).then(members))
    return null
  }
