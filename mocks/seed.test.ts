import { seed } from '~mocks/seed'

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
