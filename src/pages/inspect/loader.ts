import type { QueryClient } from '@tanstack/react-query'
import type { LoaderFunctionArgs } from 'react-router'
import { imageDetailQuery, membersQuery, projectQuery } from '~/api/queries'
import { refuseUnlessAdmin } from '~/pages/admin-only'
import { readySession, start } from '~/pages/prefetch'
import { inspectRegions, readInspectUrl } from './url-state'

export const INSPECT_PAGE = 'Inspect'

/**
 * Admin pages refuse in their loader, so no one else sees a flash of the page or sends its
 * requests (Glance would answer 403 or, worse, a narrower truth). Then the image, its members and
 * its owner's name, all at once once the image is known.
 */
export const inspectLoader =
  (qc: QueryClient) =>
  ({ request }: LoaderFunctionArgs) => {
    const s = readySession()
    if (!s) return null
    refuseUnlessAdmin(s, INSPECT_PAGE)
    const url = readInspectUrl(new URL(request.url).searchParams)
    const id = url.image
    if (id === undefined) return null
    start(
      qc
        .query({ ...imageDetailQuery(s, inspectRegions(s, url), id), staleTime: 'static' })
        .then((found) => {
          // Glance lists members of shared images only (contract §2): a 403 for any other.
          if (found.image.visibility === 'shared')
            start(qc.query({ ...membersQuery(s, found.region, id), staleTime: 'static' }))
          if (found.image.owner) start(qc.query({ ...projectQuery(s, found.image.owner) }))
        }),
    )
    return null
  }
