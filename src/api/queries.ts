import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query'
import { getRuntime } from '~/config/runtime'
import { glanceTarget, listProjects, type Session } from '~/session/session'
import { getProject } from './keystone'
import { getImage, listImages, listMembers, type ImageListParams } from './glance'
import { ApiError } from './http'
import type { Image } from './schemas'

/**
 * Query keys are hierarchical and always start with the project, so a project switch or sign-out
 * never shows another project's cache: ['p', projectId, 'images', region, ...].
 */
const scope = (s: Session) => ['p', s.project?.id ?? 'unscoped'] as const

export const keys = {
  all: (s: Session) => scope(s),
  images: (s: Session) => [...scope(s), 'images'] as const,
  imageLists: (s: Session) => [...scope(s), 'images', 'list'] as const,
  imageList: (s: Session, regions: string[], params: ImageListParams) =>
    [...scope(s), 'images', 'list', regions, params] as const,
  imageDetailOf: (s: Session, id: string) => [...scope(s), 'images', 'detail', id] as const,
  imageDetail: (s: Session, regions: string[], id: string) =>
    [...scope(s), 'images', 'detail', id, regions] as const,
  members: (s: Session, region: string, imageId: string) =>
    [...scope(s), 'members', region, imageId] as const,
  projects: (s: Session) => ['user', s.user.id, 'projects'] as const,
  project: (s: Session, id: string) => ['user', s.user.id, 'project', id] as const,
}

export type RegionImage = { region: string; image: Image }
/** Per region: the marker to continue from, or null once that region has no more pages. */
export type RegionCursor = Record<string, string | null | undefined>
export type ImagePage = {
  items: RegionImage[]
  failures: { region: string; error: ApiError }[]
  next: RegionCursor | undefined
}

const asApiError = (e: unknown) =>
  e instanceof ApiError ? e : new ApiError({ status: 0, message: String(e) })

const startCursor = (regions: string[]): RegionCursor =>
  Object.fromEntries(regions.map((r) => [r, undefined]))

/** One list across the chosen regions: each page asks every region that still has more, in parallel. */
export const imageListQuery = (s: Session, regions: string[], params: ImageListParams) =>
  infiniteQueryOptions({
    queryKey: keys.imageList(s, regions, params),
    initialPageParam: startCursor(regions),
    queryFn: async ({ pageParam, signal }): Promise<ImagePage> => {
      const pending = regions.filter((r) => pageParam[r] !== null)
      const settled = await Promise.allSettled(
        pending.map((region) =>
          listImages(
            glanceTarget(s, region),
            { ...params, marker: pageParam[region] ?? undefined },
            signal,
          ),
        ),
      )
      const items: RegionImage[] = []
      const failures: ImagePage['failures'] = []
      const next: RegionCursor = { ...pageParam }
      settled.forEach((result, i) => {
        const region = pending[i] as string
        if (result.status === 'fulfilled') {
          items.push(...result.value.images.map((image) => ({ region, image })))
          next[region] = result.value.nextMarker ?? null
        } else {
          failures.push({ region, error: asApiError(result.reason) })
          next[region] = null
        }
      })
      if (failures.length === pending.length && failures[0]) throw failures[0].error
      return {
        items,
        failures,
        next: Object.values(next).some((m) => m !== null) ? next : undefined,
      }
    },
    getNextPageParam: (last) => last.next,
  })

/** An image by ID, looked for in each region until one has it (a deep link may not name its region). */
export const imageDetailQuery = (s: Session, regions: string[], id: string) =>
  queryOptions({
    queryKey: keys.imageDetail(s, regions, id),
    queryFn: async ({ signal }): Promise<RegionImage> => {
      let notFound: ApiError | undefined
      for (const region of regions) {
        try {
          return { region, image: await getImage(glanceTarget(s, region), id, signal) }
        } catch (e) {
          if (e instanceof ApiError && e.status === 404) notFound = e
          else throw e
        }
      }
      throw notFound ?? new ApiError({ status: 404, message: `Image ${id} not found.` })
    },
  })

export const membersQuery = (s: Session, region: string, imageId: string) =>
  queryOptions({
    queryKey: keys.members(s, region, imageId),
    queryFn: ({ signal }) => listMembers(glanceTarget(s, region), imageId, signal),
  })

export const myProjectsQuery = (s: Session) =>
  queryOptions({ queryKey: keys.projects(s), queryFn: () => listProjects(), staleTime: 60_000 })

/**
 * A project by ID, or null where Keystone will not say: it lets a user read only the project its
 * token is scoped to (admins read any), so other projects' names are often unknowable.
 */
export const projectQuery = (s: Session, id: string) =>
  queryOptions({
    queryKey: keys.project(s, id),
    queryFn: async () => {
      try {
        return await getProject(getRuntime().authUrl, s.token, id)
      } catch (e) {
        if (e instanceof ApiError && (e.status === 403 || e.status === 404)) return null
        throw e
      }
    },
    staleTime: 5 * 60_000,
    retry: false,
  })

/** How often the Image Sharing table asks again, so an acceptance shows without a reload. */
export const SHARING_POLL_MS = 30_000

/**
 * The owner's view of an image's members: the same cache entry as membersQuery, kept fresh on
 * window focus and by a gentle poll while the page is visible (React Query pauses it in the
 * background). A 403 or 404 will not change by asking again at once.
 */
export const sharingMembersQuery = (s: Session, region: string, imageId: string) =>
  queryOptions({
    ...membersQuery(s, region, imageId),
    refetchOnWindowFocus: true,
    refetchInterval: SHARING_POLL_MS,
    refetchIntervalInBackground: false,
  })
