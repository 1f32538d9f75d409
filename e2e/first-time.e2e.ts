import {
  demoTokenFor,
  expect,
  openShareDialog,
  shareNow,
  shareResultFor,
  signIn,
  signInAndWait,
  test,
} from './fixtures'

test('carol shares with her other project, switches to it and accepts, in one sitting', async ({
  page,
}) => {
  await signIn(page, 'carol', { project: 'producer' })
  const dialog = await openShareDialog(page, 'ml-runtime-cuda12')
  // Her own project is offered by name: no ID to find and paste, nothing unchecked to confirm.
  await dialog
    .getByRole('group', { name: 'Your other projects' })
    .getByRole('button', { name: 'Add consumer-b' })
    .click()
  const entries = dialog.getByRole('list', { name: 'Entries to share' })
  await expect(entries).toContainText('consumer-b')
  await expect(entries).toContainText('(one of your projects)')
  await expect(dialog.getByRole('checkbox', { name: /^I checked/ })).toHaveCount(0)
  await dialog.getByRole('button', { name: 'Share', exact: true }).click()
  await expect(dialog.getByText('Shared with 1 project; each sees it as pending.')).toBeVisible()

  await dialog.getByRole('button', { name: 'Switch to consumer-b and review' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Review shared images' })).toBeVisible()
  await expect(page.getByLabel('Project', { exact: true }).locator('option:checked')).toHaveText(
    'consumer-b',
  )
  const table = page.getByRole('table', { name: 'Images waiting for your answer' })
  await table.getByRole('button', { name: 'Accept ml-runtime-cuda12' }).click()
  await expect(
    table.getByRole('row').filter({ hasText: 'ml-runtime-cuda12' }).getByText('Accepted'),
  ).toBeVisible()
})

test('switching project on an image page goes back to the list, saying why', async ({ page }) => {
  await signIn(page, 'carol', { project: 'producer' })
  await page.getByRole('link', { name: 'ml-runtime-cuda12' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'ml-runtime-cuda12' })).toBeVisible()
  await page.getByLabel('Project', { exact: true }).selectOption({ label: 'consumer-b' })
  await expect(page.getByRole('heading', { level: 1, name: 'Saved Images' })).toBeVisible()
  await expect(page).toHaveURL(/\/images$/)
  await expect(
    page.getByText(
      'Back on Saved Images: the image you had open was producer’s view, and consumer-b may not see it.',
    ),
  ).toBeVisible()
})

test('a reader is told on Review why she cannot answer, before anything is sent', async ({
  page,
}) => {
  await signInAndWait(page, 'rita')
  await page.getByRole('link', { name: /^Shared with you \d+ images? to review$/ }).click()
  const accept = page
    .getByRole('table', { name: 'Images waiting for your answer' })
    .getByRole('button', { name: /^Accept / })
    .first()
  await expect(accept).toHaveAttribute('aria-disabled', 'true')
  await expect(accept).toHaveAccessibleDescription(
    'Your role in this project is reader: only the member role can answer a share.',
  )
})

test('the producer says who it is; the consumer reads it beside the share', async ({ page }) => {
  await signInAndWait(page, 'alice')
  const consumerA = (await demoTokenFor(page, 'bob', 'consumer-a')).projectId
  const dialog = await openShareDialog(page, 'ml-runtime-cuda12')
  await dialog.getByText(/^What the projects see about you/).click()
  await dialog.getByRole('textbox', { name: 'Shared by' }).fill('Build farm team')
  await dialog.getByRole('textbox', { name: 'Note for them (optional)' }).fill('Ask in #builds')
  await expect(dialog.getByText('Every project it is shared with can read them')).toBeVisible()
  await dialog.getByRole('textbox', { name: 'Project IDs' }).fill(consumerA)
  await shareNow(dialog)
  await expect(shareResultFor(page, consumerA)).toContainText('Shared (pending)')

  // bob, in the same browser (the demo cloud's world lives in its storage): one user at a time.
  await page.keyboard.press('Escape')
  await expect(dialog).toHaveCount(0)
  await page.getByRole('button', { name: 'User menu for alice' }).click()
  await page.getByRole('menuitem', { name: 'Sign out' }).click()
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible()
  await signIn(page, 'bob', { goto: false })
  const bob = page
  await bob.getByRole('link', { name: /^Shared with you \d+ images? to review$/ }).click()
  const row = bob
    .getByRole('table', { name: 'Images waiting for your answer' })
    .getByRole('row')
    .filter({ hasText: 'ml-runtime-cuda12' })
  await expect(row).toContainText('Shared by “Build farm team” (the producer’s own words)')
  await expect(row).toContainText('Note: “Ask in #builds”')
})

test('a long list of IDs never pushes Share out of view', async ({ page }) => {
  await signInAndWait(page, 'alice')
  const dialog = await openShareDialog(page, 'ml-runtime-cuda12')
  const ids = Array.from({ length: 40 }, (_, i) => i.toString(16).padStart(32, 'a'))
  await dialog.getByRole('textbox', { name: 'Project IDs' }).fill(ids.join('\n'))
  await expect(
    dialog.getByRole('list', { name: 'Entries to share' }).getByRole('listitem'),
  ).toHaveCount(40)
  // The entries run far below the window; the buttons stay at the dialog's foot.
  await expect(
    dialog.getByRole('list', { name: 'Entries to share' }).getByRole('listitem').last(),
  ).not.toBeInViewport()
  await expect(dialog.getByRole('button', { name: 'Share', exact: true })).toBeInViewport()
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeInViewport()
})
