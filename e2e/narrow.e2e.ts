import type { Page } from '@playwright/test'
import { expect, expectAccessible, imagesLoaded, signIn, signInAndWait, test } from './fixtures'

// A phone held upright: every page at 360 px, in both colour schemes (expectAccessible checks
// light and dark), with touch targets of at least 24 px (axe's target-size, WCAG 2.2's 2.5.8).
test.use({ viewport: { width: 360, height: 740 } })

/** The page is as wide as the screen: nothing makes the reader scroll sideways. */
async function expectNoSidewaysScroll(page: Page) {
  const widths = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    screen: window.innerWidth,
  }))
  expect(widths.page).toBeLessThanOrEqual(widths.screen)
}

async function expectFitsAPhone(page: Page) {
  await expectNoSidewaysScroll(page)
  await expectAccessible(page, { targetSize: true })
}

test('sign-in, Saved Images, an image and its Share dialog fit a phone', async ({ page }) => {
  await page.goto('/sign-in')
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
  await expectFitsAPhone(page)

  await signInAndWait(page, 'alice')
  await imagesLoaded(page)
  const list = page.getByRole('table', { name: 'Saved Images' })
  // Visibility, size and source move under the name; their columns are gone.
  await expect(list.getByRole('columnheader', { name: 'Size' })).toBeHidden()
  await expect(
    list.getByRole('row').filter({ hasText: 'db-snapshot-golden' }).getByText('shared · 8.0 GB'),
  ).toBeVisible()
  // The list starts in the first screen, under a header of a few lines.
  const header = await page.getByRole('banner').boundingBox()
  expect(header?.height ?? 999).toBeLessThan(150)
  await expectFitsAPhone(page)

  await list.getByRole('link', { name: 'db-snapshot-golden', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'db-snapshot-golden' })).toBeVisible()
  await expect(page.getByRole('table', { name: 'Image Sharing' }).getByRole('row')).toHaveCount(3)
  await expectFitsAPhone(page)

  await page.getByRole('button', { name: 'Share Image' }).click()
  const dialog = page.getByRole('dialog', { name: /Share/ })
  await expect(dialog).toBeVisible()
  const box = await dialog.boundingBox()
  expect(box?.x ?? -1).toBeGreaterThanOrEqual(0)
  expect((box?.x ?? 0) + (box?.width ?? 999)).toBeLessThanOrEqual(360)
  await expectFitsAPhone(page)
})

test('project and region sit behind one button in a phone’s header', async ({ page }) => {
  await signIn(page, 'carol', { project: 'consumer-b' })
  await expect(page.getByRole('heading', { name: 'Saved Images' })).toBeVisible()
  const scope = page.getByRole('button', { name: /^Project and region: / })
  await expect(scope).toHaveAccessibleName(/: \S+ · (RegionOne|All regions)$/)
  await expect(page.getByLabel('Region')).toBeHidden()
  await scope.click()
  await expect(scope).toHaveAttribute('aria-expanded', 'true')
  await page.getByLabel('Region').selectOption('RegionTwo')
  await expect(scope).toHaveAccessibleName(/ · RegionTwo$/)
  await expect(page.getByText('Images project', { exact: false }).first()).toContainText(
    'RegionTwo',
  )
  await expectFitsAPhone(page)
})

test('Review and Shared with me fit a phone', async ({ page }) => {
  await signInAndWait(page, 'bob')
  await page.getByRole('link', { name: /^Shared with you \d+ images? to review$/ }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Review shared images' })).toBeVisible()
  await expect(page.getByRole('button', { name: /^Accept/ }).first()).toBeVisible()
  await expectFitsAPhone(page)

  await page.goto('/images?view=shared')
  await imagesLoaded(page)
  await expectFitsAPhone(page)
})

test('Inspect and the project lens fit a phone', async ({ page }) => {
  await signInAndWait(page, 'admin')
  await page.goto('/inspect')
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  await expectFitsAPhone(page)

  await page.goto('/inspect/project')
  await expect(page.getByRole('heading', { level: 1, name: 'Shared with a project' })).toBeVisible()
  await expectFitsAPhone(page)

  await page.goto('/no-such-page')
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  await expectFitsAPhone(page)
})
