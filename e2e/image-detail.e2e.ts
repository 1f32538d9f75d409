import { readFile } from 'node:fs/promises'
import type { Page } from '@playwright/test'
import { demoTokenFor, expect, openImagePage, signInAndWait, test } from './fixtures'

/** From Saved Images to an image's detail page, the way a person gets there. */
async function openDetail(page: Page, name: string) {
  await openImagePage(page, name)
  const sharing = page.getByRole('table', { name: 'Image Sharing' })
  return sharing
}

const row = (table: ReturnType<Page['getByRole']>, text: string) =>
  table.getByRole('row').filter({ hasText: text })

/** Another session of alice's, changing the image behind this page's back (the mock's world). */
async function changeVisibilityElsewhere(page: Page, imageId: string, visibility: string) {
  const { token } = await demoTokenFor(page, 'alice', 'producer')
  const status = await page.evaluate(
    async ({ imageId, visibility, token }) => {
      const r = await fetch(`/demo-cloud/image/RegionOne/v2/images/${imageId}`, {
        method: 'PATCH',
        headers: {
          'X-Auth-Token': token,
          'Content-Type': 'application/openstack-images-v2.1-json-patch',
          Accept: 'application/json',
        },
        body: JSON.stringify([{ op: 'replace', path: '/visibility', value: visibility }]),
      })
      return r.status
    },
    { imageId, visibility, token },
  )
  expect(status).toBe(200)
}

test('alice sees who accepted, rejected or never answered, filters and exports them', async ({
  page,
}) => {
  await signInAndWait(page, 'alice')
  const table = await openDetail(page, 'base-image-many-members')
  await expect(table.getByRole('row')).toHaveCount(6)
  await expect(table.getByText('Accepted', { exact: true })).toHaveCount(2)
  await expect(table.getByText('Rejected', { exact: true })).toHaveCount(1)
  await expect(table.getByText('Pending', { exact: true })).toHaveCount(2)
  // Both pending shares are months old.
  await expect(table.getByText(/check the project ID/)).toHaveCount(2)
  await expect(page.getByRole('button', { name: 'Copy image ID' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Copy all member IDs' })).toBeVisible()

  await page.getByLabel('Filter by status').selectOption('pending')
  await expect(table.getByRole('row')).toHaveCount(3)

  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export CSV' }).click()
  const file = await download
  expect(file.suggestedFilename()).toBe('base-image-many-members-members.csv')
  const csv = await readFile(await file.path(), 'utf8')
  expect(csv.trimEnd().split('\r\n')).toHaveLength(3)
  expect(csv).toContain('project_id,project_name,status,shared_at,last_changed')
  await page.getByLabel('Filter by status').selectOption('all')
  await expect(table.getByRole('row')).toHaveCount(6)
})

test('alice removes a member after confirming, and Undo brings it back as pending', async ({
  page,
}) => {
  await signInAndWait(page, 'alice')
  const table = await openDetail(page, 'base-image-many-members')
  const accepted = row(table, 'Accepted').first()
  const memberId = (await accepted.locator('code').first().textContent()) ?? ''
  expect(memberId).toMatch(/^[0-9a-f]{32}$/)
  // The row at the foot of the window, where the toast will land.
  await accepted.evaluate((el) => el.scrollIntoView({ block: 'end' }))
  await accepted.getByRole('button', { name: 'Remove' }).click()
  const dialog = page.getByRole('alertdialog', { name: 'Remove this member?' })
  await expect(dialog).toContainText(memberId)
  await dialog.getByRole('button', { name: 'Remove' }).click()
  await expect(dialog).toBeHidden()
  await expect(row(table, memberId)).toHaveCount(0)
  await expect(page.getByText(`Removed ${memberId}`)).toBeVisible()
  await expect(page.getByText(/Glance resets it to pending/)).toBeVisible()
  // Focus moved to the row that took the removed one's place, at the foot of the window: the
  // toast does not cover that row's buttons, the page scrolled them clear.
  const stack = await page.getByRole('region', { name: 'Notifications' }).boundingBox()
  const focusedRow = table.getByRole('row').filter({ has: page.locator(':focus') })
  await expect(focusedRow).toHaveCount(1)
  for (const button of await focusedRow
    .getByRole('button', { name: /^(Remove|Re-share)$/ })
    .all()) {
    const box = await button.boundingBox()
    if (!stack || !box) throw new Error('no toast or no button to compare')
    const covered =
      box.y + box.height > stack.y &&
      box.y < stack.y + stack.height &&
      box.x + box.width > stack.x &&
      box.x < stack.x + stack.width
    expect(covered, `${await button.textContent()} at y=${String(box.y)}`).toBe(false)
  }
  await page.getByRole('button', { name: 'Undo' }).click()
  await expect(row(table, memberId)).toContainText('Pending')
  await expect(page.getByText(`Shared with ${memberId} again`)).toBeVisible()
})

test('alice re-shares db-snapshot-golden with a project that rejected it', async ({ page }) => {
  await signInAndWait(page, 'alice')
  const table = await openDetail(page, 'db-snapshot-golden')
  await expect(table.getByText('Rejected', { exact: true })).toHaveCount(2)
  const first = row(table, 'Rejected').first()
  const memberId = (await first.locator('code').first().textContent()) ?? ''
  await first.getByRole('button', { name: 'Re-share' }).click()
  const dialog = page.getByRole('alertdialog', { name: 'Re-share with this project?' })
  await expect(dialog).toContainText('its status becomes pending')
  await dialog.getByRole('button', { name: 'Re-share' }).click()
  await expect(row(table, memberId)).toContainText('Pending')
  await expect(row(table, memberId).getByRole('button', { name: 'Re-share' })).toHaveCount(0)
  await expect(table.getByText('Rejected', { exact: true })).toHaveCount(1)
})

test('making a shared image private and shared again keeps its members', async ({ page }) => {
  await signInAndWait(page, 'alice')
  const table = await openDetail(page, 'base-image-many-members')
  await expect(table.getByRole('row')).toHaveCount(6)
  await expect(page.getByRole('radio', { name: 'Public' })).toBeDisabled()

  await page.getByRole('radio', { name: 'Private' }).check()
  await page.getByRole('button', { name: 'Change visibility' }).click()
  const toPrivate = page.getByRole('alertdialog', { name: 'Make this image private?' })
  await expect(toPrivate).toContainText('Its 5 member projects will lose access at once')
  await expect(toPrivate).toContainText('when the image is shared again they come back')
  await toPrivate.getByRole('button', { name: 'Make private' }).click()
  await expect(page.getByText(/make it shared to add members/)).toBeVisible()
  await expect(table).toBeHidden()

  await page.getByRole('radio', { name: 'Shared' }).check()
  await page.getByRole('button', { name: 'Change visibility' }).click()
  const toShared = page.getByRole('alertdialog', { name: 'Make this image shared?' })
  await expect(toShared).toContainText('get access back, with the status they had')
  await toShared.getByRole('button', { name: 'Make shared' }).click()
  await expect(table.getByRole('row')).toHaveCount(6)
  await expect(table.getByText('Accepted', { exact: true })).toHaveCount(2)
  await expect(table.getByText('Rejected', { exact: true })).toHaveCount(1)
})

test('rita, a reader, sees the actions disabled with the reason', async ({ page }) => {
  await signInAndWait(page, 'rita')
  const table = await openDetail(page, 'base-image-many-members')
  const remove = table.getByRole('button', { name: 'Remove' }).first()
  await expect(remove).toHaveAttribute('aria-disabled', 'true')
  await expect(remove).toHaveAccessibleDescription(
    'Your role in this project is reader: only the member role can remove members.',
  )
  await expect(page.getByRole('button', { name: 'Share Image' })).toHaveAccessibleDescription(
    /reader/,
  )
  await expect(page.getByRole('button', { name: 'Change visibility' })).toHaveAttribute(
    'aria-disabled',
    'true',
  )
  await expect(page.getByRole('radio', { name: 'Private' })).toBeDisabled()
})

test('Glance’s own 403 is shown when the image turned private behind the page', async ({
  page,
}) => {
  await signInAndWait(page, 'alice')
  const table = await openDetail(page, 'db-snapshot-golden')
  const imageId = new URL(page.url()).pathname.split('/').at(-1) ?? ''
  await changeVisibilityElsewhere(page, imageId, 'private')

  await table.getByRole('button', { name: 'Remove' }).first().click()
  const dialog = page.getByRole('alertdialog', { name: 'Remove this member?' })
  await dialog.getByRole('button', { name: 'Remove' }).click()
  await expect(dialog.getByRole('alert')).toContainText(
    `Glance refused: Not allowed to delete members for image ${imageId}.`,
  )
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  // The page catches up: the image is private now, so the section explains instead.
  await expect(page.getByText(/make it shared to add members/)).toBeVisible()
})

test('the owner reaches Image Sharing from the top of a long image page', async ({ page }) => {
  await signInAndWait(page, 'alice')
  await openDetail(page, 'base-image-many-members')
  const heading = page.getByRole('heading', { level: 2, name: 'Image Sharing' })
  await expect(heading).not.toBeInViewport()
  await page.getByRole('link', { name: 'Go to Image Sharing' }).click()
  await expect(heading).toBeInViewport()
  await expect(heading).toBeFocused()
})
