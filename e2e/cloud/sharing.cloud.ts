import { setMemberStatus } from '~/api/glance'
import { expect, expectAccessible, openImagePage, signInAndWait, test, shareNow } from '../fixtures'
import { cleanUp, glanceAs, imageOf, runId } from './world'

const name = `${runId} shared build`
let imageId = ''

test.beforeAll(async () => {
  imageId = (await imageOf('alice', 'producer', 'RegionOne', { name })).id
})
test.afterAll(cleanUp)

test('alice shares with two projects, sees their answers without a reload, removes and re-shares', async ({
  page,
  browser,
}) => {
  // Polling every 30 s is what shows the consumers' answers here.
  test.setTimeout(180_000)
  const bob = await glanceAs('bob', 'consumer-a', 'RegionOne')
  const carol = await glanceAs('carol', 'consumer-b', 'RegionOne')

  await signInAndWait(page, 'alice')
  await openImagePage(page, name)

  await page.getByRole('button', { name: 'Share Image' }).click()
  const dialog = page.getByRole('dialog', { name: 'Share Image' })
  await dialog
    .getByRole('textbox', { name: 'Project IDs' })
    .fill(`${bob.projectId}, ${carol.projectId}`)
  await expectAccessible(page)
  await shareNow(dialog)
  await expect(dialog.getByText('Shared (pending)')).toHaveCount(2)
  await dialog.getByRole('button', { name: 'Close' }).first().click()

  const table = page.getByRole('table', { name: 'Image Sharing' })
  const row = (projectId: string) => table.getByRole('row').filter({ hasText: projectId })
  await expect(row(bob.projectId)).toContainText(/pending/i)
  await expect(row(carol.projectId)).toContainText(/pending/i)

  // The consumers answer from their own sessions: bob in his browser (the whole consumer flow is in
  // consumer.cloud.ts), carol with the same client the panel uses, as a CLI user would.
  const bobContext = await browser.newContext()
  const bobPage = await bobContext.newPage()
  await signInAndWait(bobPage, 'bob')
  await bobPage.goto('/review')
  const review = bobPage.getByRole('table', { name: 'Images waiting for your answer' })
  await review.getByRole('button', { name: `Accept ${name}` }).click()
  await expect(review.getByRole('row').filter({ hasText: name })).toContainText('Accepted')
  await bobContext.close()
  await setMemberStatus(carol, imageId, carol.projectId, 'rejected')
  await expect(row(bob.projectId)).toContainText(/accepted/i, { timeout: 45_000 })
  await expect(row(carol.projectId)).toContainText(/rejected/i)

  await row(carol.projectId).getByRole('button', { name: 'Re-share' }).click()
  await page.getByRole('alertdialog').getByRole('button', { name: 'Re-share' }).click()
  await expect(row(carol.projectId)).toContainText(/pending/i)

  await row(bob.projectId).getByRole('button', { name: 'Remove' }).click()
  await page.getByRole('alertdialog').getByRole('button', { name: 'Remove' }).click()
  await expect(row(bob.projectId)).toHaveCount(0)
})
