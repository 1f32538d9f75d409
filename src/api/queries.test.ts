import { MutationObserver, QueryClient } from '@tanstack/react-query'
import { initRuntime } from '~/config/runtime'
import { reloadSessionFromStorage, signIn, type Session } from '~/session/session'
import { addMemberMutation, setMemberStatusMutation, setVisibilityMutation } from './mutations'
import { imageDetailQuery, imageListQuery, keys, membersQuery } from './queries'

let s: Session
let qc: QueryClient

beforeEach(async () => {
  initRuntime({ mode: 'demo', defaultDomain: 'Default' })
  reloadSessionFromStorage()
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

describe('mutations invalidate exactly what they change', () => {
  async function sharedImageId() {
    const data = await qc.infiniteQuery(
      imageListQuery(s, ['RegionOne'], { limit: 100, visibility: 'shared', owner: s.project?.id }),
    )
    return data.pages[0]?.items[0]?.image.id ?? ''
  }

  const invalidated = (key: readonly unknown[]) => qc.getQueryState(key)?.isInvalidated

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

  it('a refused status change invalidates nothing', async () => {
    const id = await sharedImageId()
    await qc.query(membersQuery(s, 'RegionOne', id))
    const observer = new MutationObserver(qc, setMemberStatusMutation(qc, s))
    // The owner may not set a member's status: Glance answers 403.
    await expect(
      observer.mutate({
        region: 'RegionOne',
        imageId: id,
        memberId: s.project?.id ?? '',
        status: 'accepted',
      }),
    ).rejects.toMatchObject({ status: expect.any(Number) as number })
    expect(invalidated(keys.members(s, 'RegionOne', id))).toBe(false)
  })
})
