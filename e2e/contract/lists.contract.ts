import { addMember, listImages, setMemberStatus, type ImageListParams } from '~/api/glance'
import type { Actor } from './target'
import { expect, failure, ids, newImage, run } from './helpers'
import { as } from './target'

/** Every page of a query, the way the panel pages: by marker until `next` is gone. */
async function allPages(actor: Actor, params: ImageListParams) {
  const pages: string[][] = []
  let marker: string | undefined
  for (let i = 0; i < 20; i++) {
    const page = await listImages(actor.glance(), { ...params, marker })
    pages.push(ids(page.images))
    if (!page.nextMarker) return pages
    marker = page.nextMarker
  }
  throw new Error('more than 20 pages')
}

describe('image lists', () => {
  it('pages by marker, and a full last page is followed by an empty one', async () => {
    const alice = await as('alice', 'producer')
    const made = [
      await newImage(alice),
      await newImage(alice),
      await newImage(alice),
      await newImage(alice),
    ]
    const pages = await allPages(alice, { tag: run, limit: 2 })
    expect(pages.map((p) => p.length)).toEqual([2, 2, 0])
    expect(new Set(pages.flat())).toEqual(new Set(ids(made)))
    // Default order: newest first.
    const odd = await allPages(alice, { tag: run, limit: 3 })
    expect(odd.map((p) => p.length)).toEqual([3, 1])
  })

  it('shows a project its own, public and accepted images; member_status and owner narrow it', async () => {
    const [alice, bob] = await Promise.all([as('alice', 'producer'), as('bob', 'consumer-a')])
    const pending = await newImage(alice)
    const accepted = await newImage(alice)
    const rejected = await newImage(alice)
    const own = await newImage(bob, { visibility: 'private' })
    for (const image of [pending, accepted, rejected]) {
      await addMember(alice.glance(), image.id, bob.projectId)
    }
    await setMemberStatus(bob.glance(), accepted.id, bob.projectId, 'accepted')
    await setMemberStatus(bob.glance(), rejected.id, bob.projectId, 'rejected')

    const mine = (params: ImageListParams) =>
      listImages(bob.glance(), { ...params, limit: 1000 }).then((r) =>
        ids(r.images).filter((id) => [pending, accepted, rejected, own].some((i) => i.id === id)),
      )
    const sorted = (xs: string[]) => [...xs].sort()
    expect(sorted(await mine({}))).toEqual(sorted([accepted.id, own.id]))
    expect(sorted(await mine({ visibility: 'shared' }))).toEqual([accepted.id])
    expect(sorted(await mine({ visibility: 'shared', member_status: 'pending' }))).toEqual([
      pending.id,
    ])
    expect(sorted(await mine({ visibility: 'shared', member_status: 'rejected' }))).toEqual([
      rejected.id,
    ])
    expect(sorted(await mine({ visibility: 'shared', member_status: 'all' }))).toEqual(
      sorted([pending.id, accepted.id, rejected.id]),
    )
    expect(sorted(await mine({ visibility: 'private' }))).toEqual([own.id])
    expect(
      sorted(await mine({ visibility: 'shared', member_status: 'all', owner: alice.projectId })),
    ).toEqual(sorted([pending.id, accepted.id, rejected.id]))

    // The producer's "shared with me" query also returns its own shared images.
    const producerView = await listImages(alice.glance(), {
      visibility: 'shared',
      member_status: 'pending',
      limit: 1000,
    })
    expect(ids(producerView.images)).toContain(pending.id)
  })

  it('lets an admin see every project’s images, ignoring member_status', async () => {
    const [alice, admin] = await Promise.all([as('alice', 'producer'), as('admin', 'admin')])
    const image = await newImage(alice, { visibility: 'private' })
    const seen = await listImages(admin.glance(), {
      owner: alice.projectId,
      member_status: 'pending',
      limit: 1000,
    })
    expect(ids(seen.images)).toContain(image.id)
  })

  it('refuses bad list parameters with Glance’s words', async () => {
    const alice = await as('alice', 'producer')
    const g = alice.glance()
    expect(await failure(listImages(g, { limit: -1 }))).toEqual({
      status: 400,
      message: 'limit param must be positive',
    })
    expect(await failure(listImages(g, { limit: 'x' } as unknown as ImageListParams))).toEqual({
      status: 400,
      message: 'limit param must be an integer',
    })
    expect(
      await failure(listImages(g, { visibility: 'bogus' } as unknown as ImageListParams)),
    ).toEqual({ status: 400, message: 'Invalid visibility value: bogus' })
    expect(
      await failure(listImages(g, { member_status: 'bogus' } as unknown as ImageListParams)),
    ).toEqual({ status: 400, message: 'Invalid status: bogus' })
    expect(
      (await failure(listImages(g, { marker: '00000000-0000-4000-8000-000000000000' }))).status,
    ).toBe(400)
  })
})
