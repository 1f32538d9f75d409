import { QueryClient } from '@tanstack/react-query'
import { delay, http } from 'msw'
import { server } from '~mocks/node'
import { seed, seedProjectId, teamProjectId } from '~mocks/seed'
import { initRuntime } from '~/config/runtime'
import { resetSessionState, signIn } from '~/session/session'
import {
  emptyLensState,
  lensReducer,
  listingComplete,
  projectLensQuery,
  scanProject,
  toScan,
  type LensEvent,
  type LensState,
} from './project-lens'
import type { Session } from './scope'

let s: Session
let qc: QueryClient
const regions = ['RegionOne', 'RegionTwo']

beforeEach(async () => {
  initRuntime({ mode: 'demo', defaultDomain: 'Default' })
  resetSessionState()
  s = await signIn({ username: 'admin', password: 'admin-demo', domain: 'Default' })
  qc = new QueryClient({ defaultOptions: { queries: { retry: false } } })
})

/** What Glance holds as shared with `projectId`, read from the seed itself, not through Glance. */
function sharedWithInSeed(projectId: string) {
  const world = seed()
  return regions.flatMap((region) => {
    const { images, members } = world.glance[region] ?? { images: [], members: [] }
    return images
      .filter(
        (i) =>
          i.visibility === 'shared' &&
          i.status !== 'killed' &&
          i.owner !== projectId &&
          members.some((m) => m.imageId === i.id && m.memberId === projectId && !m.deleted),
      )
      .map((i) => `${region}/${i.id}`)
  })
}

async function scan(projectId: string, signal = new AbortController().signal) {
  let state = emptyLensState
  const events: LensEvent[] = []
  for await (const batch of scanProject(qc, s, projectId, regions, signal)) {
    events.push(...batch)
    state = batch.reduce(lensReducer, state)
  }
  return { state, events }
}

/** Counts the requests Glance gets while `fn` runs, by path. */
async function countingRequests<T>(fn: () => Promise<T>) {
  const paths: string[] = []
  const listener = ({ request }: { request: Request }) => {
    paths.push(new URL(request.url).pathname)
  }
  server.events.on('request:start', listener)
  try {
    return { result: await fn(), paths }
  } finally {
    server.events.removeListener('request:start', listener)
  }
}

describe('scanProject', () => {
  it("finds every image shared with a project, in every region, hidden ones too, and each one's status", async () => {
    const qa = seedProjectId('qa')
    const { state } = await scan(qa)
    const expected = sharedWithInSeed(qa)
    expect(expected.length).toBeGreaterThan(60)
    expect(state.rows.map((r) => `${r.region}/${r.image.id}`).sort()).toEqual(expected.sort())
    expect(state.rows.some((r) => r.image.os_hidden)).toBe(true)
    expect(state.rows.every((r) => r.member.member_id === qa)).toBe(true)
    expect(new Set(state.rows.map((r) => r.member.status))).toEqual(
      new Set(['accepted', 'pending', 'rejected']),
    )
    expect(state.failures).toEqual([])
    expect(state.done).toBe(true)
    expect(listingComplete(state)).toBe(true)
    // Every shared image but qa's own was asked, once.
    expect(state.scanned).toBe(toScan(state))
    expect(state.scanned).toBeGreaterThanOrEqual(200)
  })

  it('asks each image for its members once: a second project reuses the lists the first read', async () => {
    const first = await countingRequests(() => scan(teamProjectId('build-farm')))
    const memberLists = first.paths.filter((p) => p.endsWith('/members')).length
    expect(memberLists).toBe(first.result.state.scanned)
    // Two listings (visible and hidden) per region, each within one page.
    expect(first.paths.filter((p) => p.endsWith('/v2/images'))).toHaveLength(4)

    const second = await countingRequests(() => scan(teamProjectId('edge-sites')))
    // Only build-farm's own images, not asked the first time, are asked now.
    const buildFarmOwn = Object.values(first.result.state.regions).reduce((n, r) => n + r.own, 0)
    expect(buildFarmOwn).toBeGreaterThan(0)
    expect(second.paths.filter((p) => p.endsWith('/members'))).toHaveLength(buildFarmOwn)
    expect(second.result.state.rows.length).toBeGreaterThan(0)
  })

  it('still scans the other regions when one fails to list, and says which', async () => {
    await fetch('http://localhost/demo-cloud/_control/settings', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        failNext: { status: 503, count: 1, path: '/demo-cloud/image/RegionTwo/v2/images' },
      }),
    })
    const qa = seedProjectId('qa')
    const { state } = await scan(qa)
    expect(state.regions.RegionTwo?.failed?.status).toBe(503)
    expect(state.failures).toHaveLength(1)
    expect(state.rows.length).toBeGreaterThan(0)
    expect(state.rows.every((r) => r.region === 'RegionOne')).toBe(true)
    expect(state.done).toBe(true)
  })

  it('stops when cancelled: no more requests, no "done", the rows found so far kept', async () => {
    const controller = new AbortController()
    let state: LensState = emptyLensState
    const { paths } = await countingRequests(async () => {
      for await (const batch of scanProject(
        qc,
        s,
        seedProjectId('qa'),
        regions,
        controller.signal,
        0, // one event a batch, to stop at an exact count
      )) {
        state = batch.reduce(lensReducer, state)
        if (state.scanned === 30) controller.abort()
      }
    })
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(state.done).toBe(false)
    expect(state.scanned).toBe(30)
    // At most the requests in flight when it stopped came after.
    expect(paths.filter((p) => p.endsWith('/members')).length).toBeLessThan(30 + 6 + 1)
  })
})

describe('projectLensQuery', () => {
  it('keeps the partial result when cancelled, and scans again from the start when refetched', async () => {
    // Each member list a little late (then on to the mock's own handler), so there is time to cancel.
    server.use(
      http.get(/\/members$/, async () => {
        await delay(5)
      }),
    )
    const q = projectLensQuery(qc, s, seedProjectId('qa'), regions)
    const running = qc.query(q).catch(() => undefined)
    await vi.waitFor(
      () => {
        expect(qc.getQueryData(q.queryKey)?.scanned).toBeGreaterThan(10)
      },
      { interval: 5 },
    )
    await qc.cancelQueries({ queryKey: q.queryKey })
    await running
    const partial = qc.getQueryData(q.queryKey)
    expect(partial?.done).toBe(false)
    expect(partial?.scanned).toBeGreaterThan(10)
    expect(qc.getQueryState(q.queryKey)?.fetchStatus).toBe('idle')

    await qc.refetchQueries({ queryKey: q.queryKey })
    expect(qc.getQueryData(q.queryKey)?.done).toBe(true)
  })
})

describe('lensReducer', () => {
  it("counts what is left to scan: listed images, less the project's own", () => {
    const events: LensEvent[] = [
      { type: 'start', regions },
      { type: 'listed', region: 'RegionOne', listed: 1000, own: 3, complete: false },
      { type: 'listed', region: 'RegionOne', listed: 20, own: 0, complete: true },
      { type: 'listed', region: 'RegionTwo', listed: 5, own: 5, complete: false },
    ]
    const state = events.reduce(lensReducer, emptyLensState)
    expect(toScan(state)).toBe(1017)
    expect(listingComplete(state)).toBe(false)
  })
})
