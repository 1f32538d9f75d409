import {
  LARGE_MEMBERS_IMAGE,
  LARGE_SHARE_IMAGE,
  LARGE_WORLD,
  largeImageId,
  largeProjectId,
  largeSeed,
  LENS_WORLD_IMAGES,
  lensSeed,
  seed,
  seedProjectId,
  teamNames,
  teamProjectId,
  demoApplicationCredentials,
  SSO_DOMAIN,
  SSO_PROJECT,
} from '~mocks/seed'

// The seed is data the UI and the e2e tests rely on: keep it well-formed and deterministic.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const KEYSTONE_ID = /^[0-9a-f]{32}$/

test('deterministic', () => {
  expect(seed()).toEqual(seed())
})

test('valid, unique ids; 40+ images across both regions and all visibilities', () => {
  const world = seed()
  const images = Object.values(world.glance).flatMap((r) => r.images)
  expect(images.length).toBeGreaterThanOrEqual(40)
  expect(new Set(images.map((i) => i.id)).size).toBe(images.length)
  expect(images.every((i) => UUID.test(i.id))).toBe(true)
  expect(new Set(images.map((i) => i.visibility))).toEqual(
    new Set(['public', 'community', 'shared', 'private']),
  )
  expect(Object.values(world.glance).every((r) => r.images.length > 0)).toBe(true)
  const keystoneIds = [...world.projects, ...world.users, ...world.roles].map((x) => x.id)
  expect(keystoneIds.every((x) => KEYSTONE_ID.test(x))).toBe(true)
  expect(new Set(keystoneIds).size).toBe(keystoneIds.length)
  expect(images.every((i) => /^2026-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(i.created_at))).toBe(true)
  expect(images.some((i) => i.name === null)).toBe(true)
  expect(images.some((i) => (i.name ?? '').length > 120)).toBe(true)
})

test('every member row points at an image of its own region', () => {
  for (const region of Object.values(seed().glance)) {
    const ids = new Set(region.images.map((i) => i.id))
    expect(region.members.every((m) => ids.has(m.imageId))).toBe(true)
  }
})

test('200+ images shared across six team projects, some with qa, in every status, hidden and deactivated', () => {
  const world = seed()
  const teams = new Set(teamNames.map(teamProjectId))
  const shared = Object.values(world.glance).flatMap((r) =>
    r.images.filter((i) => i.visibility === 'shared' && teams.has(i.owner ?? '')),
  )
  expect(shared.length).toBeGreaterThanOrEqual(200)
  expect(new Set(shared.map((i) => i.owner)).size).toBe(teamNames.length)
  const qa = seedProjectId('qa')
  const qaRows = Object.values(world.glance).flatMap((r) =>
    r.members.filter((m) => m.memberId === qa && shared.some((i) => i.id === m.imageId)),
  )
  expect(new Set(qaRows.map((m) => m.status))).toEqual(new Set(['accepted', 'pending', 'rejected']))
  const withQa = shared.filter((i) => qaRows.some((m) => m.imageId === i.id))
  expect(withQa.some((i) => i.os_hidden)).toBe(true)
  expect(withQa.some((i) => i.status === 'deactivated')).toBe(true)
  // No demo user's project gets a share from a team: their lists and counts stay as they were.
  const users = new Set(['producer', 'consumer-a', 'consumer-b', 'admin'] as const)
  const userRows = Object.values(world.glance).flatMap((r) =>
    r.members.filter((m) =>
      [...users].some(
        (u) => m.memberId === seedProjectId(u) && shared.some((i) => i.id === m.imageId),
      ),
    ),
  )
  expect(userRows).toEqual([])
})

test(`the lens world: ${String(LENS_WORLD_IMAGES)} team images, the demo's among them`, () => {
  const world = lensSeed()
  const teams = new Set(teamNames.map(teamProjectId))
  const shared = Object.values(world.glance).flatMap((r) =>
    r.images.filter((i) => i.visibility === 'shared' && teams.has(i.owner ?? '')),
  )
  expect(shared).toHaveLength(LENS_WORLD_IMAGES)
  expect(new Set(shared.map((i) => i.id)).size).toBe(LENS_WORLD_IMAGES)
  expect(shared.every((i) => /^2026-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(i.created_at))).toBe(true)
  expect(world.seed).toBe('lens')
})

// Thousands of rows: slow on a busy machine.
describe('the large world of npm run bench', { timeout: 30_000 }, () => {
  test('5,000 more images of producer’s, 1,000 members of one image, 1,000 projects to share with', () => {
    const world = largeSeed()
    const standard = seed()
    const r1 = world.glance.RegionOne
    const producer = seedProjectId('producer')
    const owned = (w: typeof world) =>
      Object.values(w.glance).flatMap((r) => r.images.filter((i) => i.owner === producer))
    expect(owned(world).length - owned(standard).length).toBe(LARGE_WORLD.images + 2)
    expect(world.projects.length - standard.projects.length).toBe(LARGE_WORLD.projects)
    const members = r1?.members.filter((m) => m.imageId === largeImageId(LARGE_MEMBERS_IMAGE.key))
    expect(members).toHaveLength(LARGE_WORLD.members)
    expect(new Set(members?.map((m) => m.status))).toEqual(
      new Set(['accepted', 'pending', 'rejected']),
    )
    const share = largeImageId(LARGE_SHARE_IMAGE.key)
    expect(r1?.members.some((m) => m.imageId === share)).toBe(false)
    expect(world.projects.some((p) => p.id === largeProjectId(100))).toBe(true)
    expect(world.settings.image_member_quota).toBeGreaterThanOrEqual(LARGE_WORLD.members)
    expect(world.seed).toBe('large')
    expect(standard.seed).toBeUndefined()
  })

  // How long it takes to make is printed by `npm run bench`, not tested here.
  test('well-formed like the standard seed', () => {
    const world = largeSeed()
    const images = Object.values(world.glance).flatMap((r) => r.images)
    expect(new Set(images.map((i) => i.id)).size).toBe(images.length)
    expect(images.every((i) => UUID.test(i.id))).toBe(true)
    expect(images.every((i) => /^2026-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(i.created_at))).toBe(true)
    const ids = world.projects.map((p) => p.id)
    expect(ids.every((x) => KEYSTONE_ID.test(x))).toBe(true)
    expect(new Set(ids).size).toBe(ids.length)
  })
})

test('the sign-in methods’ fixtures: TOTP users, credentials, the WebSSO domain and project', () => {
  const world = seed()
  const mia = world.users.find((u) => u.name === 'mia')
  const tess = world.users.find((u) => u.name === 'tess')
  expect(mia?.mfaRules).toEqual([['password', 'totp']])
  expect(tess?.mfaRules).toBeUndefined()
  expect(tess?.password).toBeNull()
  // Keystone decodes these; 32 base32 characters are 20 bytes, above RFC 4226's 16.
  for (const u of [mia, tess]) expect(u?.totpSecret).toMatch(/^[A-Z2-7]{32}$/)
  const credIds = world.applicationCredentials.map((c) => c.id)
  expect(credIds).toEqual(demoApplicationCredentials.map((c) => c.id))
  expect(credIds.every((id) => KEYSTONE_ID.test(id))).toBe(true)
  expect(world.domains.map((d) => d.id)).toContain(SSO_DOMAIN.id)
  expect(world.projects.find((p) => p.id === SSO_PROJECT.id)?.domainId).toBe(SSO_DOMAIN.id)
  // Nobody has a role in it before a WebSSO sign-in: the demo's users and screens are unchanged.
  expect(world.assignments.some((a) => a.projectId === SSO_PROJECT.id)).toBe(false)
})
