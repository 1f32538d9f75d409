import type { QueryClient } from '@tanstack/react-query'
import type { LoaderFunctionArgs } from 'react-router'
import { projectQuery } from '~/api/queries'
import { refuseUnlessAdmin } from '~/pages/admin-only'
import { readySession, start } from '~/pages/prefetch'
import { lensRegions, readLensUrl } from './url-state'

export const PROJECT_LENS_PAGE = 'Shared with a project'

/**
 * Refuses anyone without the admin role before anything is asked. Then the project's name, and
 * the scan itself: its module is fetched here, beside the page's chunk, so that the scan is not
 * on the way to the image list and still does not wait for the page.
 */
export const projectLensLoader =
  (qc: QueryClient) =>
  ({ request }: LoaderFunctionArgs) => {
    const s = readySession()
    if (!s) return null
    refuseUnlessAdmin(s, PROJECT_LENS_PAGE)
    const url = readLensUrl(new URL(request.url).searchParams)
    const project = url.project
    if (project === undefined) return null
    start(qc.query(projectQuery(s, project)))
    start(
      import('~/api/project-lens').then(({ projectLensQuery }) =>
        qc.query({ ...projectLensQuery(qc, s, project, lensRegions(s, url)), staleTime: 'static' }),
      ),
    )
    return null
  }
