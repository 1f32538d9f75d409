import type { Page } from '@playwright/test'
import { expect, signInAndWait, test } from './fixtures'

const table = (page: Page) => page.getByRole('table', { name: 'Saved Images' })
const savedRow = (page: Page, name: string) =>
  table(page)
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name, exact: true }) })
const counter = (page: Page) =>
  page.getByRole('link', { name: /^Review \d+ images? shared with you$/ })
const banner = (page: Page) => page.getByRole('region', { name: 'Shares waiting for your answer' })
const statusPicker = (page: Page) => page.getByRole('radiogroup', { name: 'Membership status' })

async function openSharedWithMe(page: Page) {
  const link = page
    .getByRole('navigation', { name: 'Image views' })
    .getByRole('link', { name: 'Shared with me', exact: true })
  await link.click()
  await expect(link).toHaveAttribute('aria-current', 'page')
}

async function showStatus(page: Page, label: string) {
  const radio = statusPicker(page).getByRole('radio', { name: label, exact: true })
  // A click, not check(): the URL changes first and the radio follows when the page re-renders.
  await radio.click()
  await expect(radio).toBeChecked()
  await expect(page.getByRole('status', { name: 'Loading images' })).toHaveCount(0)
}

async function chooseAction(page: Page, imageName: string, action: string) {
  await page.getByRole('button', { name: `Actions for ${imageName}`, exact: true }).click()
  await page.getByRole('menuitem', { name: action, exact: true }).click()
}

test('Shared with me lists shares by bob’s answer; the status stays in the URL', async ({
  page,
}) => {
  await signInAndWait(page, 'bob')
  await openSharedWithMe(page)
  await expect(table(page).getByRole('columnheader', { name: 'Your answer' })).toBeVisible()
  await expect(savedRow(page, 'app-server-2026.02')).toContainText('Accepted')

  await showStatus(page, 'Pending')
  await expect(page).toHaveURL(/status=pending/)
  await expect(savedRow(page, 'app-server-2026.01')).toContainText('Pending')
  await expect(savedRow(page, 'app-server-2026.02')).toHaveCount(0)
  await page.reload()
  await expect(statusPicker(page).getByRole('radio', { name: 'Pending' })).toBeChecked()
  await expect(savedRow(page, 'app-server-2026.01')).toContainText('Pending')

  await showStatus(page, 'Rejected')
  await expect(page).toHaveURL(/status=rejected/)
  await expect(savedRow(page, 'db-snapshot-golden')).toContainText('Rejected')
  await expect(savedRow(page, 'app-server-2026.01')).toHaveCount(0)

  await showStatus(page, 'All')
  await expect(page).toHaveURL(/status=all/)
  for (const name of ['app-server-2026.01', 'app-server-2026.02', 'db-snapshot-golden'])
    await expect(savedRow(page, name)).toBeVisible()
  // bob's own images are Glance's answer too, but not shared with him.
  await expect(savedRow(page, 'bob-scratch-vm')).toHaveCount(0)
})

test('Remove Image asks first, then the image is rejected, not accepted', async ({ page }) => {
  await signInAndWait(page, 'bob')
  await openSharedWithMe(page)
  await showStatus(page, 'Accepted')
  await chooseAction(page, 'app-server-2026.02', 'Remove Image')
  const dialog = page.getByRole('alertdialog', { name: 'Remove app-server-2026.02?' })
  await expect(dialog).toBeVisible()
  await dialog.getByRole('button', { name: 'Remove Image' }).click()
  await expect(dialog).toHaveCount(0)
  await expect(savedRow(page, 'app-server-2026.02')).toHaveCount(0)

  await showStatus(page, 'Rejected')
  await expect(savedRow(page, 'app-server-2026.02')).toContainText('Rejected')
})

test('a rejected image is accepted again from Shared with me', async ({ page }) => {
  await signInAndWait(page, 'bob')
  await openSharedWithMe(page)
  await showStatus(page, 'Rejected')
  await chooseAction(page, 'db-snapshot-golden', 'Accept')
  await expect(savedRow(page, 'db-snapshot-golden')).toHaveCount(0)

  await showStatus(page, 'Accepted')
  await expect(savedRow(page, 'db-snapshot-golden')).toContainText('Accepted')
  await expect(savedRow(page, 'db-snapshot-golden')).toContainText('Shared Image')
})

test('Move back to pending puts an image back in the count', async ({ page }) => {
  await signInAndWait(page, 'bob')
  await expect(
    banner(page).getByRole('heading', { name: '3 images shared with you' }),
  ).toBeVisible()
  await openSharedWithMe(page)
  await showStatus(page, 'Accepted')
  await chooseAction(page, 'app-server-2026.02', 'Move back to pending')
  await expect(savedRow(page, 'app-server-2026.02')).toHaveCount(0)
  await expect(counter(page)).toHaveAccessibleName('Review 4 images shared with you')
  await expect(
    banner(page).getByRole('heading', { name: '4 images shared with you' }),
  ).toBeVisible()

  await showStatus(page, 'Pending')
  await expect(savedRow(page, 'app-server-2026.02')).toContainText('Pending')
})

test('Open image by ID explains a malformed or unknown ID and keeps the text', async ({ page }) => {
  await signInAndWait(page, 'bob')
  const field = page.getByRole('textbox', { name: 'Open image by ID' })
  const open = page.getByRole('button', { name: 'Open', exact: true })

  await field.fill('not-an-image-id')
  await open.click()
  await expect(field).toHaveAttribute('aria-invalid', 'true')
  await expect(field).toHaveAccessibleDescription(/.+/)
  await expect(field).toHaveValue('not-an-image-id')
  await expect(page.getByRole('heading', { level: 1, name: 'Saved Images' })).toBeVisible()

  const unknown = '00000000-0000-4000-8000-000000000000'
  await field.fill(unknown)
  await open.click()
  await expect(field).toHaveAccessibleDescription(/not|no image/i)
  await expect(field).toHaveValue(unknown)
  await expect(page.getByRole('heading', { level: 1, name: 'Saved Images' })).toBeVisible()
})
