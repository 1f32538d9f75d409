import type { Page } from '@playwright/test'
import { expect, expectAccessible, imageIdOf, signInAndWait, test } from './fixtures'

// What the panel just did, as the openstack commands to do it again from a shell. The demo cloud
// has two regions, so each command names the image's.

/** The page is as wide as the screen: the commands wrap inside their own box. */
async function expectNoSidewaysScroll(page: Page) {
  const widths = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    screen: window.innerWidth,
  }))
  expect(widths.page).toBeLessThanOrEqual(widths.screen)
}

test.describe('on a phone', () => {
  test.use({ viewport: { width: 360, height: 740 } })

  test('bob accepts a share on Review and finds the command for it in that row', async ({
    page,
  }) => {
    await signInAndWait(page, 'bob')
    await page.getByRole('link', { name: /^Shared with you \d+ images? to review$/ }).click()
    const row = page
      .getByRole('table', { name: 'Images waiting for your answer' })
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: 'app-server-2026.01', exact: true }) })
    const imageId = await imageIdOf(row.getByRole('link', { name: 'app-server-2026.01' }))
    await row.getByRole('button', { name: 'Accept app-server-2026.01' }).click()
    await expect(row.getByText('Accepted', { exact: true })).toBeVisible()

    await row.getByText('Same with the openstack CLI').click()
    // The row's other code is the producer's project ID.
    await expect(row.getByRole('code').filter({ hasText: 'openstack' })).toHaveText(
      `openstack --os-region-name RegionOne image set --accept -- ${imageId}`,
    )
    await expect(
      row.getByRole('button', { name: 'Copy openstack command for app-server-2026.01' }),
    ).toBeVisible()
    await expectNoSidewaysScroll(page)
    await expectAccessible(page, { targetSize: true })
  })
})

test('alice makes an image private and finds the command beside the visibility', async ({
  page,
}) => {
  await signInAndWait(page, 'alice')
  const link = page
    .getByRole('table', { name: 'Saved Images' })
    .getByRole('link', { name: 'db-snapshot-golden', exact: true })
  const imageId = await imageIdOf(link)
  await link.click()
  const visibility = page.getByRole('region', { name: 'Visibility' })
  await expect(visibility.getByText('Same with the openstack CLI')).toHaveCount(0)
  await visibility.getByRole('radio', { name: 'Private' }).check()
  await visibility.getByRole('button', { name: 'Change visibility' }).click()
  await page
    .getByRole('alertdialog', { name: 'Make this image private?' })
    .getByRole('button', { name: 'Make private' })
    .click()

  await visibility.getByText('Same with the openstack CLI').click()
  await expect(visibility.getByRole('code')).toHaveText(
    `openstack --os-region-name RegionOne image set --private -- ${imageId}`,
  )
  await expectAccessible(page)
})
