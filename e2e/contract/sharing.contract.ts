import {
  addMember,
  getImage,
  getMember,
  listImages,
  listMembers,
  removeMember,
  setImageVisibility,
  setMemberStatus,
} from '~/api/glance'
import { expect, failure, glanceTime, ids, newImage, run } from './helpers'
import { as, target } from './target'

const producer = () => as('alice', 'producer')
const consumer = () => as('bob', 'consumer-a')
const outsider = () => as('carol', 'consumer-b')

describe('a share from producer to consumer, step by step', () => {
  it('creates images shared by default, which can take members at once', async () => {
    const alice = await producer()
    const image = await newImage(alice)
    expect(image).toMatchObject({ visibility: 'shared', status: 'queued', owner: alice.projectId })
    expect(image.created_at).toMatch(glanceTime)
  })

  it('adds a member as pending (200), with Glance’s member fields', async () => {
    const [alice, bob] = await Promise.all([producer(), consumer()])
    const image = await newImage(alice)
    const member = await addMember(alice.glance(), image.id, bob.projectId)
    expect(member).toEqual({
      image_id: image.id,
      member_id: bob.projectId,
      status: 'pending',
      created_at: expect.stringMatching(glanceTime) as string,
      updated_at: expect.stringMatching(glanceTime) as string,
      schema: '/v2/schemas/member',
    })
    expect(await failure(addMember(alice.glance(), image.id, bob.projectId))).toEqual({
      status: 409,
      message: `Member ${bob.projectId} is duplicated for image ${image.id}`,
    })
  })

  it('hides a pending share from the consumer’s default list, but not by ID or on request', async () => {
    const [alice, bob] = await Promise.all([producer(), consumer()])
    const image = await newImage(alice)
    await addMember(alice.glance(), image.id, bob.projectId)
    const byDefault = await listImages(bob.glance(), { limit: 1000 })
    expect(ids(byDefault.images)).not.toContain(image.id)
    const pending = await listImages(bob.glance(), {
      visibility: 'shared',
      member_status: 'pending',
      limit: 1000,
    })
    expect(ids(pending.images)).toContain(image.id)
    expect((await getImage(bob.glance(), image.id)).id).toBe(image.id)
    // A member sees only its own row.
    expect((await listMembers(bob.glance(), image.id)).map((m) => m.member_id)).toEqual([
      bob.projectId,
    ])
    expect((await getMember(bob.glance(), image.id, bob.projectId)).status).toBe('pending')
  })

  it('lets only the member decide; accepting puts the image in the default list', async () => {
    const [alice, bob] = await Promise.all([producer(), consumer()])
    const image = await newImage(alice)
    await addMember(alice.glance(), image.id, bob.projectId)

    expect(
      await failure(setMemberStatus(alice.glance(), image.id, bob.projectId, 'accepted')),
    ).toEqual({ status: 403, message: 'You are not authorized to complete modify_member action.' })
    expect(
      await failure(
        // @ts-expect-error: a status Glance refuses, as a hand-made request could send
        setMemberStatus(bob.glance(), image.id, bob.projectId, 'bogus'),
      ),
    ).toEqual({
      status: 400,
      message: 'Incorrect request: Status must be "pending", "accepted" or "rejected".',
    })

    const accepted = await setMemberStatus(bob.glance(), image.id, bob.projectId, 'accepted')
    expect(accepted.status).toBe('accepted')
    expect(accepted.updated_at).toMatch(glanceTime)
    expect(ids((await listImages(bob.glance(), { limit: 1000 })).images)).toContain(image.id)

    const rejected = await setMemberStatus(bob.glance(), image.id, bob.projectId, 'rejected')
    expect(rejected.status).toBe('rejected')
    expect(ids((await listImages(bob.glance(), { limit: 1000 })).images)).not.toContain(image.id)
    // A rejection is not final: the member may accept again.
    expect((await setMemberStatus(bob.glance(), image.id, bob.projectId, 'accepted')).status).toBe(
      'accepted',
    )
  })

  it('does not let a member leave or a third project look', async () => {
    const [alice, bob, carol] = await Promise.all([producer(), consumer(), outsider()])
    const image = await newImage(alice)
    await addMember(alice.glance(), image.id, bob.projectId)
    expect(await failure(removeMember(bob.glance(), image.id, bob.projectId))).toEqual({
      status: 403,
      message: 'You are not authorized to complete delete_member action.',
    })
    expect(await failure(getImage(carol.glance(), image.id))).toEqual({
      status: 404,
      message: `No image found with ID ${image.id}`,
    })
    expect(await failure(listMembers(carol.glance(), image.id))).toMatchObject({ status: 404 })
    expect(await failure(getMember(bob.glance(), image.id, alice.projectId))).toMatchObject({
      status: 404,
    })
  })

  it('gives a reader in the owner project a read-only view', async () => {
    const [alice, bob, rita] = await Promise.all([producer(), consumer(), as('rita', 'producer')])
    const image = await newImage(alice)
    await addMember(alice.glance(), image.id, bob.projectId)
    expect((await listMembers(rita.glance(), image.id)).length).toBe(1)
    expect(
      await failure(addMember(rita.glance(), image.id, 'aaaa0000aaaa0000aaaa0000aaaa0000')),
    ).toEqual({
      status: 403,
      message: 'You are not authorized to complete add_member action.',
    })
  })

  it('keeps member rows through private and back, and re-adds a removed member as pending', async () => {
    const [alice, bob] = await Promise.all([producer(), consumer()])
    const image = await newImage(alice)
    await addMember(alice.glance(), image.id, bob.projectId)
    await setMemberStatus(bob.glance(), image.id, bob.projectId, 'accepted')

    expect((await setImageVisibility(alice.glance(), image.id, 'private')).visibility).toBe(
      'private',
    )
    expect(await failure(getImage(bob.glance(), image.id))).toEqual({
      status: 404,
      message: `No image found with ID ${image.id}`,
    })
    expect(await failure(listMembers(alice.glance(), image.id))).toEqual({
      status: 403,
      message: `Not allowed to list members for image ${image.id}: Only shared images have members.`,
    })
    expect(
      await failure(addMember(alice.glance(), image.id, 'bbbb0000bbbb0000bbbb0000bbbb0000')),
    ).toEqual({
      status: 403,
      message: `Not allowed to create members for image ${image.id}.`,
    })

    await setImageVisibility(alice.glance(), image.id, 'shared')
    expect((await getMember(bob.glance(), image.id, bob.projectId)).status).toBe('accepted')

    await removeMember(alice.glance(), image.id, bob.projectId)
    expect(await failure(getImage(bob.glance(), image.id))).toMatchObject({ status: 404 })
    expect((await addMember(alice.glance(), image.id, bob.projectId)).status).toBe('pending')
  })

  it('refuses members on a community image', async () => {
    const [alice, bob] = await Promise.all([producer(), consumer()])
    const image = await newImage(alice, { visibility: 'community' })
    expect(await failure(addMember(alice.glance(), image.id, bob.projectId))).toEqual({
      status: 403,
      message: `Not allowed to create members for image ${image.id}.`,
    })
    expect(ids((await listImages(bob.glance(), { limit: 1000 })).images)).not.toContain(image.id)
    expect(
      ids((await listImages(bob.glance(), { visibility: 'community', limit: 1000 })).images),
    ).toContain(image.id)
    expect((await getImage(bob.glance(), image.id)).visibility).toBe('community')
  })

  it('lets only an admin make an image public, and only the owner change it', async () => {
    const [alice, bob] = await Promise.all([producer(), consumer()])
    const image = await newImage(alice)
    await addMember(alice.glance(), image.id, bob.projectId)
    expect(await failure(setImageVisibility(alice.glance(), image.id, 'public'))).toEqual({
      status: 403,
      message: 'You are not authorized to complete publicize_image action.',
    })
    expect(await failure(setImageVisibility(bob.glance(), image.id, 'private'))).toEqual({
      status: 403,
      message: 'You are not authorized to complete modify_image action.',
    })
  })
})

describe('the member quota', () => {
  it('counts members in every status and is checked before duplicates', async () => {
    const alice = await producer()
    const image = await newImage(alice)
    const quota = target.memberQuota
    // Glance does not validate member IDs; these are unique to the run.
    const prefix = run.replace(/[^0-9a-z]/g, '').slice(0, 29)
    const members = Array.from(
      { length: quota },
      (_, i) => `${prefix}${String(i).padStart(3, '0')}`,
    )
    for (const m of members) await addMember(alice.glance(), image.id, m)
    const over = await failure(
      addMember(alice.glance(), image.id, 'cccc0000cccc0000cccc0000cccc0000'),
    )
    expect(over.status).toBe(413)
    expect(over.message).toContain(`Image member limit exceeded for image ${image.id}`)
    expect(over.message).toContain(`Attempted: ${quota + 1}, Maximum: ${quota}`)
    expect((await failure(addMember(alice.glance(), image.id, members[0] ?? ''))).status).toBe(413)
  })
})
