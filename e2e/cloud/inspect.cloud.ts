import { addMember, setImageVisibility, setMemberStatus } from '~/api/glance'
import { expect, signInAndWait, test } from '../fixtures'
import { cleanUp, glanceAs, imageOf, runId, uploadAndDeactivate } from './world'

const sharedName = `${runId} inspected`
const privateName = `${runId} made private`
const secondRegionName = `${runId} in RegionTwo`
const deactivatedName = `${runId} deactivated`
let sharedId = ''
let privateId = ''
let deactivatedId = ''

test.beforeAll(async () => {
  const alice = await glanceAs('alice', 'producer', 'RegionOne')
  const bob = await glanceAs('bob', 'consumer-a', 'RegionOne')
  const carol = await glanceAs('carol', 'consumer-b', 'RegionOne')
  // Shared with bob (accepted), carol (rejected) and the admin project (pending).
  sharedId = (await imageOf('alice', 'producer', 'RegionOne', { name: sharedName })).id
  const admin = await glanceAs('admin', 'admin', 'RegionOne')
  for (const member of [bob, carol, admin]) await addMember(alice, sharedId, member.projectId)
  await setMemberStatus(bob, sharedId, bob.projectId, 'accepted')
  await setMemberStatus(carol, sharedId, carol.projectId, 'rejected')
  // Shared with bob, accepted, then made private again: his row is kept, hidden.
  privateId = (await imageOf('alice', 'producer', 'RegionOne', { name: privateName })).id
  await addMember(alice, privateId, bob.projectId)
  await setMemberStatus(bob, privateId, bob.projectId, 'accepted')
  await setImageVisibility(alice, privateId, 'private')
  // In the other region, carol's producer shares one with bob, who has not answered yet.
  const carolR2 = await glanceAs('carol', 'producer', 'RegionTwo')
  const bobR2 = await glanceAs('bob', 'consumer-a', 'RegionTwo')
  const second = await imageOf('carol', 'producer', 'RegionTwo', { name: secondRegionName })
  await addMember(carolR2, second.id, bobR2.projectId)
  // Shared with bob and accepted, then deactivated by the admin.
  deactivatedId = (await imageOf('alice', 'producer', 'RegionOne', { name: deactivatedName })).id
  await addMember(alice, deactivatedId, bob.projectId)
  await setMemberStatus(bob, deactivatedId, bob.projectId, 'accepted')
  await uploadAndDeactivate({ user: 'alice', project: 'producer' }, 'RegionOne', deactivatedId)
})
test.afterAll(cleanUp)

test('the admin inspects a real image: owner, members in every status, and verdicts', async ({
  page,
}) => {
  const carol = await glanceAs('carol', 'consumer-b', 'RegionOne')
  await signInAndWait(page, 'admin')
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Inspect' })
    .click()
  await page.getByRole('textbox', { name: 'Image ID' }).fill(sharedId.toUpperCase())
  await page.getByRole('button', { name: 'Inspect', exact: true }).click()

  await expect(page.getByRole('heading', { level: 2, name: sharedName })).toBeVisible()
  const facts = page.getByRole('region', { name: sharedName })
  await expect(facts).toContainText('producer')
  await expect(facts).toContainText('RegionOne')
  const members = page.getByRole('table', { name: 'Members' })
  await expect(members.getByRole('row')).toHaveCount(4)
  for (const [project, status] of [
    ['consumer-a', 'Accepted'],
    ['consumer-b', 'Rejected'],
    ['admin', 'Pending'],
  ] as const)
    await expect(members.getByRole('row').filter({ hasText: project })).toContainText(status)

  await members
    .getByRole('row')
    .filter({ hasText: 'consumer-b' })
    .getByRole('button', { name: `Explain what project ${carol.projectId} sees` })
    .click()
  const check = page.getByRole('region', { name: 'Check a project' })
  await expect(check).toContainText('It is a member; its answer is rejected.')
  await expect(check).toContainText(
    'Its answer is rejected: a shared image is listed only once the member accepts it.',
  )
})

test('an image made private again is explained without asking Glance for its hidden rows', async ({
  page,
}) => {
  const bob = await glanceAs('bob', 'consumer-a', 'RegionOne')
  await signInAndWait(page, 'admin')
  await page.goto(`/inspect?image=${privateId}&check=${bob.projectId}`)
  await expect(page.getByRole('heading', { level: 2, name: privateName })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Members' })).toContainText(
    'Glance lists the members of shared images only',
  )
  await expect(page.getByRole('region', { name: 'Check a project' })).toContainText(
    'The image is private: only its owner sees it.',
  )
})

test('a deactivated image is explained: listed, but no server boots from it', async ({ page }) => {
  const bob = await glanceAs('bob', 'consumer-a', 'RegionOne')
  await signInAndWait(page, 'admin')
  await page.goto(`/inspect?image=${deactivatedId}&check=${bob.projectId}`)
  await expect(page.getByRole('heading', { level: 2, name: deactivatedName })).toBeVisible()
  await expect(page.getByRole('region', { name: deactivatedName })).toContainText('deactivated')
  const check = page.getByRole('region', { name: 'Check a project' })
  await expect(
    check
      .getByRole('term')
      .filter({ hasText: 'Can boot a server from it by ID' })
      .locator('xpath=following-sibling::dd'),
  ).toContainText('The image is deactivated: Glance serves its data to no one but an admin.')
})

test('the project lens finds what is shared with bob in both regions, in each status', async ({
  page,
}) => {
  // Every shared image of the cloud is read, those of other runs and benches too.
  test.slow()
  const bob = await glanceAs('bob', 'consumer-a', 'RegionOne')
  await signInAndWait(page, 'admin')
  await page.goto(`/inspect?image=${sharedId}`)
  await page
    .getByRole('table', { name: 'Members' })
    .getByRole('link', { name: `Shared with it: every image shared with project ${bob.projectId}` })
    .click()
  await expect(
    page.getByRole('heading', { level: 2, name: 'Shared with consumer-a' }),
  ).toBeVisible()
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: /^Scanned all \d+ shared images? in RegionOne and RegionTwo/ }),
  ).toBeVisible({ timeout: 60_000 })
  const rows = page.getByRole('table', { name: 'Images shared with it' }).getByRole('row')
  const row = (name: string) => rows.filter({ hasText: name })
  await expect(row(sharedName)).toContainText('Accepted')
  // A fixture without data (queued): listed once accepted, but nothing to boot yet.
  await expect(row(sharedName)).toContainText('queued')
  await expect(row(sharedName)).toContainText('Cannot boot it; listed')
  await expect(row(secondRegionName)).toContainText('RegionTwo')
  await expect(row(secondRegionName)).toContainText('Pending')
  await expect(row(deactivatedName)).toContainText('deactivated')
  await expect(row(deactivatedName)).toContainText('Cannot boot it')
  // Made private again: its member row is kept, but Glance lists it among no shared images.
  await expect(row(privateName)).toHaveCount(0)
})

test('a user without the admin role is refused Inspect on the real cloud', async ({ page }) => {
  await signInAndWait(page, 'alice')
  await page.goto('/inspect')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Not allowed')
})
