import { MutationObserver, QueryClient } from '@tanstack/react-query'
import { initRuntime } from '~/config/runtime'
import type { Session } from '~/api/scope'
import { resetSessionState, signIn } from '~/session/session'
import { addMemberMutation, answerShareMutation, setVisibilityMutation } from './mutations'
import {
  imageDetailQuery,
  imageListQuery,
  imageStreamsQuery,
  incomingStreams,
  keys,
  membersQuery,
  myMembershipQuery,
  pendingSharesQuery,
} from './queries'
import { callerOf } from '~/api/scope'

let s: Session
let qc: QueryClient

beforeEach(async () => {
  initRuntime({ mode: 'demo', defaultDomain: 'Default' })
  resetSessionState()
  s = await signIn({ username: 'alice', password: 'alice-demo', domain: 'Default' })
  qc = new QueryClient({ defaultOptions: { queries: { retry: false } } })
})

describe('imageListQuery', () => {
  it('pages through every region by marker until each is exhausted, without duplicates', async () => {
    const regions = ['RegionOne', 'RegionTwo']
    const q = imageListQuery(s, regions, { limit: 7 })
    await qc.infiniteQuery(q)
    let data = qc.getQueryData(q.queryKey)
    let guard = 0
    while (data?.pages.at(-1)?.next && guard++ < 50) {
      await qc.infiniteQuery({ ...q, pages: (data.pages.length ?? 0) + 1 })
      data = qc.getQueryData(q.queryKey)
    }
    const items = data?.pages.flatMap((p) => p.items) ?? []
    const ids = items.map((i) => `${i.region}/${i.image.id}`)
    expect(new Set(ids).size).toBe(ids.length)
    expect(new Set(items.map((i) => i.region))).toEqual(new Set(regions))
    expect(data?.pages.at(-1)?.next).toBeUndefined()

    // The same set as one big page per region: paging lost nothing.
    const whole = imageListQuery(s, regions, { limit: 1000 })
    const all = await qc.infiniteQuery(whole)
    expect(all.pages[0]?.items.length).toBe(items.length)
  })

  it('reports a failing region and still lists the others', async () => {
    await fetch('http://localhost/demo-cloud/_control/settings', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        failNext: { status: 503, count: 1, path: '/demo-cloud/image/RegionTwo' },
      }),
    })
    const q = imageListQuery(s, ['RegionOne', 'RegionTwo'], { limit: 5 })
    const data = await qc.infiniteQuery(q)
    const page = data.pages[0]
    expect(page?.failures.map((f) => [f.region, f.error.status])).toEqual([['RegionTwo', 503]])
    expect(page?.items.every((i) => i.region === 'RegionOne')).toBe(true)
    expect(page?.items.length).toBe(5)
  })

  it('finds an image by ID in whichever region holds it', async () => {
    const two = await qc.infiniteQuery(imageListQuery(s, ['RegionTwo'], { limit: 1 }))
    const id = two.pages[0]?.items[0]?.image.id ?? ''
    const found = await qc.query(imageDetailQuery(s, ['RegionOne', 'RegionTwo'], id))
    expect(found.region).toBe('RegionTwo')
    await expect(
      qc.query(imageDetailQuery(s, ['RegionOne'], '00000000-0000-4000-8000-000000000000')),
    ).rejects.toMatchObject({ status: 404 })
  })
})

const invalidated = (key: readonly unknown[]) => qc.getQueryState(key)?.isInvalidated

describe('mutations invalidate exactly what they change', () => {
  async function sharedImageId() {
    const data = await qc.infiniteQuery(
      imageListQuery(s, ['RegionOne'], { limit: 100, visibility: 'shared', owner: s.project?.id }),
    )
    return data.pages[0]?.items[0]?.image.id ?? ''
  }

  it('share: the member list, not the image lists', async () => {
    const id = await sharedImageId()
    const list = imageListQuery(s, ['RegionOne'], { limit: 5 })
    await qc.infiniteQuery(list)
    await qc.query(membersQuery(s, 'RegionOne', id))

    const member = await new MutationObserver(qc, addMemberMutation(qc, s)).mutate({
      region: 'RegionOne',
      imageId: id,
      memberId: 'aaaabbbbccccddddeeeeffff00001111',
    })
    expect(member.status).toBe('pending')
    expect(invalidated(keys.members(s, 'RegionOne', id))).toBe(true)
    expect(invalidated(list.queryKey)).toBe(false)
  })

  it('visibility: the image, the lists and the members', async () => {
    const id = await sharedImageId()
    const list = imageListQuery(s, ['RegionOne'], { limit: 5 })
    await qc.infiniteQuery(list)
    const detail = imageDetailQuery(s, ['RegionOne'], id)
    await qc.query(detail)
    await qc.query(membersQuery(s, 'RegionOne', id))
    const image = await new MutationObserver(qc, setVisibilityMutation(qc, s)).mutate({
      region: 'RegionOne',
      imageId: id,
      visibility: 'private',
    })
    expect(image.visibility).toBe('private')
    expect(invalidated(detail.queryKey)).toBe(true)
    expect(invalidated(list.queryKey)).toBe(true)
    expect(invalidated(keys.members(s, 'RegionOne', id))).toBe(true)
  })

  it('a refused answer changes nothing but asks again, since the share may be gone', async () => {
    const id = await sharedImageId()
    const image = await qc.query(imageDetailQuery(s, ['RegionOne'], id))
    const list = imageListQuery(s, ['RegionOne'], { limit: 5 })
    await qc.infiniteQuery(list)
    const observer = new MutationObserver(qc, answerShareMutation(qc, s))
    // The owner may not answer for a member: Glance answers 403 (its own row does not exist).
    await expect(
      observer.mutate({ region: 'RegionOne', image: image.image, answer: 'accept' }),
    ).rejects.toMatchObject({ status: expect.any(Number) as number })
    expect(invalidated(list.queryKey)).toBe(true)
  })
})

describe('shares offered to the project (bob, consumer-a)', () => {
  beforeEach(async () => {
    s = await signIn({ username: 'bob', password: 'bob-demo', domain: 'Default' })
  })

  const names = (items: { image: { name: string | null } }[]) =>
    items.map((i) => i.image.name ?? '(null)').sort()

  it('counts every pending share per region, one request per region', async () => {
    const requests: string[] = []
    const { server } = await import('../../mocks/node')
    const onStart = ({ request }: { request: Request }) => {
      if (request.url.includes('/v2/images?')) requests.push(request.url)
    }
    server.events.on('request:start', onStart)
    const data = await qc.query(pendingSharesQuery(s, ['RegionOne', 'RegionTwo']))
    server.events.removeListener('request:start', onStart)
    expect(requests).toHaveLength(2)
    expect(requests.every((u) => u.includes('member_status=pending'))).toBe(true)
    const byRegion = (r: string) => data.items.filter((i) => i.region === r)
    expect(byRegion('RegionTwo').map((i) => i.image.name)).toContain('region-two-app')
    expect(names(byRegion('RegionOne'))).toContain('app-server-2026.01')
    expect(data.items.every((i) => i.membership === 'pending')).toBe(true)
    expect(data.items.every((i) => i.image.owner !== s.project?.id)).toBe(true)
    expect(data.failures).toEqual([])
  })

  it('lists shared-with-me by status, all statuses as three streams, never our own images', async () => {
    const caller = callerOf(s)
    const streams = incomingStreams(caller, ['RegionOne'], ['pending', 'accepted', 'rejected'], {
      limit: 100,
    })
    expect(streams).toHaveLength(3)
    const all = await qc.infiniteQuery(imageStreamsQuery(s, streams))
    const items = all.pages.flatMap((p) => p.items)
    const statusOf = (name: string) => items.find((i) => i.image.name === name)?.membership
    expect(statusOf('app-server-2026.01')).toBe('pending')
    expect(statusOf('app-server-2026.02')).toBe('accepted')
    expect(statusOf('db-snapshot-golden')).toBe('rejected')
    expect(items.every((i) => i.image.owner !== s.project?.id)).toBe(true)
  })

  it('asks each image for our row when the caller is an admin (Glance ignores member_status)', async () => {
    s = await signIn({ username: 'admin', password: 'admin-demo', domain: 'Default' })
    const streams = incomingStreams(callerOf(s), ['RegionOne'], ['accepted'], { limit: 100 })
    expect(streams).toHaveLength(1)
    const data = await qc.infiniteQuery(imageStreamsQuery(s, streams))
    const items = data.pages.flatMap((p) => p.items)
    // base-image-many-members is the seed's one image with the admin project accepted.
    expect(items.map((i) => i.image.name)).toEqual(['base-image-many-members'])
    expect(items[0]?.membership).toBe('accepted')
  })

  it('accepting moves an image from pending to the default list, and our own row says so', async () => {
    const pending = await qc.query(pendingSharesQuery(s, ['RegionOne']))
    const row = pending.items.find((i) => i.image.name === 'app-server-2026.01')
    expect(row).toBeDefined()
    if (!row) return
    const list = imageListQuery(s, ['RegionOne'], { limit: 100 })
    await qc.infiniteQuery(list)
    await new MutationObserver(qc, answerShareMutation(qc, s)).mutate({
      region: 'RegionOne',
      image: row.image,
      answer: 'accept',
    })
    expect(invalidated(keys.pendingShares(s, ['RegionOne']))).toBe(true)
    expect(invalidated(list.queryKey)).toBe(true)
    const after = await qc.query({ ...pendingSharesQuery(s, ['RegionOne']), staleTime: 0 })
    expect(after.items.map((i) => i.image.id)).not.toContain(row.image.id)
    const listed = await qc.infiniteQuery({ ...list, staleTime: 0 })
    const mine = listed.pages[0]?.items.find((i) => i.image.id === row.image.id)
    expect(mine?.membership).toBe('accepted')
    const member = await qc.query(myMembershipQuery(s, 'RegionOne', row.image.id))
    expect(member?.status).toBe('accepted')
  })

  it('our own row is null where the project is not a member', async () => {
    const data = await qc.infiniteQuery(imageListQuery(s, ['RegionOne'], { visibility: 'public' }))
    const publicImage = data.pages[0]?.items[0]?.image.id ?? ''
    await expect(qc.query(myMembershipQuery(s, 'RegionOne', publicImage))).resolves.toBeNull()
  })
})

describe('query keys', () => {
  it('are scoped to the user as well as the project', async () => {
    const rita = await signIn({ username: 'rita', password: 'rita-demo', domain: 'Default' })
    // Same project, two users: nothing one cached may answer the other's query.
    expect(rita.project?.id).toBe(s.project?.id)
    const aliceKey = imageListQuery(s, ['RegionOne'], {}).queryKey
    const ritaKey = imageListQuery(rita, ['RegionOne'], {}).queryKey
    expect(aliceKey).not.toEqual(ritaKey)
    expect(keys.all(s)).toEqual(['p', s.user.id, s.project?.id])
  })
})
