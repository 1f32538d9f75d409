import {
  demoControl,
  expect,
  expectAccessible,
  imagesLoaded,
  signIn,
  signInAndWait,
  test,
} from './fixtures'

test('carol switches project from the header', async ({ page }) => {
  await signIn(page, 'carol', { project: 'producer' })
  const table = page.getByRole('table', { name: 'Saved Images' })
  await expect(table).toBeVisible()
  const producerRows = await table.getByRole('row').count()

  await page.getByLabel('Project', { exact: true }).selectOption({ label: 'consumer-b' })
  await expect(page.getByText('Switched to project consumer-b')).toBeVisible()
  await expect(page.getByLabel('Project', { exact: true }).locator('option:checked')).toHaveText(
    'consumer-b',
  )
  await expect(table.getByRole('row')).not.toHaveCount(producerRows)
  await expectAccessible(page)
})

test('the region picker narrows the list to a region or spans all of them', async ({ page }) => {
  await signInAndWait(page, 'alice')
  const table = page.getByRole('table', { name: 'Saved Images' })
  const region = page.getByLabel('Region', { exact: true })
  await expect(region.locator('option')).toHaveText(['All regions', 'RegionOne', 'RegionTwo'])
  await expect(region).toHaveValue('RegionOne')
  await expect(table.getByRole('columnheader', { name: 'Region' })).toHaveCount(0)

  await region.selectOption('RegionTwo')
  await expect(page.getByText('in RegionTwo.')).toBeVisible()
  await expect(table.getByRole('row').nth(1)).toBeVisible()

  await region.selectOption('all')
  await expect(table.getByRole('columnheader', { name: 'Region' })).toBeVisible()
  await expect(table.getByRole('cell', { name: 'RegionOne', exact: true }).first()).toBeVisible()
  await expect(table.getByRole('cell', { name: 'RegionTwo', exact: true }).first()).toBeVisible()
})

test('Saved Images shows the Source of each image and links to its detail', async ({ page }) => {
  await signInAndWait(page, 'bob')
  const table = page.getByRole('table', { name: 'Saved Images' })
  await expect(table.getByRole('cell', { name: 'Shared Image' }).first()).toBeVisible()
  await expect(table.getByRole('cell', { name: 'Public' }).first()).toBeVisible()

  const link = table.getByRole('link').first()
  const name = (await link.textContent()) ?? ''
  await link.click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name)
  await expect(page.getByRole('button', { name: 'Copy image ID' })).toBeVisible()
  await expectAccessible(page)
  await page.reload()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name)
})

test('an image that is not there says so in words', async ({ page }) => {
  await signInAndWait(page, 'bob')
  await page.goto('/images/00000000-0000-4000-8000-000000000000')
  await expect(page.getByRole('heading', { name: 'Image not found' })).toBeVisible()
  await expectAccessible(page)
})

test('Reset demo data restores the seed and signs out', async ({ page }) => {
  await signInAndWait(page, 'alice')
  await page.getByRole('button', { name: 'User menu for alice' }).click()
  await page.getByRole('menuitem', { name: 'Reset demo data' }).click()
  await expect(page.getByText('Demo data reset. Sign in again.')).toBeVisible()
  await expect(page).toHaveURL(/\/sign-in/)
})

test('a failing image service says so, and Try again recovers', async ({ page }) => {
  await signInAndWait(page, 'alice')
  await imagesLoaded(page)
  // The list and the pending count each get three answers: the first try and two retries of a 5xx.
  await demoControl(page, 'settings', { failNext: { status: 503, count: 6, path: '/v2/images' } })
  await page.reload()
  const alert = page.getByRole('alert').filter({ hasText: 'Images could not be listed' })
  await expect(alert).toBeVisible({ timeout: 15_000 })
  await expectAccessible(page)
  await alert.getByRole('button', { name: 'Try again' }).click()
  await expect(
    page.getByRole('table', { name: 'Saved Images' }).getByRole('row').nth(1),
  ).toBeVisible()
})

test('a dead network is named as such', async ({ page }) => {
  await signInAndWait(page, 'bob')
  await imagesLoaded(page)
  await demoControl(page, 'settings', { failNext: { status: 0, count: 6, path: '/v2/images' } })
  await page.reload()
  await expect(
    page.getByRole('alert').filter({ hasText: 'Images could not be listed' }),
  ).toContainText('Check your network connection', { timeout: 15_000 })
})

test('two tabs share one demo world: a fault planned in one is met in the other', async ({
  page,
  context,
}) => {
  await signInAndWait(page, 'bob')
  // One user per browser, as on a real cloud: the other tab is bob's too.
  const other = await context.newPage()
  await other.goto('/images')
  await expect(other.getByRole('button', { name: 'User menu for bob' })).toBeVisible()
  await imagesLoaded(other)
  await imagesLoaded(page)
  await demoControl(other, 'settings', {
    failNext: { status: 503, count: 6, path: '/v2/images' },
  })
  // The other tab polls its own counts: closed, it cannot spend this tab's faults.
  await other.close()
  await page.reload()
  await expect(
    page.getByRole('alert').filter({ hasText: 'Images could not be listed' }),
  ).toBeVisible({ timeout: 15_000 })
})
