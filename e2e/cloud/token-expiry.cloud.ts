import { expect, openImagePage, signIn, signInAndWait, test, shareNow } from '../fixtures'
import { keystoneTokenLifetime } from './stack'
import { cleanUp, glanceAs, imageOf, runId } from './world'

// Keystone's own short token lifetime, not a planned fault: the token really runs out while the
// Share dialog is open, and signing in again must land on the same page with the IDs still typed.
const LIFETIME_S = 40
const name = `${runId} shared as the token runs out`

test.beforeAll(async () => {
  test.setTimeout(300_000)
  await keystoneTokenLifetime(LIFETIME_S)
  await imageOf('alice', 'producer', 'RegionOne', { name })
})
test.afterAll(async () => {
  test.setTimeout(300_000)
  await keystoneTokenLifetime(undefined)
  await cleanUp()
})

test('a token that runs out mid-share: sign in again, back on the image, the IDs still typed', async ({
  page,
}) => {
  test.setTimeout(180_000)
  const bob = await glanceAs('bob', 'consumer-a', 'RegionOne')
  await signInAndWait(page, 'alice')
  // A token of 40 s is well inside the last five minutes: the panel says when it ends.
  await expect(page.getByRole('alert').filter({ hasText: 'Your session ends soon' })).toContainText(
    /Your session ends in 1 minute, at /,
  )
  await openImagePage(page, name)
  const imagePage = page.url()

  await page.getByRole('button', { name: 'Share Image' }).click()
  const dialog = page.getByRole('dialog', { name: 'Share Image' })
  await dialog.getByRole('textbox', { name: 'Project IDs' }).fill(bob.projectId)

  // Keystone's lifetime passes; the panel sends its user to sign in, saying why.
  await expect(page.getByText('Your session has expired')).toBeVisible({
    timeout: (LIFETIME_S + 30) * 1000,
  })
  await signIn(page, 'alice', { goto: false })
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
  expect(page.url()).toBe(imagePage)

  await page.getByRole('button', { name: 'Share Image' }).click()
  await expect(dialog.getByRole('textbox', { name: 'Project IDs' })).toHaveValue(bob.projectId)
  await shareNow(dialog)
  await expect(dialog.getByText('Shared (pending)')).toHaveCount(1)
})
