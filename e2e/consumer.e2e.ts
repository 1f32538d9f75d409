import type { Page } from '@playwright/test'
import { demoControl, expect, imageIdOf, producerRemovesBob, signInAndWait, test } from './fixtures'

// bob (consumer-a) has three pending shares in RegionOne (app-server-2026.01, the Unicode-named
// Ubuntu and one without a name) and one in RegionTwo (region-two-app).
const UNICODE = 'Ubuntu 24.04 — 日本語 ✓ Ü'
const GONE =
  'No longer shared with you: the producer removed this project or made the image private.'

const counter = (page: Page) =>
  page.getByRole('link', { name: /^Shared with you \d+ images? to review$/ })
const banner = (page: Page) => page.getByRole('region', { name: 'Shares waiting for your answer' })
const reviewTable = (page: Page) =>
  page.getByRole('table', { name: 'Images waiting for your answer' })
const reviewRow = (page: Page, name: string) =>
  reviewTable(page)
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name, exact: true }) })
const savedRow = (page: Page, name: string) =>
  page
    .getByRole('table', { name: 'Saved Images' })
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name, exact: true }) })

async function expectPending(page: Page, n: number) {
  await expect(counter(page)).toHaveAccessibleName(
    `Shared with you ${String(n)} image${n === 1 ? '' : 's'} to review`,
  )
}

/** From the header's counter to the review page, with its rows loaded. */
async function openReview(page: Page, rows: number) {
  await counter(page).click()
  await expect(page).toHaveURL(/\/review/)
  await expect(page.getByRole('heading', { level: 1, name: 'Review shared images' })).toBeVisible()
  // The header row and one per pending share.
  await expect(reviewTable(page).getByRole('row')).toHaveCount(rows + 1)
}

async function backToSavedImages(page: Page) {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Saved Images' })
    .click()
  await expect(page.getByRole('heading', { level: 1, name: 'Saved Images' })).toBeVisible()
}

test('bob sees how many shares wait for him, in the header and on Saved Images, per region', async ({
  page,
}) => {
  await signInAndWait(page, 'bob')
  await expectPending(page, 3)
  await expect(counter(page)).toContainText('Shared with you')
  await expect(
    banner(page).getByRole('heading', { name: '3 images shared with you' }),
  ).toBeVisible()
  await expect(banner(page)).toContainText('waiting for your answer')
  // One region counted: no per-region counts.
  await expect(banner(page)).not.toContainText('RegionOne:')

  const region = page.getByLabel('Region', { exact: true })
  await region.selectOption({ label: 'All regions' })
  await expectPending(page, 4)
  await expect(
    banner(page).getByRole('heading', { name: '4 images shared with you' }),
  ).toBeVisible()
  await expect(banner(page)).toContainText('RegionOne: 3')
  await expect(banner(page)).toContainText('RegionTwo: 1')

  await region.selectOption('RegionTwo')
  await expectPending(page, 1)
  await expect(banner(page).getByRole('heading', { name: '1 image shared with you' })).toBeVisible()
  await expect(banner(page)).not.toContainText('RegionOne:')

  // The banner's Review leads to the same place as the header's counter.
  await banner(page).getByRole('link', { name: 'Review', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Review shared images' })).toBeVisible()
  await expect(reviewRow(page, 'region-two-app')).toBeVisible()
  await expect(reviewTable(page).getByRole('row')).toHaveCount(2)
})

test('bob accepts, rejects and postpones shares one at a time; the counts follow at once', async ({
  page,
}) => {
  await signInAndWait(page, 'bob')
  await openReview(page, 3)
  const accepted = reviewRow(page, 'app-server-2026.01')
  await expect(accepted).toContainText('qcow2 / bare')
  await accepted.getByRole('button', { name: 'Accept app-server-2026.01' }).click()
  await expect(accepted).toContainText('Accepted')
  await expectPending(page, 2)

  const rejected = reviewRow(page, UNICODE)
  await rejected.getByRole('button', { name: `Reject ${UNICODE}` }).click()
  await expect(rejected).toContainText('Rejected')
  await expectPending(page, 1)

  const later = reviewTable(page)
    .getByRole('row')
    .filter({ has: page.getByRole('button', { name: /^Decide later \(no name\)/ }) })
  await later.getByRole('button', { name: /^Decide later/ }).click()
  await expect(later).toContainText('Left pending')
  await expectPending(page, 1)
  // Decided rows stay, with their results, until bob leaves the page.
  await expect(reviewTable(page).getByRole('row')).toHaveCount(4)

  await backToSavedImages(page)
  await expect(banner(page).getByRole('heading', { name: '1 image shared with you' })).toBeVisible()
  await expect(savedRow(page, 'app-server-2026.01')).toContainText('Shared Image')
  await expect(savedRow(page, UNICODE)).toHaveCount(0)
})

test('bob accepts two shares at once and sees a result for each', async ({ page }) => {
  await signInAndWait(page, 'bob')
  await openReview(page, 3)
  const accept = page.getByRole('button', { name: 'Accept selected' })
  // Nothing selected yet: the bulk buttons say why they do nothing.
  await expect(accept).toHaveAttribute('aria-disabled', 'true')

  await page.getByRole('checkbox', { name: 'Select app-server-2026.01' }).check()
  await page.getByRole('checkbox', { name: `Select ${UNICODE}` }).check()
  await accept.click()

  await expect(reviewRow(page, 'app-server-2026.01')).toContainText('Accepted')
  await expect(reviewRow(page, UNICODE)).toContainText('Accepted')
  await expect(page.getByRole('status').filter({ hasText: '2 accepted' })).toBeVisible()
  await expectPending(page, 1)

  await backToSavedImages(page)
  await expect(savedRow(page, 'app-server-2026.01')).toContainText('Shared Image')
  await expect(savedRow(page, UNICODE)).toContainText('Shared Image')
})

test('the last share in one region answered: the counter goes, the banner points to the region where more wait', async ({
  page,
}) => {
  await signInAndWait(page, 'bob')
  await page.getByLabel('Region', { exact: true }).selectOption('RegionTwo')
  await expect(page.getByText('+3 in other regions')).toBeVisible()
  await openReview(page, 1)
  await page.getByRole('button', { name: 'Reject region-two-app' }).click()
  await expect(reviewRow(page, 'region-two-app')).toContainText('Rejected')
  await expect(counter(page)).toHaveCount(0)
  await backToSavedImages(page)
  await expect(banner(page).getByRole('heading')).toHaveCount(0)
  await expect(banner(page)).toContainText(
    '3 images shared with you wait in another region (3 in RegionOne).',
  )
  await banner(page).getByRole('button', { name: 'Switch to RegionOne' }).click()
  await expect(page.getByLabel('Region', { exact: true })).toHaveValue('RegionOne')
  await expectPending(page, 3)
  await expect(page.getByText('+1 in other regions')).toHaveCount(0)

  // Once nothing waits anywhere, the banner goes.
  await openReview(page, 3)
  await page.getByRole('checkbox', { name: 'Select all' }).check()
  await page.getByRole('button', { name: 'Reject selected' }).click()
  await expect(counter(page)).toHaveCount(0)
  await backToSavedImages(page)
  await expect(banner(page)).toHaveCount(0)
})

test('the producer removes bob while he accepts: the row says the share is gone', async ({
  page,
}) => {
  await signInAndWait(page, 'bob')
  await openReview(page, 3)
  const row = reviewRow(page, 'app-server-2026.01')
  const imageId = await imageIdOf(row.getByRole('link', { name: 'app-server-2026.01' }))
  await producerRemovesBob(page, imageId)

  await row.getByRole('button', { name: 'Accept app-server-2026.01' }).click()
  await expect(row).toContainText(GONE)
  // It no longer waits for an answer: two are left.
  await expectPending(page, 2)
  await backToSavedImages(page)
  await expect(savedRow(page, 'app-server-2026.01')).toHaveCount(0)
})

test('Glance refuses an accept: the error is shown and the share is pending again', async ({
  page,
}) => {
  await signInAndWait(page, 'bob')
  await openReview(page, 3)
  await expectPending(page, 3)
  await demoControl(page, 'settings', { failNext: { status: 403, count: 1, method: 'PUT' } })

  const row = reviewRow(page, 'app-server-2026.01')
  await row.getByRole('button', { name: 'Accept app-server-2026.01' }).click()
  await expect(row).toContainText('Glance refused')
  await expect(row).not.toContainText('Accepted')
  await expect(row.getByRole('button', { name: 'Accept app-server-2026.01' })).toBeEnabled()
  await expectPending(page, 3)

  await backToSavedImages(page)
  await expect(
    banner(page).getByRole('heading', { name: '3 images shared with you' }),
  ).toBeVisible()
  await expect(savedRow(page, 'app-server-2026.01')).toHaveCount(0)
})

test('a server error on reject says nothing changed, and trying again works', async ({ page }) => {
  await signInAndWait(page, 'bob')
  await openReview(page, 3)
  await demoControl(page, 'settings', { failNext: { status: 500, count: 1, method: 'PUT' } })

  const row = reviewRow(page, UNICODE)
  const reject = row.getByRole('button', { name: `Reject ${UNICODE}` })
  await reject.click()
  await expect(row).toContainText('Nothing changed; try again.')
  await expectPending(page, 3)

  await reject.click()
  await expect(row).toContainText('Rejected')
  await expectPending(page, 2)
})

test('the network fails during a bulk accept: one image fails, the others are accepted', async ({
  page,
}) => {
  await signInAndWait(page, 'bob')
  await openReview(page, 3)
  await demoControl(page, 'settings', { failNext: { status: 0, count: 1, method: 'PUT' } })

  await page.getByRole('checkbox', { name: 'Select all' }).check()
  await page.getByRole('button', { name: 'Accept selected' }).click()

  const rows = reviewTable(page)
    .getByRole('row')
    .filter({ has: page.getByRole('cell') })
  await expect(rows.filter({ hasText: 'Check your network connection' })).toHaveCount(1)
  await expect(rows.filter({ hasText: 'Accepted' })).toHaveCount(2)
  await expect(page.getByRole('status').filter({ hasText: '2 accepted, 1 failed' })).toBeVisible()
  await expectPending(page, 1)
})
