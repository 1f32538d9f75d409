import { infiniteQueryOptions, queryOptions, type QueryClient } from '@tanstack/react-query'
import { getProject, listMyProjects } from './keystone'
import { getImage, getMember, listImages, listMembers, type ImageListParams } from './glance'
import { ApiError, toApiError } from './http'
import { GLANCE_LIMIT_DEFAULT, GLANCE_LIMIT_MAX } from './glance-limits'
import { isAdmin, type Caller } from './caller'
import { isIncomingShare, membershipFromList } from './share-answers'
import type { Image, Member, MemberStatus } from './schemas'
import { mapConcurrent } from './concurrency'
import { callerOf, glanceTarget, identityTarget, type Session } from './scope'

/**
 * Query keys are hierarchical and always start with the user and the project, so neither a
 * project switch nor the next user of the tab is ever shown another's cache:
 * ['p', userId, projectId, 'images', region, ...]. (The cache is also cleared whenever a session
 * ends or the user changes: src/app/app.tsx.)
 */
const scope = (s: Session) => ['p', s.user.id, s.project?.id ?? 'unscoped'] as const

export const keys = {
  all: (s: Session) => scope(s),
  images: (s: Session) => [...scope(s), 'images'] as const,
  imageLists: (s: Session) => [...scope(s), 'images', 'list'] as const,
  imageList: (s: Session, streams: readonly ImageStream[]) =>
    [...scope(s), 'images', 'list', streams] as const,
  /** Under the lists, so whatever refreshes the lists refreshes the pending count too. */
  pendingShares: (s: Session, regions: readonly string[]) =>
    [...scope(s), 'images', 'list', 'pending-shares', regions] as const,
  imageDetailOf: (s: Session, id: string) => [...scope(s), 'images', 'detail', id] as const,
  imageDetail: (s: Session, regions: string[], id: string) =>
    [...scope(s), 'images', 'detail', id, regions] as const,
  /** Every image's member list, in every region. */
  allMembers: (s: Session) => [...scope(s), 'members'] as const,
  members: (s: Session, region: string, imageId: string) =>
    [...scope(s), 'members', region, imageId] as const,
  /** Under members, so refreshing an image's members refreshes our own row too. */
  myMembership: (s: Session, region: string, imageId: string) =>
    [...scope(s), 'members', region, imageId, 'mine'] as const,
  /** Support's project lens: what is shared with `projectId` in `regions`. */
  projectLens: (s: Session, projectId: string, regions: readonly string[]) =>
    [...scope(s), 'lens', projectId, regions] as const,
  projects: (s: Session) => ['user', s.user.id, 'projects'] as const,
  project: (s: Session, id: string) => ['user', s.user.id, 'project', id] as const,
}

export type RegionImage = {
  region: string
  image: Image
  /** The caller's membership, for another project's shared image, when the list tells it. */
  membership?: MemberStatus | undefined
}

/**
 * One sequence of GET /v2/images pages. A list is one or more streams read side by side: one per
 * region, and for "shared with me" one per membership status (Glance filters by one at a time).
 */
export type ImageStream = {
  /** The stream's name within its list (the key of its marker). */
  id: string
  region: string
  params: ImageListParams
  /**
   * Incoming shares only: drop the caller's own images (Glance includes them) and keep those
   * whose membership is one of `statuses`. `lookup`: ask each image for our row, for admins,
   * whose lists ignore member_status.
   */
  incoming?: { statuses: readonly MemberStatus[]; lookup: boolean }
}

/** Per stream: the marker to continue from, or null once that stream has no more pages. */
export type StreamCursor = Record<string, string | null | undefined>
export type ImagePage = {
  items: RegionImage[]
  failures: { region: string; error: ApiError }[]
  next: StreamCursor | undefined
}

/** One stream per region, each with the same filters. */
export const regionStreams = (regions: readonly string[], params: ImageListParams) =>
  regions.map((region): ImageStream => ({ id: region, region, params }))

/**
 * Images other projects share with the caller, with the given membership statuses (contract §7:
 * `visibility=shared&member_status=<s>`, minus the caller's own shared images). Admins' lists
 * ignore member_status, so for them one stream per region asks each image for our row instead.
 */
export function incomingStreams(
  caller: Caller,
  regions: readonly string[],
  statuses: readonly MemberStatus[],
  params: ImageListParams = {},
): ImageStream[] {
  if (isAdmin(caller)) {
    return regions.map((region) => ({
      id: region,
      region,
      params: { ...params, visibility: 'shared' },
      incoming: { statuses, lookup: true },
    }))
  }
  return regions.flatMap((region) =>
    statuses.map((status) => ({
      id: `${region}/${status}`,
      region,
      params: { ...params, visibility: 'shared', member_status: status },
      incoming: { statuses: [status], lookup: false },
    })),
  )
}

/** At most this many member lookups at once (admins' incoming lists). */
const LOOKUP_CONCURRENCY = 4

/** Our own membership row, or null when the project is not a member (Glance says 404). */
async function ownRow(s: Session, region: string, imageId: string, signal?: AbortSignal) {
  try {
    return await getMember(glanceTarget(s, region), imageId, s.project?.id ?? '', signal)
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null
    throw e
  }
}

type StreamRead = { items: RegionImage[]; nextMarker: string | undefined }

async function readStream(
  s: Session,
  stream: ImageStream,
  marker: string | undefined,
  signal: AbortSignal | undefined,
): Promise<StreamRead> {
  const { images, nextMarker } = await listImages(
    glanceTarget(s, stream.region),
    { ...stream.params, marker },
    signal,
  )
  return { items: await streamRows(s, stream, images, signal), nextMarker }
}

/** A stream's rows out of Glance's images: the membership, and for incoming shares the filter. */
async function streamRows(
  s: Session,
  stream: ImageStream,
  images: Image[],
  signal: AbortSignal | undefined,
): Promise<RegionImage[]> {
  const caller = callerOf(s)
  const memberStatus = stream.params.member_status
  let items: RegionImage[] = images.map((image) => ({
    region: stream.region,
    image,
    membership: membershipFromList(image, caller, memberStatus),
  }))
  const incoming = stream.incoming
  if (incoming) {
    items = items.filter((row) => isIncomingShare(row.image, caller))
    if (incoming.lookup) {
      const rows = await mapConcurrent(items, LOOKUP_CONCURRENCY, (row) =>
        ownRow(s, stream.region, row.image.id, signal),
      )
      items = items.flatMap((row, i) => {
        const status = rows[i]?.status
        return status ? [{ ...row, membership: status }] : []
      })
    }
    items = items.filter((row) => row.membership && incoming.statuses.includes(row.membership))
  }
  return items
}

/**
 * A stream's first `want` pages read with ONE request of `want` × its page size, cut into the
 * pages Glance would have answered one by one: each page's marker is its last image, `next`
 * whenever the page is full (contract §7). A Glance that caps `limit` lower answers fewer rows
 * with a `next`: then only the pages it returned are known, the last going on from its marker.
 */
async function readStreamPages(
  s: Session,
  stream: ImageStream,
  want: number,
  signal: AbortSignal | undefined,
): Promise<StreamRead[]> {
  const size = stream.params.limit ?? GLANCE_LIMIT_DEFAULT
  const limit = want * size
  const { images, nextMarker } = await listImages(
    glanceTarget(s, stream.region),
    { ...stream.params, limit },
    signal,
  )
  const capped = nextMarker !== undefined && images.length < limit
  const known = capped ? Math.max(1, Math.ceil(images.length / size)) : want
  const out: StreamRead[] = []
  for (let k = 0; k < known; k++) {
    const raw = images.slice(k * size, (k + 1) * size)
    const full = raw.length === size ? raw.at(-1)?.id : undefined
    const items = await streamRows(s, stream, raw, signal)
    out.push({ items, nextMarker: k === known - 1 ? nextMarker : full })
  }
  return out
}

/** A list page out of its streams' answers; throws when every stream failed. */
function mergePage(
  pending: readonly ImageStream[],
  settled: readonly PromiseSettledResult<StreamRead>[],
  pageParam: StreamCursor,
): ImagePage {
  const items: RegionImage[] = []
  const failures: ImagePage['failures'] = []
  const next: StreamCursor = { ...pageParam }
  settled.forEach((result, i) => {
    const stream = pending[i] as ImageStream
    if (result.status === 'fulfilled') {
      items.push(...result.value.items)
      next[stream.id] = result.value.nextMarker ?? null
    } else {
      // A region's failure is reported once, however many of its streams failed.
      if (!failures.some((f) => f.region === stream.region))
        failures.push({ region: stream.region, error: toApiError(result.reason) })
      next[stream.id] = null
    }
  })
  const allFailed = settled.every((r) => r.status === 'rejected')
  if (allFailed && failures[0]) throw failures[0].error
  return {
    items,
    failures,
    next: Object.values(next).some((m) => m !== null) ? next : undefined,
  }
}

/**
 * Pages read ahead, by the cursor that asks for them (a page's own `next` object, which
 * getNextPageParam hands back as is): the queryFn answers those without asking Glance. Each is
 * taken once, so a later refetch asks again; weak, so an abandoned read-ahead goes with its page.
 */
const pagesAhead = new WeakMap<StreamCursor, ImagePage>()

/**
 * The first `want` pages of a list with one request per stream (a reload of a list N pages long):
 * page 1 is returned, the others wait in pagesAhead for the fetchNextPage calls (or the
 * `pages: want` of `queryClient.infiniteQuery`) that follow.
 */
async function readFirstPages(
  s: Session,
  streams: readonly ImageStream[],
  want: number,
  signal: AbortSignal | undefined,
): Promise<ImagePage> {
  const reads = await Promise.allSettled(streams.map((st) => readStreamPages(s, st, want, signal)))
  const known = Math.min(
    want,
    ...reads.map((r) => (r.status === 'fulfilled' ? r.value.length : want)),
  )
  const pages: ImagePage[] = []
  let cursor: StreamCursor = Object.fromEntries(streams.map((st) => [st.id, undefined]))
  for (let k = 0; k < known; k++) {
    const at = cursor
    const pending = streams.filter((st) => at[st.id] !== null)
    const settled = pending.map((st): PromiseSettledResult<StreamRead> => {
      const read = reads[streams.indexOf(st)] as PromiseSettledResult<StreamRead[]>
      if (read.status === 'rejected') return read
      return { status: 'fulfilled', value: read.value[k] as StreamRead }
    })
    const page = mergePage(pending, settled, at)
    pages.push(page)
    if (!page.next) break
    cursor = page.next
  }
  pages.slice(1).forEach((page, i) => {
    const asking = pages[i]?.next
    if (asking) pagesAhead.set(asking, page)
  })
  return pages[0] as ImagePage
}

/**
 * One list across several streams: each page asks every stream that still has more, in parallel.
 * `firstPages` > 1 (a reload of a longer list): the first page reads that many pages of each
 * stream in one request, at most Glance's `api_limit_max` rows; the next pages come from it.
 */
export const imageStreamsQuery = (s: Session, streams: readonly ImageStream[], firstPages = 1) =>
  infiniteQueryOptions({
    queryKey: keys.imageList(s, streams),
    initialPageParam: Object.fromEntries(streams.map((st) => [st.id, undefined])),
    queryFn: async ({ pageParam, signal }): Promise<ImagePage> => {
      const ahead = pagesAhead.get(pageParam)
      if (ahead) {
        pagesAhead.delete(pageParam)
        return ahead
      }
      const first = Object.values(pageParam).every((m) => m === undefined)
      const size = Math.max(1, ...streams.map((st) => st.params.limit ?? GLANCE_LIMIT_DEFAULT))
      const want = Math.min(firstPages, Math.floor(GLANCE_LIMIT_MAX / size))
      if (first && want > 1) return readFirstPages(s, streams, want, signal)
      const pending = streams.filter((st) => pageParam[st.id] !== null)
      const settled = await Promise.allSettled(
        pending.map((st) => readStream(s, st, pageParam[st.id] ?? undefined, signal)),
      )
      return mergePage(pending, settled, pageParam)
    },
    getNextPageParam: (last: ImagePage) => last.next,
  })

/** The same filters in each region, paged side by side. */
export const imageListQuery = (s: Session, regions: readonly string[], params: ImageListParams) =>
  imageStreamsQuery(s, regionStreams(regions, params))

/** How often the pending count asks again while the tab is visible. */
export const PENDING_POLL_MS = 60_000

/**
 * Each stream is read to its end (the count must count every share), in pages as large as Glance
 * gives: its answer includes the caller's own shared images (contract §7), which no filter can
 * leave out (`owner` takes one exact value), so a producer's thousands would otherwise cost a
 * request per small page.
 */
const PENDING_PAGE = GLANCE_LIMIT_MAX

export type PendingShares = {
  items: RegionImage[]
  failures: { region: string; error: ApiError }[]
}

/**
 * Every share waiting for the project's answer in the given regions (Glance leaves them out of
 * the default list). One request per region for a non-admin with fewer than 1,000 shared images
 * of its own and pending shares together; kept fresh on focus and by a poll while the tab is
 * visible.
 */
export const pendingSharesQuery = (s: Session, regions: readonly string[]) =>
  queryOptions({
    queryKey: keys.pendingShares(s, regions),
    queryFn: async ({ signal }): Promise<PendingShares> => {
      const streams = incomingStreams(callerOf(s), regions, ['pending'], { limit: PENDING_PAGE })
      const settled = await Promise.allSettled(
        streams.map(async (stream) => {
          const items: RegionImage[] = []
          let marker: string | undefined
          do {
            const page = await readStream(s, stream, marker, signal)
            items.push(...page.items)
            marker = page.nextMarker
          } while (marker !== undefined)
          return items
        }),
      )
      const out: PendingShares = { items: [], failures: [] }
      settled.forEach((result, i) => {
        const region = (streams[i] as ImageStream).region
        if (result.status === 'fulfilled') out.items.push(...result.value)
        else out.failures.push({ region, error: toApiError(result.reason) })
      })
      if (out.failures.length === streams.length && out.failures[0]) throw out.failures[0].error
      return out
    },
    refetchOnWindowFocus: true,
    refetchInterval: PENDING_POLL_MS,
    refetchIntervalInBackground: false,
  })

/**
 * The project's own membership row for another project's shared image: what a consumer sees of
 * the members (Glance shows a member only its own row). null when the project is not a member.
 */
export const myMembershipQuery = (s: Session, region: string, imageId: string) =>
  queryOptions({
    queryKey: keys.myMembership(s, region, imageId),
    queryFn: ({ signal }): Promise<Member | null> => ownRow(s, region, imageId, signal),
    // Asked when a share may have gone away: a cached answer could say it is still there.
    staleTime: 0,
  })

/**
 * An image by ID. A deep link may not name its region, so every region is asked at once: the
 * first region (in the given order) that has it wins; another answer than 404 is reported only
 * when no region has it.
 */
export const imageDetailQuery = (s: Session, regions: string[], id: string) =>
  queryOptions({
    queryKey: keys.imageDetail(s, regions, id),
    queryFn: async ({ signal }): Promise<RegionImage> => {
      const settled = await Promise.allSettled(
        regions.map((region) => getImage(glanceTarget(s, region), id, signal)),
      )
      let notFound: ApiError | undefined
      let failed: { error: unknown } | undefined
      for (const [i, result] of settled.entries()) {
        if (result.status === 'fulfilled') return { region: regions[i] ?? '', image: result.value }
        const e: unknown = result.reason
        if (e instanceof ApiError && e.status === 404) notFound ??= e
        else failed ??= { error: e }
      }
      if (failed) throw failed.error
      throw notFound ?? new ApiError({ status: 404, message: `Image ${id} not found.` })
    },
  })

export const membersQuery = (s: Session, region: string, imageId: string) =>
  queryOptions({
    queryKey: keys.members(s, region, imageId),
    queryFn: ({ signal }) => listMembers(glanceTarget(s, region), imageId, signal),
  })

export const myProjectsQuery = (s: Session) =>
  queryOptions({
    queryKey: keys.projects(s),
    queryFn: () => listMyProjects(identityTarget(s)),
    staleTime: 60_000,
  })

/**
 * A project by ID, or null where Keystone will not say: it lets a user read only the project its
 * token is scoped to (admins read any), so other projects' names are often unknowable.
 */
export const projectQuery = (s: Session, id: string) =>
  queryOptions({
    queryKey: keys.project(s, id),
    queryFn: async () => {
      try {
        return await getProject(identityTarget(s), id)
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

/** The RegionImages a cached query holds: a list's pages, the pending shares, or a detail. */
function cachedItems(data: unknown): RegionImage[] {
  if (typeof data !== 'object' || data === null) return []
  if ('pages' in data && Array.isArray(data.pages)) {
    const pages: unknown[] = data.pages
    return pages.flatMap(cachedItems)
  }
  if ('items' in data && Array.isArray(data.items)) {
    const items: unknown[] = data.items
    return items.flatMap(cachedItems)
  }
  if ('image' in data && 'region' in data) return [data as RegionImage]
  return []
}

/**
 * The image as this tab last saw it, in any image list, the pending shares or an earlier
 * detail: a 404 for an image we knew means it went away, which deserves more than "not found".
 */
export function cachedImage(
  qc: QueryClient,
  session: Session,
  id: string,
): RegionImage | undefined {
  for (const [, data] of qc.getQueriesData({ queryKey: keys.images(session) })) {
    const found = cachedItems(data).find((item) => item.image.id === id)
    if (found) return found
  }
  return undefined
}
