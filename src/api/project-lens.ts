import {
  experimental_streamedQuery as streamedQuery,
  queryOptions,
  type QueryClient,
} from '@tanstack/react-query'
import { listImages, type ImageListParams } from './glance'
import { GLANCE_LIMIT_MAX } from './glance-limits'
import { toApiError, type ApiError } from './http'
import { keys, membersQuery } from './queries'
import { limiter } from './limiter'
import { glanceTarget, type Session } from './scope'
import type { Image, Member } from './schemas'

// Support's project lens: every image shared with one project. Glance has no such query (a
// member reads its own shares only, and an admin's list ignores member_status, contract §7), so
// an admin lists every shared image in each region and reads each one's members.

/** Member lists asked at once: a browser opens about six connections to one host. */
export const LENS_CONCURRENCY = 6
/** How often, at most, the page is told of progress. */
export const LENS_BATCH_MS = 200
/** A member list read this recently is reused, so a second project's scan costs little. */
export const LENS_MEMBERS_FRESH_MS = 5 * 60_000

/** One image shared with the project, and the project's row. */
export type LensRow = { region: string; image: Image; member: Member; order: number }

export type LensFailure = { region: string; image?: Image; error: ApiError }

export type LensRegion = {
  /** Shared images listed so far, the project's own included. */
  listed: number
  /** Of those, owned by the project itself: shared by it, not with it, so not asked. */
  own: number
  /** Every page of the region's list has come. */
  complete: boolean
  failed?: ApiError
}

export type LensState = {
  regions: Record<string, LensRegion>
  /** Images whose members were read, or failed to be. */
  scanned: number
  rows: LensRow[]
  failures: LensFailure[]
  /** Every region listed and every image scanned: the result is the whole truth. */
  done: boolean
}

export type LensEvent =
  | { type: 'start'; regions: readonly string[] }
  | { type: 'listed'; region: string; listed: number; own: number; complete: boolean }
  | { type: 'region-failed'; region: string; error: ApiError }
  | { type: 'scanned'; region: string; image: Image; order: number; member?: Member }
  | { type: 'scan-failed'; region: string; image: Image; error: ApiError }
  | { type: 'done' }

/** Before the first event. */
export const emptyLensState: LensState = {
  regions: {},
  scanned: 0,
  rows: [],
  failures: [],
  done: false,
}

/** The scan so far, one event later. Pure: each event makes a new state for React to see. */
export function lensReducer(state: LensState, event: LensEvent): LensState {
  switch (event.type) {
    case 'start':
      return {
        ...emptyLensState,
        regions: Object.fromEntries(
          event.regions.map((r) => [r, { listed: 0, own: 0, complete: false }]),
        ),
      }
    case 'listed': {
      const before = state.regions[event.region] ?? { listed: 0, own: 0, complete: false }
      const region = {
        ...before,
        listed: before.listed + event.listed,
        own: before.own + event.own,
        complete: event.complete,
      }
      return { ...state, regions: { ...state.regions, [event.region]: region } }
    }
    case 'region-failed': {
      const before = state.regions[event.region] ?? { listed: 0, own: 0, complete: false }
      const region = { ...before, complete: true, failed: event.error }
      return {
        ...state,
        regions: { ...state.regions, [event.region]: region },
        failures: [...state.failures, { region: event.region, error: event.error }],
      }
    }
    case 'scanned': {
      const { region, image, member, order } = event
      return {
        ...state,
        scanned: state.scanned + 1,
        rows: member ? [...state.rows, { region, image, member, order }] : state.rows,
      }
    }
    case 'scan-failed':
      return {
        ...state,
        scanned: state.scanned + 1,
        failures: [
          ...state.failures,
          { region: event.region, image: event.image, error: event.error },
        ],
      }
    case 'done':
      return { ...state, done: true }
  }
}

/** Images listed that the project owns: shared by it, not with it, so not asked. */
export const ownImages = (state: LensState) =>
  Object.values(state.regions).reduce((n, r) => n + r.own, 0)

/** Images to scan: listed, and not the project's own. */
export const toScan = (state: LensState) =>
  Object.values(state.regions).reduce((n, r) => n + r.listed, 0) - ownImages(state)

export const listingComplete = (state: LensState) =>
  Object.values(state.regions).every((r) => r.complete)

/** Events pushed from concurrent work, read in order by one consumer. */
function eventQueue<T>() {
  const buffer: T[] = []
  let wake: (() => void) | undefined
  let closed = false
  const poke = () => {
    wake?.()
    wake = undefined
  }
  return {
    push(event: T) {
      buffer.push(event)
      poke()
    },
    close() {
      closed = true
      poke()
    },
    async *drain(): AsyncGenerator<T> {
      for (;;) {
        const next = buffer.shift()
        if (next !== undefined) yield next
        else if (closed) return
        else
          await new Promise<void>((resolve) => {
            wake = resolve
          })
      }
    },
  }
}

type Listed = { region: string; image: Image; order: number }

/**
 * Every shared image in a region, page by page, each handed to `found` as its page arrives: those
 * in lists and, in a second listing, hidden ones (Glance leaves hidden images out of every list
 * unless asked for them alone, contract §7), since a member boots a hidden image by ID all the
 * same. A failure ends the region; what was listed before it is scanned all the same.
 */
async function listShared(
  s: Session,
  region: string,
  projectId: string,
  signal: AbortSignal,
  push: (e: LensEvent) => void,
  found: (listed: Listed) => void,
) {
  let order = 0
  const listings: ImageListParams[] = [
    { visibility: 'shared', limit: GLANCE_LIMIT_MAX },
    { visibility: 'shared', os_hidden: true, limit: GLANCE_LIMIT_MAX },
  ]
  try {
    for (const [i, params] of listings.entries()) {
      let marker: string | undefined
      do {
        const page = await listImages(glanceTarget(s, region), { ...params, marker }, signal)
        const others = page.images.filter((image) => image.owner !== projectId)
        marker = page.nextMarker
        push({
          type: 'listed',
          region,
          listed: page.images.length,
          own: page.images.length - others.length,
          complete: marker === undefined && i === listings.length - 1,
        })
        for (const image of others) found({ region, image, order: order++ })
      } while (marker !== undefined)
    }
  } catch (e) {
    if (!signal.aborted) push({ type: 'region-failed', region, error: toApiError(e) })
  }
}

/**
 * The scan as a stream of events: every region listed side by side, and each image's members,
 * as soon as its page is listed, read through React Query's cache (a list read in the last few minutes is not asked again), at
 * most LENS_CONCURRENCY at once across all regions, told in batches. Cancelling stops the
 * requests in flight.
 */
export async function* scanProject(
  qc: QueryClient,
  s: Session,
  projectId: string,
  regions: readonly string[],
  signal: AbortSignal,
  batchMs = LENS_BATCH_MS,
): AsyncGenerator<LensEvent[]> {
  const queue = eventQueue<LensEvent>()
  queue.push({ type: 'start', regions })
  const run = limiter(LENS_CONCURRENCY)
  const scanOne = async ({ region, image, order }: Listed) => {
    if (signal.aborted) return
    const options = { ...membersQuery(s, region, image.id), staleTime: LENS_MEMBERS_FRESH_MS }
    const stop = () => void qc.cancelQueries({ queryKey: options.queryKey, exact: true })
    signal.addEventListener('abort', stop, { once: true })
    try {
      const members = await qc.query(options)
      const member = members.find((m) => m.member_id === projectId)
      queue.push({ type: 'scanned', region, image, order, ...(member && { member }) })
    } catch (e) {
      if (!signal.aborted) queue.push({ type: 'scan-failed', region, image, error: toApiError(e) })
    } finally {
      signal.removeEventListener('abort', stop)
    }
  }
  const work = (async () => {
    // Each image is scanned as soon as its page is listed, whatever the other regions are doing.
    const scans: Promise<void>[] = []
    await Promise.all(
      regions.map((region) =>
        listShared(
          s,
          region,
          projectId,
          signal,
          (e) => {
            queue.push(e)
          },
          (listed) => {
            scans.push(run(() => scanOne(listed)))
          },
        ),
      ),
    )
    await Promise.all(scans)
    if (!signal.aborted) queue.push({ type: 'done' })
  })().finally(() => {
    queue.close()
  })
  // In batches, at most one per LENS_BATCH_MS: with thousands of images, a render per event
  // would cost more than the scan. The first event and the last go out at once.
  let batch: LensEvent[] = []
  let sent = -Infinity
  for await (const event of queue.drain()) {
    batch.push(event)
    const now = performance.now()
    if (event.type === 'start' || event.type === 'done' || now - sent >= batchMs) {
      yield batch
      batch = []
      sent = now
    }
  }
  if (batch.length > 0) yield batch
  await work
}

/**
 * The lens as a query: its data grows event by event while the scan runs (React Query's
 * streamed query), so the page shows partial results at once, and cancelling the query keeps
 * them. A finished scan is kept a few minutes; an unfinished one is scanned again when next shown.
 */
export const projectLensQuery = (
  qc: QueryClient,
  s: Session,
  projectId: string,
  regions: readonly string[],
) =>
  queryOptions({
    queryKey: keys.projectLens(s, projectId, regions),
    queryFn: streamedQuery<LensEvent[], LensState>({
      streamFn: ({ signal }) => scanProject(qc, s, projectId, regions, signal),
      reducer: (state, events) => events.reduce(lensReducer, state),
      initialValue: emptyLensState,
    }),
    staleTime: (query) => (query.state.data?.done ? LENS_MEMBERS_FRESH_MS : 0),
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    retry: false,
  })

/** Ask Glance again for every member list, not the cached ones (then scan again). */
export const forgetMemberLists = (qc: QueryClient, s: Session) =>
  qc.invalidateQueries({ queryKey: keys.allMembers(s), refetchType: 'none' })

/** Why an image could not be scanned, for a person. */
export function scanFailureText(f: LensFailure): string {
  if (f.image === undefined)
    return `${f.region}: the list of shared images failed (${f.error.message}); images listed before it were scanned.`
  const name = f.image.name ?? f.image.id
  if (f.error.status === 403)
    return `${name} (${f.region}): Glance refused its members; it may have been made private since it was listed.`
  if (f.error.status === 404) return `${name} (${f.region}): deleted since it was listed.`
  return `${name} (${f.region}): ${f.error.message}`
}
