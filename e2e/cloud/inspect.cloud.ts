import { addMember, setImageVisibility, setMemberStatus } from '~/api/glance'
import { expect, signInAndWait, test } from '../fixtures'
import { cleanUp, glanceAs, imageOf, runId } from './world'

const sharedName = `${runId} inspected`
const privateName = `${runId} made private`
let sharedId = ''
let privateId = ''

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

test('a user without the admin role is refused Inspect on the real cloud', async ({ page }) => {
  await signInAndWait(page, 'alice')
  await page.goto('/inspect')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Not allowed')
})
