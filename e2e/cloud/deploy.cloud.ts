import { expect, imagesLoaded, signInAndWait, test } from '../fixtures'
import { instances, isAlive, servePid } from './stack'
import { cleanUp, imageOf, runId } from './world'

const r1 = `${runId} deploy image in RegionOne`
const r2 = `${runId} deploy image in RegionTwo`

test.beforeAll(async () => {
  await imageOf('alice', 'producer', 'RegionOne', { name: r1 })
  await imageOf('alice', 'producer', 'RegionTwo', { name: r2 })
})
test.afterAll(cleanUp)

test('nginx serves the hashed assets itself and spreads the rest over both instances', async ({
  page,
}) => {
  const upstreams = new Set<string>()
  const assets: Record<string, string>[] = []
  page.on('response', (r) => {
    const path = new URL(r.url()).pathname
    const headers = r.headers()
    // Every answer of an instance (the page, /config.json, /session, /proxy/): since the session
    // moved to /session, the /proxy/ calls alone may all fall on one side of the round robin.
    if (headers['x-upstream']) upstreams.add(headers['x-upstream'])
    if (path.startsWith('/assets/')) assets.push(headers)
  })

  const doc = await page.goto('/sign-in')
  // index.html comes from a serve instance, with the server's headers.
  expect(doc?.headers()['x-upstream']).toMatch(/^127\.0\.0\.1:418[12]$/)
  expect(doc?.headers()['content-security-policy']).toContain("script-src 'self'")
  expect(doc?.headers()['cache-control']).toBe('no-cache')

  await signInAndWait(page, 'alice')
  await imagesLoaded(page)
  await expect(page.getByRole('row').filter({ hasText: r1 })).toBeVisible()

  expect([...upstreams].sort()).toEqual([...instances])
  expect(assets.length).toBeGreaterThan(0)
  for (const headers of assets) {
    expect(headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(headers['x-content-type-options']).toBe('nosniff')
    expect(headers['x-upstream']).toBeUndefined()
  }
})

test('an instance that dies leaves the panel working: nginx sends everything to the other', async ({
  page,
  request,
}) => {
  await signInAndWait(page, 'alice')
  await imagesLoaded(page)

  const pid = servePid(4182)
  process.kill(pid, 'SIGKILL')
  await expect.poll(() => isAlive(pid)).toBe(false)

  // Whichever instance round robin picks, the one still up answers.
  for (let i = 0; i < 4; i++) {
    const r = await request.get('/healthz')
    expect(r.status()).toBe(200)
    expect(r.headers()['x-upstream']).toMatch(/127\.0\.0\.1:4181$/)
  }

  // The panel goes on: new lists in both regions, every request answered.
  const failed: string[] = []
  page.on('response', (r) => {
    if (r.status() >= 500) failed.push(`${r.status()} ${new URL(r.url()).pathname}`)
  })
  const table = page.getByRole('table', { name: 'Saved Images' })
  const region = page.getByLabel('Region', { exact: true })
  await region.selectOption('RegionTwo')
  await expect(table.getByRole('row').filter({ hasText: r2 })).toBeVisible()
  await region.selectOption('RegionOne')
  await expect(table.getByRole('row').filter({ hasText: r1 })).toBeVisible()
  expect(failed).toEqual([])

  // panel.sh starts it again, as systemd would; nginx takes it back once it answers.
  await expect
    .poll(async () => (await request.get('/healthz')).headers()['x-upstream'], {
      timeout: 30_000,
    })
    .toBe('127.0.0.1:4182')
  expect(servePid(4182)).not.toBe(pid)
})
