import type { Page } from '@playwright/test'
import {
  expect,
  imageIdOf,
  producerMakesPrivate,
  producerRemovesBob,
  signInAndWait,
  test,
} from './fixtures'

const table = (page: Page) => page.getByRole('table', { name: 'Saved Images' })
const savedRow = (page: Page, name: string) =>
  table(page)
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name, exact: true }) })
const counter = (page: Page) =>
  page.getByRole('link', { name: /^Shared with you \d+ images? to review$/ })
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
  // Shares wait for bob's answer, so the tab opens on Pending.
  await openSharedWithMe(page)
  await expect(page).toHaveURL(/status=pending/)
  await expect(statusPicker(page).getByRole('radio', { name: 'Pending' })).toBeChecked()
  await expect(table(page).getByRole('columnheader', { name: 'Your answer' })).toBeVisible()
  await expect(savedRow(page, 'app-server-2026.01')).toContainText('Pending')
  await expect(savedRow(page, 'app-server-2026.02')).toHaveCount(0)

  await showStatus(page, 'Accepted')
  await expect(savedRow(page, 'app-server-2026.02')).toContainText('Accepted')
  await showStatus(page, 'Pending')
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
  await expect(counter(page)).toHaveAccessibleName('Shared with you 4 images to review')
  await expect(
    banner(page).getByRole('heading', { name: '4 images shared with you' }),
  ).toBeVisible()

  await showStatus(page, 'Pending')
  await expect(savedRow(page, 'app-server-2026.02')).toContainText('Pending')
})

/** A pending share's ID, the way bob could find it: from its link under Shared with me, Pending. */
async function pendingShareId(page: Page, name: string) {
  await openSharedWithMe(page)
  await showStatus(page, 'Pending')
  const id = await imageIdOf(savedRow(page, name).getByRole('link', { name, exact: true }))
  await page.getByLabel('Search by name').fill('')
  return id
}

test('Open image by ID opens a pending share with bob’s own membership and how to boot it', async ({
  page,
}) => {
  await signInAndWait(page, 'bob')
  const id = await pendingShareId(page, 'app-server-2026.01')
  await page.getByRole('textbox', { name: 'Open image by ID' }).fill(id)
  await page.getByRole('button', { name: 'Open', exact: true }).click()

  await expect(page.getByRole('heading', { level: 1, name: 'app-server-2026.01' })).toBeVisible()
  const shared = page.getByRole('region', { name: 'Shared with this project' })
  await expect(page.getByRole('heading', { name: 'Shared with this project' })).toBeVisible()
  await expect(shared).toContainText('Pending')
  await expect(page.getByRole('button', { name: 'Accept', exact: true })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Reject', exact: true })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Remove Image' })).toHaveCount(0)
  // Glance shows a member only its own row.
  await expect(page.getByRole('table', { name: 'Your membership' }).getByRole('row')).toHaveCount(2)
  await expect(page.getByRole('table', { name: 'Image Sharing' })).toHaveCount(0)
  await expect(page.getByRole('heading', { name: 'Launch a server from this image' })).toBeVisible()
  await expect(
    page.getByText(`openstack --os-region-name RegionOne server create --image ${id}`),
  ).toBeVisible()
  await expect(page.getByRole('button', { name: /server create command/ })).toBeVisible()

  await page.getByRole('button', { name: 'Accept', exact: true }).click()
  await expect(shared).toContainText('Accepted')
  await expect(page.getByRole('button', { name: 'Remove Image' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Move back to pending' })).toBeVisible()
  await expect(counter(page)).toHaveAccessibleName('Shared with you 2 images to review')
})

test('Open image by ID explains a malformed or unknown ID and keeps the text', async ({ page }) => {
  await signInAndWait(page, 'bob')
  const field = page.getByRole('textbox', { name: 'Open image by ID' })
  const open = page.getByRole('button', { name: 'Open', exact: true })

  await field.fill('not-an-image-id')
  await open.click()
  await expect(field).toHaveAttribute('aria-invalid', 'true')
  await expect(field).toHaveAccessibleDescription(/is not an image ID: an image ID is a UUID/)
  await expect(field).toHaveValue('not-an-image-id')
  await expect(page.getByRole('heading', { level: 1, name: 'Saved Images' })).toBeVisible()

  const unknown = '00000000-0000-4000-8000-000000000000'
  await field.fill(unknown)
  await open.click()
  await expect(field).toHaveAccessibleDescription(
    new RegExp(`No image with ID ${unknown} is visible to project consumer-a`),
  )
  await expect(field).toHaveValue(unknown)
  await expect(page.getByRole('heading', { level: 1, name: 'Saved Images' })).toBeVisible()
})

/** The ID of an image in the Saved Images table, from its link. */
const listedId = (page: Page, name: string) =>
  imageIdOf(savedRow(page, name).getByRole('link', { name, exact: true }))

const goneInList =
  'No longer shared with you: the producer removed this project or made the image private.'
const goneOnDetail =
  'The producer removed project consumer-a from its members, made it private, or deleted it.'

test('an accepted image made private while its page is open: bob’s next answer says it is gone', async ({
  page,
}) => {
  await signInAndWait(page, 'bob')
  await page.getByLabel('Search by name').fill('app-server-2026.02')
  await page.getByLabel('Search by name').press('Enter')
  const imageId = await listedId(page, 'app-server-2026.02')
  await savedRow(page, 'app-server-2026.02').getByRole('link').click()
  await expect(page.getByRole('heading', { level: 1, name: 'app-server-2026.02' })).toBeVisible()
  const shared = page.getByRole('region', { name: 'Shared with this project' })
  await expect(shared).toContainText('Accepted')

  await producerMakesPrivate(page, imageId)
  await shared.getByRole('button', { name: 'Move back to pending' }).click()
  await expect(
    page.getByRole('heading', { level: 1, name: 'Image no longer available' }),
  ).toBeVisible()
  await expect(page.getByText(goneOnDetail)).toBeVisible()
})

test('a share taken away behind a loaded list opens as “Image no longer available”', async ({
  page,
}) => {
  await signInAndWait(page, 'bob')
  const imageId = await listedId(page, 'app-server-2026.02')
  await producerRemovesBob(page, imageId)
  // The list was loaded before: its link still leads to the image, which Glance no longer shows.
  await savedRow(page, 'app-server-2026.02').getByRole('link').click()
  await expect(
    page.getByRole('heading', { level: 1, name: 'Image no longer available' }),
  ).toBeVisible()
  await expect(page.getByText(goneOnDetail)).toBeVisible()
})

test('a share taken away while Saved Images is open is named in the list', async ({ page }) => {
  await signInAndWait(page, 'bob')
  await producerRemovesBob(page, await listedId(page, 'app-server-2026.02'))

  // Answering another image refreshes the list, which no longer has the removed one.
  await chooseAction(page, 'carol-analytics', 'Move back to pending')
  await expect(savedRow(page, 'carol-analytics')).toHaveCount(0)
  await expect(table(page)).toContainText(`app-server-2026.02: ${goneInList}`)
  await expect(savedRow(page, 'app-server-2026.02')).toHaveCount(0)
})

test('after switching views, a share taken away is still named in the list', async ({ page }) => {
  await signInAndWait(page, 'bob')
  await openSharedWithMe(page)
  await showStatus(page, 'All')
  await producerRemovesBob(page, await listedId(page, 'app-server-2026.02'))

  await chooseAction(page, 'app-server-2026.01', 'Accept')
  await expect(savedRow(page, 'app-server-2026.01')).toContainText('Accepted')
  await expect(table(page)).toContainText(`app-server-2026.02: ${goneInList}`)
  await expect(savedRow(page, 'app-server-2026.02')).toHaveCount(0)
})
