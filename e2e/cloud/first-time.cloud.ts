import { getImage, getMember } from '~/api/glance'
import {
  expect,
  openImagePage,
  shareNow,
  shareResultFor,
  signIn,
  signInAndWait,
  test,
} from '../fixtures'
import { cleanUp, glanceAs, imageOf, runId } from './world'

test.afterAll(cleanUp)

test('the producer’s “Shared by” and note are image properties a consumer reads', async ({
  page,
  browser,
}) => {
  const name = `${runId} with a note`
  const image = await imageOf('alice', 'producer', 'RegionOne', { name, visibility: 'shared' })
  const bob = await glanceAs('bob', 'consumer-a', 'RegionOne')

  await signInAndWait(page, 'alice')
  await openImagePage(page, name)
  await page.getByRole('button', { name: 'Share Image' }).click()
  const dialog = page.getByRole('dialog', { name: 'Share Image' })
  await dialog.getByText(/^What the projects see about you/).click()
  await dialog.getByRole('textbox', { name: 'Shared by' }).fill('Build farm team')
  await dialog.getByRole('textbox', { name: 'Note for them (optional)' }).fill('Ask in #builds')
  await dialog.getByRole('textbox', { name: 'Project IDs' }).fill(bob.projectId)
  await shareNow(dialog)
  await expect(shareResultFor(page, bob.projectId)).toContainText('Shared (pending)')

  // Real Glance kept them as extra properties, and a member (still pending) reads them.
  const seen = await getImage(bob, image.id)
  expect(seen.sharing_panel_shared_by).toBe('Build farm team')
  expect(seen.sharing_panel_note).toBe('Ask in #builds')

  const bobContext = await browser.newContext()
  const bobPage = await bobContext.newPage()
  await signInAndWait(bobPage, 'bob')
  await bobPage.goto('/review')
  const row = bobPage
    .getByRole('table', { name: 'Images waiting for your answer' })
    .getByRole('row')
    .filter({ hasText: name })
  await expect(row).toContainText('Shared by “Build farm team” (the producer’s own words)')
  await expect(row).toContainText('Note: “Ask in #builds”')
  await bobContext.close()
})

test('carol shares with her other project and accepts it there, in one sitting', async ({
  page,
}) => {
  const name = `${runId} for my other project`
  const image = await imageOf('carol', 'producer', 'RegionOne', { name, visibility: 'shared' })
  const consumerB = await glanceAs('carol', 'consumer-b', 'RegionOne')

  await signIn(page, 'carol', { project: 'producer' })
  await expect(page.getByRole('heading', { name: 'Saved Images' })).toBeVisible()
  await openImagePage(page, name)
  await page.getByRole('button', { name: 'Share Image' }).click()
  const dialog = page.getByRole('dialog', { name: 'Share Image' })
  await dialog
    .getByRole('group', { name: 'Your other projects' })
    .getByRole('button', { name: 'Add consumer-b' })
    .click()
  await expect(dialog.getByRole('list', { name: 'Entries to share' })).toContainText(
    '(one of your projects)',
  )
  await dialog.getByRole('button', { name: 'Share', exact: true }).click()
  await dialog.getByRole('button', { name: 'Switch to consumer-b and review' }).click()

  await expect(page.getByRole('heading', { level: 1, name: 'Review shared images' })).toBeVisible()
  const table = page.getByRole('table', { name: 'Images waiting for your answer' })
  await table.getByRole('button', { name: `Accept ${name}` }).click()
  await expect(table.getByRole('row').filter({ hasText: name })).toContainText('Accepted')
  expect((await getMember(consumerB, image.id, consumerB.projectId)).status).toBe('accepted')
})
