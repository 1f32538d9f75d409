import { expect, expectAccessible, signIn, signInAndWait, test } from '../fixtures'
import { cleanUp, imageOf, runId } from './world'

const r1 = `${runId} producer image in RegionOne`
const r2 = `${runId} producer image in RegionTwo`

test.beforeAll(async () => {
  await imageOf('alice', 'producer', 'RegionOne', { name: r1 })
  await imageOf('alice', 'producer', 'RegionTwo', { name: r2 })
})
test.afterAll(cleanUp)

test('alice signs in on the real cloud and sees her project’s images', async ({ page }) => {
  await signInAndWait(page, 'alice')
  const table = page.getByRole('table', { name: 'Saved Images' })
  const row = table.getByRole('row').filter({ hasText: r1 })
  await expect(row).toBeVisible()
  await expect(row.getByRole('cell', { name: 'This project' })).toBeVisible()
  await expect(table.getByRole('row').filter({ hasText: r2 })).toHaveCount(0)
  await expectAccessible(page)

  await row.getByRole('link').click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(r1)
})

test('the region picker follows the real catalog', async ({ page }) => {
  await signInAndWait(page, 'alice')
  const table = page.getByRole('table', { name: 'Saved Images' })
  const region = page.getByLabel('Region', { exact: true })
  await expect(region.locator('option')).toHaveText(['All regions', 'RegionOne', 'RegionTwo'])

  await region.selectOption('RegionTwo')
  await expect(table.getByRole('row').filter({ hasText: r2 })).toBeVisible()
  await expect(table.getByRole('row').filter({ hasText: r1 })).toHaveCount(0)

  await region.selectOption('all')
  await expect(table.getByRole('columnheader', { name: 'Region' })).toBeVisible()
  await expect(table.getByRole('row').filter({ hasText: r1 })).toContainText('RegionOne')
  await expect(table.getByRole('row').filter({ hasText: r2 })).toContainText('RegionTwo')
})

test('carol chooses a project, then switches with a re-scoped token', async ({ page }) => {
  await signIn(page, 'carol')
  await page.getByRole('button', { name: 'producer' }).click()
  const table = page.getByRole('table', { name: 'Saved Images' })
  await expect(table.getByRole('row').filter({ hasText: r1 })).toBeVisible()

  await page.getByLabel('Project', { exact: true }).selectOption({ label: 'consumer-b' })
  await expect(page.getByText('Switched to project consumer-b')).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Saved Images' })).toBeVisible()
  await expect(page.getByText(r1)).toHaveCount(0)
})

test('Keystone’s refusals read clearly', async ({ page }) => {
  await signIn(page, 'alice', { password: 'wrong' })
  await expect(page.getByRole('alert').filter({ hasText: 'Sign-in failed' })).toContainText(
    'user name, password or domain is not right',
  )
  await signIn(page, 'bob', { project: 'producer' })
  await expect(page.getByRole('alert').filter({ hasText: 'Sign-in failed' })).toContainText(
    'no access to a project named “producer”',
  )
  await signIn(page, 'dave')
  await expect(page.getByRole('alert').filter({ hasText: 'Sign-in failed' })).toBeVisible()
})
