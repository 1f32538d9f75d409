import type { SeedImageKey } from '~mocks/seed'
import { FOREIGN_PROJECT_ID, seedImage, seedImageId, seedProjectId } from '~mocks/seed'
import {
  control,
  glance,
  glanceMessage,
  listAll,
  listImages,
  PATCH_CONTENT_TYPE,
  passwordAuth,
  setVisibility,
  tokenFor,
} from '~mocks/test-helpers'

// The demo Glance against the contract (§1–§10, §14), over fetch with real demo tokens.

const BOB = seedProjectId('consumer-a')
const CAROL = seedProjectId('consumer-b')
const PRODUCER = seedProjectId('producer')
const QA = seedProjectId('qa')
const id = (key: SeedImageKey) => seedImageId(key)
const membersPath = (key: SeedImageKey, member?: string) =>
  `/images/${id(key)}/members${member === undefined ? '' : `/${encodeURIComponent(member)}`}`

type MemberBody = {
  image_id: string
  member_id: string
  status: string
  created_at: string
  updated_at: string
  schema: string
}

async function expectError(response: Response, status: number, message: string) {
  expect(response.status).toBe(status)
  expect(await glanceMessage(response)).toBe(message)
}

const names = (images: { name: string | null }[]) => images.map((i) => i.name)

describe('authentication (401)', () => {
  test('missing, unknown, revoked and expired tokens get a webob 401', async () => {
    const missing = await fetch(`http://localhost/demo-cloud/image/RegionOne/v2/images`, {
      headers: { Accept: 'application/json' },
    })
    expect(missing.status).toBe(401)
    expect(await missing.json()).toMatchObject({ code: '401 Unauthorized', title: 'Unauthorized' })

    expect((await glance('not-a-token', '/images')).status).toBe(401)

    const token = await tokenFor('alice')
    expect((await glance(token, '/images')).status).toBe(200)
    const revoke = await fetch('http://localhost/demo-cloud/identity/v3/auth/tokens', {
      method: 'DELETE',
      headers: { 'X-Auth-Token': token, 'X-Subject-Token': token },
    })
    expect(revoke.status).toBe(204)
    expect((await glance(token, '/images')).status).toBe(401)

    const other = await tokenFor('bob')
    await control('expire-tokens')
    expect((await glance(other, `/images/${id('acceptedByBob')}`)).status).toBe(401)
  })

  test('every response carries x-openstack-request-id', async () => {
    const token = await tokenFor('alice')
    for (const response of [await glance(token, '/images'), await glance('bad', '/images')]) {
      expect(response.headers.get('x-openstack-request-id')).toMatch(/^req-[0-9a-f-]{36}$/)
    }
  })
})

describe('error format (§10)', () => {
  test('Accept: application/json → webob JSON with <br /><br /> and the status line', async () => {
    const token = await tokenFor('bob')
    const response = await glance(token, membersPath('producerPrivate'))
    expect(response.status).toBe(404)
    expect(await response.json()).toEqual({
      message: `Image ${id('producerPrivate')} not found.<br /><br />\n\n\n`,
      code: '404 Not Found',
      title: 'Not Found',
    })
  })

  test('no Accept or */* → an HTML page; other types → text', async () => {
    const token = await tokenFor('bob')
    const html = await glance(token, membersPath('producerPrivate'), { headers: { Accept: '*/*' } })
    expect(html.headers.get('Content-Type')).toMatch(/text\/html/)
    const page = await html.text()
    expect(page).toContain('<h1>404 Not Found</h1>')
    expect(page).toContain(`Image ${id('producerPrivate')} not found.<br /><br />`)

    const text = await glance(token, membersPath('producerPrivate'), {
      headers: { Accept: 'text/plain' },
    })
    expect(await text.text()).toBe(
      `404 Not Found\n\nImage ${id('producerPrivate')} not found.\n\n\n`,
    )
  })
})

describe('GET /v2/images/{id}', () => {
  test('a pending or rejected share is readable by id; an unrelated project gets 404', async () => {
    const bob = await tokenFor('bob')
    expect((await glance(bob, `/images/${id('pendingForBob')}`)).status).toBe(200)
    expect((await glance(bob, `/images/${id('rejectedByBob')}`)).status).toBe(200)
    const rita = await tokenFor('rita')
    await expectError(
      await glance(rita, `/images/${id('carolShared')}`),
      404,
      `No image found with ID ${id('carolShared')}`,
    )
  })

  test('a private image with leftover member rows is invisible to the members', async () => {
    const bob = await tokenFor('bob')
    expect((await glance(bob, `/images/${id('producerPrivate')}`)).status).toBe(404)
  })

  test('others’ community images are readable by id', async () => {
    const bob = await tokenFor('bob')
    const response = await glance(bob, `/images/${id('alpineCommunity')}`)
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ visibility: 'community', owner: QA })
  })

  test('the image object has the §9 fields, extra properties flattened', async () => {
    const alice = await tokenFor('alice')
    const image = (await (await glance(alice, `/images/${id('pendingForBob')}`)).json()) as Record<
      string,
      unknown
    >
    expect(image).toMatchObject({
      id: id('pendingForBob'),
      name: 'app-server-2026.01',
      visibility: 'shared',
      owner: PRODUCER,
      status: 'active',
      self: `/v2/images/${id('pendingForBob')}`,
      file: `/v2/images/${id('pendingForBob')}/file`,
      schema: '/v2/schemas/image',
      hw_disk_bus: 'virtio',
    })
    expect(image.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    const queued = (await (await glance(alice, `/images/${id('producerQueued')}`)).json()) as {
      size: unknown
    }
    expect(queued.size).toBeNull()
  })

  test('each region has its own images', async () => {
    const bob = await tokenFor('bob')
    expect((await glance(bob, `/images/${id('r2PendingForBob')}`)).status).toBe(404)
    const inRegionTwo = await glance(bob, `/images/${id('r2PendingForBob')}`, {
      region: 'RegionTwo',
    })
    expect(inRegionTwo.status).toBe(200)
    expect((await glance(bob, `/images/${id('ubuntu2404')}`, { region: 'RegionTwo' })).status).toBe(
      404,
    )
  })
})

describe('§1 POST members (share)', () => {
  test('owner → 200 pending member object, no Location', async () => {
    const alice = await tokenFor('alice')
    const response = await glance(alice, membersPath('unshared'), {
      method: 'POST',
      body: { member: BOB },
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('Location')).toBeNull()
    const member = (await response.json()) as MemberBody
    expect(member).toMatchObject({
      image_id: id('unshared'),
      member_id: BOB,
      status: 'pending',
      schema: '/v2/schemas/member',
    })
    expect(member.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
  })

  test('member ids are not validated: every string is kept as given', async () => {
    const alice = await tokenFor('alice')
    for (const member of ['not a project!', 'MiXeD-Case', PRODUCER]) {
      const response = await glance(alice, membersPath('unshared'), {
        method: 'POST',
        body: { member },
      })
      expect(response.status).toBe(200)
      expect(((await response.json()) as MemberBody).member_id).toBe(member)
    }
  })

  test('body errors, in Glance’s order', async () => {
    const alice = await tokenFor('alice')
    const post = (body: unknown) => glance(alice, membersPath('unshared'), { method: 'POST', body })
    await expectError(
      await glance(alice, membersPath('unshared'), { method: 'POST' }),
      400,
      'Body expected in request.',
    )
    await expectError(await post('{nope'), 400, 'Malformed JSON in request body.')
    await expectError(await post('"x"'), 400, 'Unexpected body type. Expected list/dict.')
    await expectError(
      await post([BOB]),
      400,
      'Expected a member in the form: {"member": "image_id"}',
    )
    await expectError(await post({ other: BOB }), 400, 'Member to be added not specified')
    for (const empty of ['', null, false, 0]) {
      await expectError(await post({ member: empty }), 400, "Member can't be empty")
    }
    await expectError(
      await post({ member: 'p-😀' }),
      400,
      "Member can't contain 4 byte unicode characters.",
    )
  })

  test('an image the caller cannot see → 404', async () => {
    const rita = await tokenFor('rita')
    await expectError(
      await glance(rita, membersPath('carolShared'), { method: 'POST', body: { member: BOB } }),
      404,
      `Image ${id('carolShared')} not found.`,
    )
  })

  test.each(['producerPrivate', 'producerCommunity'] as const)(
    'a %s image → 403 for the owner',
    async (key) => {
      const alice = await tokenFor('alice')
      await expectError(
        await glance(alice, membersPath(key), { method: 'POST', body: { member: QA } }),
        403,
        `Not allowed to create members for image ${id(key)}.`,
      )
    },
  )

  test('a public image → 403 even for admin', async () => {
    const admin = await tokenFor('admin')
    await expectError(
      await glance(admin, membersPath('ubuntu2404'), { method: 'POST', body: { member: QA } }),
      403,
      `Not allowed to create members for image ${id('ubuntu2404')}.`,
    )
  })

  test('a member of the share: new-defaults text, then legacy text', async () => {
    const bob = await tokenFor('bob')
    const share = () =>
      glance(bob, membersPath('acceptedByBob'), { method: 'POST', body: { member: QA } })
    await expectError(await share(), 403, 'You are not authorized to complete add_member action.')
    await control('settings', { policyMode: 'legacy' })
    await expectError(
      await share(),
      403,
      `Not allowed to create members for image ${id('acceptedByBob')}.`,
    )
  })

  test('a reader-only user in the owner project: 403 under new defaults, allowed in legacy', async () => {
    const rita = await tokenFor('rita')
    const share = () =>
      glance(rita, membersPath('unshared'), { method: 'POST', body: { member: QA } })
    await expectError(await share(), 403, 'You are not authorized to complete add_member action.')
    await control('settings', { policyMode: 'legacy' })
    expect((await share()).status).toBe(200)
  })

  test('quota (413) is checked before duplicate (409)', async () => {
    const alice = await tokenFor('alice')
    const add = (member: string) =>
      glance(alice, membersPath('acceptedByBob'), { method: 'POST', body: { member } })
    await expectError(
      await add(BOB),
      409,
      `Member ${BOB} is duplicated for image ${id('acceptedByBob')}`,
    )
    await control('settings', { image_member_quota: 2 })
    // acceptedByBob has two members: a duplicate now hits the quota first.
    await expectError(
      await add(BOB),
      413,
      `Image member limit exceeded for image ${id('acceptedByBob')}: The limit has been exceeded on the number of allowed image members for this image. Attempted: 3, Maximum: 2:`,
    )
    await control('settings', { image_member_quota: -1 })
    expect((await add(QA)).status).toBe(200)
  })

  test('a duplicate in any status → 409', async () => {
    const alice = await tokenFor('alice')
    // rejectedByBob: consumer-a rejected; pendingForBob: pending; acceptedByBob: accepted
    for (const key of ['rejectedByBob', 'pendingForBob', 'acceptedByBob'] as const) {
      const response = await glance(alice, membersPath(key), {
        method: 'POST',
        body: { member: BOB },
      })
      expect(response.status).toBe(409)
    }
  })

  test('re-adding a deleted member brings the row back as pending with a new created_at', async () => {
    const alice = await tokenFor('alice')
    const before = seedImage('unshared').members
    expect(before).toEqual([['consumer-b', 'accepted', 'deleted']])
    const owner = (await (await glance(alice, membersPath('unshared'))).json()) as {
      members: MemberBody[]
    }
    expect(owner.members).toEqual([])
    const response = await glance(alice, membersPath('unshared'), {
      method: 'POST',
      body: { member: CAROL },
    })
    expect(response.status).toBe(200)
    const member = (await response.json()) as MemberBody
    expect(member.status).toBe('pending')
    // a new created_at: now, not the seeded row's
    expect(Math.abs(Date.parse(member.created_at) - Date.now())).toBeLessThan(5000)

    // delete, then add again: pending again even after an accept
    const carol = await tokenFor('carol')
    expect(
      (
        await glance(carol, membersPath('unshared', CAROL), {
          method: 'PUT',
          body: { status: 'accepted' },
        })
      ).status,
    ).toBe(200)
    expect((await glance(alice, membersPath('unshared', CAROL), { method: 'DELETE' })).status).toBe(
      204,
    )
    const again = await glance(alice, membersPath('unshared'), {
      method: 'POST',
      body: { member: CAROL },
    })
    expect(((await again.json()) as MemberBody).status).toBe('pending')
  })
})

describe('§2 GET members', () => {
  test('owner and admin get every member in every status', async () => {
    for (const user of ['alice', 'admin'] as const) {
      const token = await tokenFor(user)
      const response = await glance(token, membersPath('manyMembers'))
      expect(response.status).toBe(200)
      const body = (await response.json()) as { members: MemberBody[]; schema: string }
      expect(body.schema).toBe('/v2/schemas/members')
      expect(body.members.map((m) => [m.member_id, m.status])).toEqual([
        [BOB, 'accepted'],
        [CAROL, 'rejected'],
        [QA, 'pending'],
        [seedProjectId('admin'), 'accepted'],
        [FOREIGN_PROJECT_ID, 'pending'],
      ])
    }
  })

  test('a member (any status) gets only its own entry', async () => {
    const bob = await tokenFor('bob')
    for (const key of ['manyMembers', 'pendingForBob', 'rejectedByBob'] as const) {
      const body = (await (await glance(bob, membersPath(key))).json()) as { members: MemberBody[] }
      expect(body.members.map((m) => m.member_id)).toEqual([BOB])
    }
  })

  test('not visible → 404; not shared → 403 even for the owner', async () => {
    const bob = await tokenFor('bob')
    await expectError(
      await glance(bob, membersPath('producerPrivate')),
      404,
      `Image ${id('producerPrivate')} not found.`,
    )
    const alice = await tokenFor('alice')
    await expectError(
      await glance(alice, membersPath('producerPrivate')),
      403,
      `Not allowed to list members for image ${id('producerPrivate')}: Only shared images have members.`,
    )
  })

  test('a body is rejected (DELETE; fetch cannot send one with GET)', async () => {
    const alice = await tokenFor('alice')
    await expectError(
      await glance(alice, membersPath('manyMembers', BOB), { method: 'DELETE', body: {} }),
      400,
      'A body is not expected with this request.',
    )
  })
})

describe('§3 GET members/{member_id}: every failure is 404', () => {
  test('owner reads any member; a member reads itself', async () => {
    const alice = await tokenFor('alice')
    const bob = await tokenFor('bob')
    expect((await glance(alice, membersPath('manyMembers', CAROL))).status).toBe(200)
    const own = await glance(bob, membersPath('pendingForBob', BOB))
    expect(own.status).toBe(200)
    expect(await own.json()).toMatchObject({ member_id: BOB, status: 'pending' })
  })

  test('a member asking about another project → 404', async () => {
    const bob = await tokenFor('bob')
    await expectError(
      await glance(bob, membersPath('manyMembers', CAROL)),
      404,
      `${CAROL} not found in the member list of the image ${id('manyMembers')}.`,
    )
  })

  test('not a member, not shared, not visible → 404', async () => {
    const alice = await tokenFor('alice')
    await expectError(
      await glance(alice, membersPath('manyMembers', 'nobody')),
      404,
      `nobody not found in the member list of the image ${id('manyMembers')}.`,
    )
    await expectError(
      await glance(alice, membersPath('producerPrivate', BOB)),
      404,
      'Only shared images have members.',
    )
    const rita = await tokenFor('rita')
    await expectError(
      await glance(rita, membersPath('carolShared', BOB)),
      404,
      `Image ${id('carolShared')} not found.`,
    )
  })
})

describe('§4 PUT members/{member_id}', () => {
  const put = (token: string, key: SeedImageKey, member: string, body: unknown) =>
    glance(token, membersPath(key, member), { method: 'PUT', body })

  test('the member accepts, rejects and resets its own row; updated_at changes', async () => {
    const bob = await tokenFor('bob')
    const seeded = (await (
      await glance(bob, membersPath('pendingForBob', BOB))
    ).json()) as MemberBody
    for (const status of ['accepted', 'rejected', 'rejected', 'pending'] as const) {
      const response = await put(bob, 'pendingForBob', BOB, { status })
      expect(response.status).toBe(200)
      const member = (await response.json()) as MemberBody
      expect(member.status).toBe(status)
      expect(member.updated_at > seeded.updated_at).toBe(true)
    }
  })

  test('a rejection is not final', async () => {
    const bob = await tokenFor('bob')
    expect((await put(bob, 'rejectedByBob', BOB, { status: 'accepted' })).status).toBe(200)
    expect(names((await listImages(bob)).images)).toContain('db-snapshot-golden')
  })

  test('admin may set any member’s status', async () => {
    const admin = await tokenFor('admin')
    expect((await put(admin, 'pendingForBob', BOB, { status: 'accepted' })).status).toBe(200)
  })

  test('the owner → 403 in both modes', async () => {
    const alice = await tokenFor('alice')
    await expectError(
      await put(alice, 'pendingForBob', BOB, { status: 'accepted' }),
      403,
      'You are not authorized to complete modify_member action.',
    )
    await control('settings', { policyMode: 'legacy' })
    await expectError(
      await put(alice, 'pendingForBob', BOB, { status: 'accepted' }),
      403,
      `Not allowed to update members for image ${id('pendingForBob')}.`,
    )
  })

  test('a member targeting another project’s row → 404', async () => {
    const bob = await tokenFor('bob')
    await expectError(
      await put(bob, 'pendingForBob', CAROL, { status: 'rejected' }),
      404,
      `${CAROL} not found in the member list of the image ${id('pendingForBob')}.`,
    )
  })

  test('a third party → 404; a member after the image became private → 404', async () => {
    const rita = await tokenFor('rita')
    expect((await put(rita, 'carolShared', BOB, { status: 'accepted' })).status).toBe(404)
    const bob = await tokenFor('bob')
    await expectError(
      await put(bob, 'producerPrivate', BOB, { status: 'accepted' }),
      404,
      `Image ${id('producerPrivate')} not found.`,
    )
  })

  test('not shared → 403 for the owner', async () => {
    const alice = await tokenFor('alice')
    await expectError(
      await put(alice, 'producerPrivate', BOB, { status: 'accepted' }),
      403,
      `Not allowed to update members for image ${id('producerPrivate')}.`,
    )
  })

  test('body errors, and an invalid value checked last', async () => {
    const bob = await tokenFor('bob')
    await expectError(
      await glance(bob, membersPath('pendingForBob', BOB), { method: 'PUT' }),
      400,
      'Body expected in request.',
    )
    await expectError(
      await put(bob, 'pendingForBob', BOB, ['accepted']),
      400,
      'Expected a status in the form: {"status": "status"}',
    )
    await expectError(await put(bob, 'pendingForBob', BOB, {}), 400, 'Status not specified')
    await expectError(
      await put(bob, 'pendingForBob', BOB, { status: 'bogus' }),
      400,
      'Incorrect request: Status must be "pending", "accepted" or "rejected".',
    )
    // checked last: the owner's bad value is still a 403, a stranger's a 404
    const alice = await tokenFor('alice')
    expect((await put(alice, 'pendingForBob', BOB, { status: 'bogus' })).status).toBe(403)
    const rita = await tokenFor('rita')
    expect((await put(rita, 'carolShared', BOB, { status: 'bogus' })).status).toBe(404)
  })
})

describe('§5 DELETE members/{member_id}', () => {
  test('owner → 204 empty; the member then loses the image', async () => {
    const alice = await tokenFor('alice')
    const response = await glance(alice, membersPath('acceptedByBob', BOB), { method: 'DELETE' })
    expect(response.status).toBe(204)
    expect(await response.text()).toBe('')
    const bob = await tokenFor('bob')
    expect((await glance(bob, `/images/${id('acceptedByBob')}`)).status).toBe(404)
    expect(names((await listImages(bob)).images)).not.toContain('app-server-2026.02')
  })

  test('admin → 204', async () => {
    const admin = await tokenFor('admin')
    expect(
      (await glance(admin, membersPath('manyMembers', FOREIGN_PROJECT_ID), { method: 'DELETE' }))
        .status,
    ).toBe(204)
  })

  test('a member cannot leave: 403 in both modes', async () => {
    const bob = await tokenFor('bob')
    const leave = () => glance(bob, membersPath('acceptedByBob', BOB), { method: 'DELETE' })
    await expectError(
      await leave(),
      403,
      'You are not authorized to complete delete_member action.',
    )
    await control('settings', { policyMode: 'legacy' })
    await expectError(
      await leave(),
      403,
      `Not allowed to delete members for image ${id('acceptedByBob')}.`,
    )
  })

  test('not visible → 404; not shared → 403; unknown member → 404', async () => {
    const rita = await tokenFor('rita')
    expect((await glance(rita, membersPath('carolShared', BOB), { method: 'DELETE' })).status).toBe(
      404,
    )
    const alice = await tokenFor('alice')
    await expectError(
      await glance(alice, membersPath('producerPrivate', BOB), { method: 'DELETE' }),
      403,
      `Not allowed to delete members for image ${id('producerPrivate')}.`,
    )
    await expectError(
      await glance(alice, membersPath('acceptedByBob', 'nobody'), { method: 'DELETE' }),
      404,
      `nobody not found in the member list of the image ${id('acceptedByBob')}.`,
    )
  })

  test('a reader in the owner project → 403 delete_member', async () => {
    const rita = await tokenFor('rita')
    await expectError(
      await glance(rita, membersPath('acceptedByBob', BOB), { method: 'DELETE' }),
      403,
      'You are not authorized to complete delete_member action.',
    )
  })
})

describe('§7 GET /v2/images', () => {
  test('default list: own, public and accepted shares — no pending, rejected, hidden, killed or others’ community', async () => {
    const bob = await tokenFor('bob')
    const list = await listImages(bob, 'limit=1000')
    const listed = names(list.images)
    expect(listed).toEqual(
      expect.arrayContaining([
        'app-server-2026.02',
        'carol-analytics',
        'bob-scratch-vm',
        'Ubuntu 24.04 LTS (Noble Numbat)',
        'legacy-app-2019',
      ]),
    )
    for (const hidden of [
      'app-server-2026.01', // pending
      'db-snapshot-golden', // rejected
      'producer-hidden-build', // os_hidden
      'broken-upload', // killed
      'Alpine 3.22 community build', // others' community
      'producer-private-base', // private with a leftover row
      'region-two-app', // another region
    ]) {
      expect(listed).not.toContain(hidden)
    }
    expect(list.schema).toBe('/v2/schemas/images')
  })

  test('own community images are in the default list', async () => {
    const alice = await tokenFor('alice')
    expect(names((await listImages(alice, 'limit=1000')).images)).toContain(
      'producer-community-tools',
    )
  })

  test('accepting a share puts it in the default list', async () => {
    const bob = await tokenFor('bob')
    expect(names((await listImages(bob, 'limit=1000')).images)).not.toContain('app-server-2026.01')
    await glance(bob, membersPath('pendingForBob', BOB), {
      method: 'PUT',
      body: { status: 'accepted' },
    })
    expect(names((await listImages(bob, 'limit=1000')).images)).toContain('app-server-2026.01')
  })

  test('member_status=pending: public + own + pending shares', async () => {
    const bob = await tokenFor('bob')
    const listed = names((await listImages(bob, 'member_status=pending&limit=1000')).images)
    expect(listed).toEqual(
      expect.arrayContaining(['app-server-2026.01', 'Ubuntu 24.04 — 日本語 ✓ Ü', null]),
    )
    expect(listed).not.toContain('app-server-2026.02')
    expect(listed).toContain('bob-scratch-vm')
  })

  test('visibility=shared&member_status=pending also returns own shared images; owner= narrows', async () => {
    const alice = await tokenFor('alice')
    const own = await listImages(alice, 'visibility=shared&member_status=pending&limit=1000')
    expect(names(own.images)).toContain('app-server-2026.01') // alice's own
    expect(names(own.images)).toContain('consumer-a-tooling') // pending for producer
    const incoming = await listImages(
      alice,
      `visibility=shared&member_status=all&owner=${BOB}&limit=1000`,
    )
    expect(names(incoming.images)).toEqual(['consumer-a-tooling'])
  })

  test('visibility=shared alone: own shared + accepted incoming', async () => {
    const bob = await tokenFor('bob')
    const listed = (await listImages(bob, 'visibility=shared&limit=1000')).images
    expect(listed.every((i) => i.visibility === 'shared')).toBe(true)
    expect(names(listed)).toContain('app-server-2026.02')
    expect(names(listed)).toContain('consumer-a-tooling')
    expect(names(listed)).not.toContain('app-server-2026.01')
  })

  test('visibility=community and visibility=all show others’ community images', async () => {
    const bob = await tokenFor('bob')
    const community = (await listImages(bob, 'visibility=community')).images
    expect(community.every((i) => i.visibility === 'community')).toBe(true)
    expect(names(community)).toEqual(
      expect.arrayContaining(['Alpine 3.22 community build', 'NixOS 25.05 community']),
    )
    expect(names((await listImages(bob, 'visibility=all&limit=1000')).images)).toContain(
      'Alpine 3.22 community build',
    )
  })

  test('admin sees every project’s images and ignores member_status', async () => {
    const admin = await tokenFor('admin')
    const listed = names((await listImages(admin, 'limit=1000')).images)
    expect(listed).toEqual(
      expect.arrayContaining(['bob-scratch-vm', 'carol-private-notes', 'producer-private-base']),
    )
    expect(listed).not.toContain('Alpine 3.22 community build')
    const rejected = names((await listImages(admin, 'member_status=rejected&limit=1000')).images)
    expect(rejected).toEqual(listed)
    const mine = (await listImages(admin, `owner=${seedProjectId('admin')}&limit=1000`)).images
    expect(mine.length).toBeGreaterThan(0)
    expect(mine.every((i) => i.owner === seedProjectId('admin'))).toBe(true)
  })

  test('os_hidden=true returns only hidden images; bad values → 400', async () => {
    const bob = await tokenFor('bob')
    const hidden = names((await listImages(bob, 'os_hidden=true')).images)
    expect(hidden.sort()).toEqual(['Ubuntu 20.04 LTS (superseded)', 'producer-hidden-build'])
    expect((await glance(bob, '/images?os_hidden=maybe')).status).toBe(400)
  })

  test('pagination: a full last page is followed by an empty one without next', async () => {
    const bob = await tokenFor('bob')
    const total = (await listImages(bob, 'limit=1000')).images.length
    expect(total).toBeGreaterThan(4)
    const pages = await listAll(bob, `limit=${total}`)
    expect(pages.map((p) => p.images.length)).toEqual([total, 0])
    expect(pages[0]?.next).toMatch(/^\/v2\/images\?limit=\d+&marker=[0-9a-f-]{36}$/)
    expect(pages[1]?.next).toBeUndefined()

    const small = await listAll(bob, 'limit=3&sort=name:asc')
    const ids = small.flatMap((p) => p.images.map((i) => i.id))
    expect(new Set(ids).size).toBe(total)
    expect(small.slice(0, -1).every((p) => p.images.length === 3)).toBe(true)
    expect(small[1]?.first).toBe('/v2/images?limit=3&sort=name%3Aasc')
  })

  test('the default limit is 25', async () => {
    const admin = await tokenFor('admin')
    const page = await listImages(admin)
    expect(page.images).toHaveLength(25)
    expect(page.next).toMatch(/^\/v2\/images\?marker=/)
    expect(page.first).toBe('/v2/images')
  })

  test('limit validation', async () => {
    const bob = await tokenFor('bob')
    await expectError(await glance(bob, '/images?limit=ten'), 400, 'limit param must be an integer')
    await expectError(await glance(bob, '/images?limit=-1'), 400, 'limit param must be positive')
    expect((await listImages(bob, 'limit=0')).images).toEqual([])
  })

  test('marker: unknown → 400, not visible → 403', async () => {
    const bob = await tokenFor('bob')
    const unknown = '00000000-0000-4000-8000-000000000000'
    await expectError(
      await glance(bob, `/images?marker=${unknown}`),
      400,
      `No image found with ID ${unknown}`,
    )
    expect((await glance(bob, `/images?marker=${id('carolPrivate')}`)).status).toBe(403)
  })

  test('sorting and filters', async () => {
    const bob = await tokenFor('bob')
    const sorted = names((await listImages(bob, 'sort=name:asc&limit=1000')).images)
    expect(sorted).toEqual([...sorted].sort((a, b) => ((a ?? '') < (b ?? '') ? -1 : 1)))
    const legacy = names((await listImages(bob, 'sort_key=name&sort_dir=asc&limit=1000')).images)
    expect(legacy).toEqual(sorted)
    expect((await glance(bob, '/images?sort=name:asc&sort_key=name')).status).toBe(400)
    await expectError(
      await glance(bob, '/images?sort_key=owner'),
      400,
      'Invalid sort key: owner. It must be one of the following: name, status, container_format, disk_format, size, id, created_at, updated_at.',
    )
    await expectError(await glance(bob, '/images?visibility=x'), 400, 'Invalid visibility value: x')
    await expectError(await glance(bob, '/images?member_status=x'), 400, 'Invalid status: x')
    const debian = (await listImages(bob, 'os_distro=debian')).images
    expect(names(debian).sort()).toEqual(['Debian 12 (bookworm)', 'Debian 13 (trixie)'])
    expect(names((await listImages(bob, 'name=CirrOS%200.6.3')).images)).toEqual(['CirrOS 0.6.3'])
    expect(names((await listImages(bob, 'status=deactivated&limit=1000')).images).sort()).toEqual([
      'Arch Linux 2025.12 (deactivated)',
      'legacy-app-2019',
    ])
  })

  test('RegionTwo lists its own images', async () => {
    const bob = await tokenFor('bob')
    const listed = names((await listImages(bob, 'member_status=all', 'RegionTwo')).images)
    expect(listed).toContain('region-two-app')
    expect(listed).not.toContain('app-server-2026.02')
  })
})

describe('§8 PATCH', () => {
  test('wrong Content-Type → 415 with Accept-Patch', async () => {
    const alice = await tokenFor('alice')
    const response = await glance(alice, `/images/${id('acceptedByBob')}`, {
      method: 'PATCH',
      body: [{ op: 'replace', path: '/visibility', value: 'private' }],
    })
    expect(response.status).toBe(415)
    expect(response.headers.get('Accept-Patch')).toContain(PATCH_CONTENT_TYPE)
  })

  test('private keeps member rows; shared again restores each status', async () => {
    const alice = await tokenFor('alice')
    const bob = await tokenFor('bob')
    const toPrivate = await setVisibility(alice, id('acceptedByBob'), 'private')
    expect(toPrivate.status).toBe(200)
    expect(await toPrivate.json()).toMatchObject({ visibility: 'private' })
    expect((await glance(bob, `/images/${id('acceptedByBob')}`)).status).toBe(404)
    expect(names((await listImages(bob, 'limit=1000')).images)).not.toContain('app-server-2026.02')
    expect((await glance(alice, membersPath('acceptedByBob'))).status).toBe(403)
    expect((await glance(alice, membersPath('acceptedByBob', BOB))).status).toBe(404)

    expect((await setVisibility(alice, id('acceptedByBob'), 'shared')).status).toBe(200)
    const members = (await (await glance(alice, membersPath('acceptedByBob'))).json()) as {
      members: MemberBody[]
    }
    expect(members.members.map((m) => [m.member_id, m.status])).toEqual([
      [BOB, 'accepted'],
      [CAROL, 'pending'],
    ])
    expect(names((await listImages(bob, 'limit=1000')).images)).toContain('app-server-2026.02')
  })

  test('a private image with leftover rows becomes visible to its members when shared', async () => {
    const alice = await tokenFor('alice')
    const bob = await tokenFor('bob')
    expect((await setVisibility(alice, id('producerPrivate'), 'shared')).status).toBe(200)
    expect((await glance(bob, `/images/${id('producerPrivate')}`)).status).toBe(200)
  })

  test('public is admin-only; community is for the owner', async () => {
    const alice = await tokenFor('alice')
    await expectError(
      await setVisibility(alice, id('unshared'), 'public'),
      403,
      'You are not authorized to complete publicize_image action.',
    )
    expect((await setVisibility(alice, id('unshared'), 'community')).status).toBe(200)
    const admin = await tokenFor('admin')
    expect((await setVisibility(admin, id('unshared'), 'public')).status).toBe(200)
  })

  test('a member → 403 modify_image (legacy: You do not own this image); a stranger → 404', async () => {
    const bob = await tokenFor('bob')
    await expectError(
      await setVisibility(bob, id('acceptedByBob'), 'private'),
      403,
      'You are not authorized to complete modify_image action.',
    )
    await control('settings', { policyMode: 'legacy' })
    await expectError(
      await setVisibility(bob, id('acceptedByBob'), 'private'),
      403,
      'You do not own this image',
    )
    const rita = await tokenFor('rita')
    expect((await setVisibility(rita, id('carolPrivate'), 'shared')).status).toBe(404)
  })

  test('bad values and attributes', async () => {
    const alice = await tokenFor('alice')
    await expectError(
      await setVisibility(alice, id('unshared'), 'x'),
      400,
      "Provided object does not match schema 'image': 'x' is not one of ['community', 'public', 'private', 'shared']",
    )
    const patch = (body: unknown) =>
      glance(alice, `/images/${id('unshared')}`, {
        method: 'PATCH',
        headers: { 'Content-Type': PATCH_CONTENT_TYPE },
        body,
      })
    expect((await patch({ op: 'replace' })).status).toBe(400)
    await expectError(
      await patch([{ op: 'replace', path: '/status', value: 'active' }]),
      403,
      "Attribute 'status' is read-only.",
    )
    await expectError(
      await patch([{ op: 'replace', path: '/owner', value: BOB }]),
      403,
      "Owner can't be updated by non admin.",
    )
    const renamed = await patch([
      { op: 'add', path: '/name', value: 'renamed' },
      { op: 'add', path: '/os_distro', value: 'ubuntu' },
    ])
    expect(renamed.status).toBe(200)
    expect(await renamed.json()).toMatchObject({ name: 'renamed', os_distro: 'ubuntu' })
  })
})

describe('§9 POST /v2/images', () => {
  type Created = Record<string, unknown> & { id: string }
  const create = (token: string, body: unknown) =>
    glance(token, '/images', { method: 'POST', body })

  test('alice → 201, Location, queued, shared, owned by producer, with the defaults', async () => {
    const alice = await tokenFor('alice')
    const response = await create(alice, {
      name: 'fixture-1',
      disk_format: 'qcow2',
      container_format: 'bare',
      tags: ['ci', 'ci'],
      hw_disk_bus: 'scsi',
    })
    expect(response.status).toBe(201)
    const image = (await response.json()) as Created
    expect(image.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
    expect(response.headers.get('Location')).toBe(
      `http://localhost/demo-cloud/image/RegionOne/v2/images/${image.id}`,
    )
    expect(image).toEqual({
      id: image.id,
      name: 'fixture-1',
      status: 'queued',
      visibility: 'shared',
      owner: PRODUCER,
      size: null,
      virtual_size: null,
      disk_format: 'qcow2',
      container_format: 'bare',
      min_disk: 0,
      min_ram: 0,
      protected: false,
      os_hidden: false,
      checksum: null,
      os_hash_algo: null,
      os_hash_value: null,
      tags: ['ci'],
      created_at: image.created_at,
      updated_at: image.created_at,
      self: `/v2/images/${image.id}`,
      file: `/v2/images/${image.id}/file`,
      schema: '/v2/schemas/image',
      hw_disk_bus: 'scsi',
    })
    expect(image.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    expect(await (await glance(alice, `/images/${image.id}`)).json()).toEqual(image)
    expect(names((await listImages(alice, 'limit=1000')).images)).toContain('fixture-1')
  })

  test('the new image can be shared at once, and takes a client-chosen id', async () => {
    const alice = await tokenFor('alice')
    const chosen = '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0'
    const response = await create(alice, { id: chosen, name: 'fixture-2' })
    expect(response.status).toBe(201)
    expect(((await response.json()) as Created).id).toBe(chosen)
    const share = await glance(alice, `/images/${chosen}/members`, {
      method: 'POST',
      body: { member: BOB },
    })
    expect(share.status).toBe(200)
    expect(await share.json()).toMatchObject({
      image_id: chosen,
      member_id: BOB,
      status: 'pending',
    })
    const bob = await tokenFor('bob')
    expect((await glance(bob, `/images/${chosen}`)).status).toBe(200)
  })

  test('a reader → 403 add_image; legacy mode lets any role create', async () => {
    const rita = await tokenFor('rita')
    await expectError(
      await create(rita, { name: 'nope' }),
      403,
      'You are not authorized to complete add_image action.',
    )
    await control('settings', { policyMode: 'legacy' })
    expect((await create(rita, { name: 'legacy-ok' })).status).toBe(201)
  })

  test('public: 403 publicize_image for a non-admin (both modes); admin may', async () => {
    const alice = await tokenFor('alice')
    const publish = () => create(alice, { name: 'pub', visibility: 'public' })
    await expectError(
      await publish(),
      403,
      'You are not authorized to complete publicize_image action.',
    )
    await control('settings', { policyMode: 'legacy' })
    await expectError(
      await publish(),
      403,
      'You are not authorized to complete publicize_image action.',
    )
    const admin = await tokenFor('admin')
    const response = await create(admin, { name: 'pub', visibility: 'public' })
    expect(response.status).toBe(201)
    expect(await response.json()).toMatchObject({ visibility: 'public' })
    expect((await create(alice, { name: 'comm', visibility: 'community' })).status).toBe(201)
  })

  test('another owner: 403 for a non-admin, with each mode’s text; admin may', async () => {
    const alice = await tokenFor('alice')
    const forBob = () => create(alice, { name: 'x', owner: BOB })
    await expectError(
      await forBob(),
      403,
      `Access was denied to this resource.\nYou are not permitted to create images owned by '${BOB}'`,
    )
    await control('settings', { policyMode: 'legacy' })
    await expectError(
      await forBob(),
      403,
      `You are not permitted to create images owned by '${BOB}'.`,
    )
    const admin = await tokenFor('admin')
    const response = await create(admin, { name: 'x', owner: BOB })
    expect(response.status).toBe(201)
    expect(await response.json()).toMatchObject({ owner: BOB })
  })

  test('body and schema errors', async () => {
    const alice = await tokenFor('alice')
    await expectError(
      await glance(alice, '/images', { method: 'POST' }),
      400,
      'Body expected in request.',
    )
    await expectError(await create(alice, '{nope'), 400, 'Malformed JSON in request body.')
    await expectError(await create(alice, '"x"'), 400, 'Unexpected body type. Expected list/dict.')
    expect((await create(alice, [])).status).toBe(400)
    await expectError(
      await create(alice, { visibility: 'x' }),
      400,
      "Provided object does not match schema 'image': 'x' is not one of ['community', 'public', 'private', 'shared']",
    )
    expect((await create(alice, { min_ram: -1 })).status).toBe(400)
    expect((await create(alice, { id: 'not-a-uuid' })).status).toBe(400)
    expect((await create(alice, { hw_disk_bus: 3 })).status).toBe(400)
  })

  test.each(['status', 'size', 'checksum', 'created_at', 'self'])(
    'read-only attribute %s → 403',
    async (attribute) => {
      const alice = await tokenFor('alice')
      const value = attribute === 'size' ? 1 : 'x'
      await expectError(
        await create(alice, { name: 'ro', [attribute]: value }),
        403,
        `Attribute '${attribute}' is read-only.`,
      )
    },
  )

  test('a duplicate id → 409, also for a seed image and a deleted one', async () => {
    const alice = await tokenFor('alice')
    const chosen = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee'
    expect((await create(alice, { id: chosen })).status).toBe(201)
    await expectError(
      await create(alice, { id: chosen }),
      409,
      `Image ID ${chosen} already exists!`,
    )
    expect((await create(alice, { id: id('carolPrivate') })).status).toBe(409)
    expect((await glance(alice, `/images/${chosen}`, { method: 'DELETE' })).status).toBe(204)
    expect((await create(alice, { id: chosen })).status).toBe(409)
  })
})

describe('§9 DELETE /v2/images/{id}', () => {
  test('owner → 204 empty; then GET → 404 and gone from the list and from members', async () => {
    const alice = await tokenFor('alice')
    const bob = await tokenFor('bob')
    const response = await glance(alice, `/images/${id('acceptedByBob')}`, { method: 'DELETE' })
    expect(response.status).toBe(204)
    expect(await response.text()).toBe('')
    for (const token of [alice, bob]) {
      expect((await glance(token, `/images/${id('acceptedByBob')}`)).status).toBe(404)
      expect(names((await listImages(token, 'limit=1000&member_status=all')).images)).not.toContain(
        'app-server-2026.02',
      )
    }
    expect((await glance(alice, membersPath('acceptedByBob'))).status).toBe(404)
    await expectError(
      await glance(alice, `/images/${id('acceptedByBob')}`, { method: 'DELETE' }),
      404,
      `Failed to find image ${id('acceptedByBob')} to delete`,
    )
  })

  test('a created fixture can be deleted by its creator', async () => {
    const alice = await tokenFor('alice')
    const created = await glance(alice, '/images', { method: 'POST', body: { name: 'tmp' } })
    const { id: newId } = (await created.json()) as { id: string }
    expect((await glance(alice, `/images/${newId}`, { method: 'DELETE' })).status).toBe(204)
    expect((await glance(alice, `/images/${newId}`)).status).toBe(404)
  })

  test('a member of the share → 403 (delete_image; legacy: You do not own this image)', async () => {
    const bob = await tokenFor('bob')
    const remove = () => glance(bob, `/images/${id('acceptedByBob')}`, { method: 'DELETE' })
    await expectError(
      await remove(),
      403,
      'You are not authorized to complete delete_image action.',
    )
    await control('settings', { policyMode: 'legacy' })
    await expectError(await remove(), 403, 'You do not own this image')
    expect((await glance(bob, `/images/${id('acceptedByBob')}`)).status).toBe(200)
  })

  test('a reader in the owner project → 403; a stranger → 404', async () => {
    const rita = await tokenFor('rita')
    await expectError(
      await glance(rita, `/images/${id('unshared')}`, { method: 'DELETE' }),
      403,
      'You are not authorized to complete delete_image action.',
    )
    await expectError(
      await glance(rita, `/images/${id('carolPrivate')}`, { method: 'DELETE' }),
      404,
      `Failed to find image ${id('carolPrivate')} to delete`,
    )
  })

  test('protected → 403, even for admin; the image stays', async () => {
    for (const user of ['alice', 'admin'] as const) {
      const token = await tokenFor(user)
      await expectError(
        await glance(token, `/images/${id('protectedShared')}`, { method: 'DELETE' }),
        403,
        `Image ${id('protectedShared')} is protected and cannot be deleted.`,
      )
    }
    const alice = await tokenFor('alice')
    expect((await glance(alice, `/images/${id('protectedShared')}`)).status).toBe(200)
  })

  test('admin may delete another project’s image', async () => {
    const admin = await tokenFor('admin')
    expect(
      (await glance(admin, `/images/${id('carolPrivate')}`, { method: 'DELETE' })).status,
    ).toBe(204)
  })
})

describe('§15 walk-through: share, accept, list', () => {
  test('a new share is invisible in the default list until accepted', async () => {
    const alice = await tokenFor('alice')
    const bob = await tokenFor('bob')
    await glance(alice, membersPath('unshared'), { method: 'POST', body: { member: BOB } })
    expect(names((await listImages(bob, 'limit=1000')).images)).not.toContain('ml-runtime-cuda12')
    const pending = await listImages(bob, 'visibility=shared&member_status=pending&limit=1000')
    expect(names(pending.images)).toContain('ml-runtime-cuda12')
    await glance(bob, membersPath('unshared', BOB), { method: 'PUT', body: { status: 'accepted' } })
    expect(names((await listImages(bob, 'limit=1000')).images)).toContain('ml-runtime-cuda12')
  })
})

describe('fault injection through _control/settings', () => {
  test('failNext answers 503 for the given count, then Glance recovers', async () => {
    const bob = await tokenFor('bob')
    await control('settings', { failNext: { status: 503, count: 2, path: '/images' } })
    expect((await glance(bob, '/images')).status).toBe(503)
    expect((await glance(bob, '/images')).status).toBe(503)
    expect((await glance(bob, '/images')).status).toBe(200)
  })

  test('status 0 drops the connection', async () => {
    const bob = await tokenFor('bob')
    await control('settings', { failNext: { status: 0, count: 1, method: 'GET' } })
    await expect(glance(bob, '/images')).rejects.toThrow()
    expect((await glance(bob, '/images')).status).toBe(200)
  })

  test('method filter leaves other requests alone', async () => {
    const alice = await tokenFor('alice')
    await control('settings', { failNext: { status: 500, count: 1, method: 'POST' } })
    expect((await glance(alice, '/images')).status).toBe(200)
    const response = await glance(alice, membersPath('unshared'), {
      method: 'POST',
      body: { member: BOB },
    })
    expect(response.status).toBe(500)
  })

  test('a plan for Glance leaves Keystone alone', async () => {
    await control('settings', { failNext: { status: 503, count: 1 } })
    expect((await passwordAuth('bob', 'bob-demo')).status).toBe(201)
    expect((await glance(await tokenFor('bob'), '/images')).status).toBe(503)
  })

  test('hang never answers: only the client gives up, and the plan is spent', async () => {
    const bob = await tokenFor('bob')
    await control('settings', { failNext: { status: 0, hang: true, method: 'GET' } })
    await expect(
      glance(bob, '/images', { signal: AbortSignal.timeout(200) }),
    ).rejects.toMatchObject({ name: 'TimeoutError' })
    expect((await glance(bob, '/images')).status).toBe(200)
  })

  test('reset restores the seed', async () => {
    const alice = await tokenFor('alice')
    await glance(alice, membersPath('acceptedByBob', BOB), { method: 'DELETE' })
    await control('reset')
    const fresh = await tokenFor('alice')
    expect((await glance(fresh, membersPath('acceptedByBob', BOB))).status).toBe(200)
  })
})

describe('reset keeping sessions', () => {
  test('_control/reset?keepTokens=1 restores the seed but keeps tokens valid', async () => {
    const alice = await tokenFor('alice')
    await glance(alice, membersPath('acceptedByBob', BOB), { method: 'DELETE' })
    await control('reset?keepTokens=1')
    expect((await glance(alice, membersPath('acceptedByBob', BOB))).status).toBe(200)
    await control('reset')
    expect((await glance(alice, '/images')).status).toBe(401)
  })
})
