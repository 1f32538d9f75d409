import type { Page } from '@playwright/test'
import { addMember } from '~/api/glance'
import { expect, expectAccessible, signInAndWait, test, shareNow } from '../fixtures'
import { cleanUp, glanceAs, imageOf, pendingSharesOf, runId } from './world'

const name = `${runId} consumer build`
const nameTwo = `${runId} RegionTwo consumer build`
let imageId = ''
let imageTwoId = ''

test.beforeAll(async () => {
  imageId = (await imageOf('alice', 'producer', 'RegionOne', { name })).id
  imageTwoId = (await imageOf('alice', 'producer', 'RegionTwo', { name: nameTwo })).id
})
test.afterAll(cleanUp)

/** How many shares wait for bob's answer in a region, as Glance says now (other runs may add some). */
const pendingCount = async (region: string) =>
  (await pendingSharesOf('bob', 'consumer-a', region)).length

const imagesText = (n: number) => `${String(n)} image${n === 1 ? '' : 's'} shared with you`

/** The banner and the header counter on a Saved Images page both say `n`, or are gone at 0. */
async function expectPendingCount(page: Page, n: number) {
  const banner = page.getByRole('region', { name: 'Shares waiting for your answer' })
  const counter = page.getByRole('link', { name: /^Shared with you \d+ images? to review$/ })
  if (n === 0) {
    await expect(banner).toHaveCount(0)
    await expect(counter).toHaveCount(0)
    return
  }
  await expect(banner).toContainText(new RegExp(`(^|\\D)${imagesText(n)}`))
  await expect(counter).toHaveAccessibleName(
    `Shared with you ${String(n)} image${n === 1 ? '' : 's'} to review`,
  )
}

async function searchExact(page: Page, text: string) {
  await page.getByLabel('Search by name').fill(text)
  await page.getByRole('checkbox', { name: 'Exact name' }).check()
  await page.getByLabel('Search by name').press('Enter')
}

test('bob answers alice’s share in his own browser: accept, remove, use by ID, re-shared, all regions', async ({
  page: bobPage,
  browser,
}) => {
  test.setTimeout(240_000)
  const bob = await glanceAs('bob', 'consumer-a', 'RegionOne')
  // Two browser contexts, one per user: the test's own page is bob's (the fixture's closing axe
  // check runs on it), alice gets a context of her own.
  const aliceContext = await browser.newContext()
  const alicePage = await aliceContext.newPage()
  const sharing = alicePage.getByRole('table', { name: 'Image Sharing' })
  const bobRow = sharing.getByRole('row').filter({ hasText: bob.projectId })
  const savedImages = bobPage.getByRole('table', { name: 'Saved Images' })
  const savedRow = savedImages.getByRole('row').filter({ hasText: name })
  const toSavedImages = () =>
    bobPage
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Saved Images' })
      .click()

  await test.step('alice shares the image with bob’s project', async () => {
    await signInAndWait(alicePage, 'alice')
    await searchExact(alicePage, name)
    await alicePage.getByRole('link', { name, exact: true }).click()
    await expect(alicePage.getByRole('heading', { level: 1, name })).toBeVisible()
    await alicePage.getByRole('button', { name: 'Share Image' }).click()
    const dialog = alicePage.getByRole('dialog', { name: 'Share Image' })
    await dialog.getByRole('textbox', { name: 'Project IDs' }).fill(bob.projectId)
    await shareNow(dialog)
    await expect(dialog.getByText('Shared (pending)')).toHaveCount(1)
    await dialog.getByRole('button', { name: 'Close' }).first().click()
    await expect(bobRow).toContainText(/pending/i)
  })

  await test.step('bob’s banner and header counter show the share; he accepts on Review', async () => {
    const expected = await pendingCount('RegionOne')
    expect(expected).toBeGreaterThanOrEqual(1)
    await signInAndWait(bobPage, 'bob')
    await expectPendingCount(bobPage, expected)
    await expectAccessible(bobPage)

    const banner = bobPage.getByRole('region', { name: 'Shares waiting for your answer' })
    await banner.getByRole('link', { name: 'Review', exact: true }).click()
    await expect(bobPage).toHaveURL(/\/review$/)
    await expect(
      bobPage.getByRole('heading', { level: 1, name: 'Review shared images' }),
    ).toBeVisible()
    const review = bobPage.getByRole('table', { name: 'Images waiting for your answer' })
    const row = review.getByRole('row').filter({ hasText: name })
    await expect(row).toBeVisible()
    await expect(row).toContainText('qcow2 / bare')
    await expectAccessible(bobPage)

    await row.getByRole('button', { name: `Accept ${name}` }).click()
    await expect(row).toContainText('Accepted')

    // In-app navigation: what the accept changed shows without a reload.
    await toSavedImages()
    await expectPendingCount(bobPage, expected - 1)
    await searchExact(bobPage, name)
    await expect(savedRow.getByRole('cell', { name: 'Shared Image', exact: true })).toBeVisible()
    await expectAccessible(bobPage)
  })

  await test.step('bob removes the image: gone from the list, still open by ID, rejected', async () => {
    await savedRow.getByRole('button', { name: `Actions for ${name}` }).click()
    await bobPage.getByRole('menuitem', { name: 'Remove Image' }).click()
    const confirm = bobPage.getByRole('alertdialog', { name: `Remove ${name}?` })
    await expectAccessible(bobPage)
    await confirm.getByRole('button', { name: 'Remove Image' }).click()
    await expect(confirm).toHaveCount(0)
    await expect(savedRow).toHaveCount(0)
    // The row goes at once (optimistic); Glance's answer is the toast. A reload before it would
    // cancel the request in flight.
    await expect(bobPage.getByText(`Removed ${name} from your images`)).toBeVisible()

    // Glance still lets the project use it by ID, whatever its answer.
    await bobPage.reload()
    await expect(savedRow).toHaveCount(0)
    await bobPage.getByRole('textbox', { name: 'Open image by ID' }).fill(imageId)
    await bobPage.getByRole('button', { name: 'Open', exact: true }).click()
    await expect(bobPage.getByRole('heading', { level: 1, name })).toBeVisible()
    await expect(bobPage).toHaveURL(new RegExp(`/images/${imageId}`))
    await expect(bobPage.getByRole('heading', { name: 'Shared with this project' })).toBeVisible()
    const membership = bobPage.getByRole('table', { name: 'Your membership' })
    await expect(membership.getByRole('row')).toHaveCount(2)
    await expect(membership).toContainText('Rejected')
    await expect(membership).toContainText(bob.projectId)
    await expect(bobPage.getByRole('button', { name: 'Accept', exact: true })).toBeVisible()
    await expect(bobPage.getByRole('button', { name: 'Move back to pending' })).toBeVisible()
    // Fixture images hold no data (queued), so the page explains instead of giving the command.
    await expect(
      bobPage.getByRole('heading', { name: 'Launch a server from this image' }),
    ).toBeVisible()
    await expectAccessible(bobPage)
  })

  await test.step('alice sees the rejection and re-shares; bob has it pending again', async () => {
    await alicePage.reload()
    await expect(bobRow).toContainText(/rejected/i)
    await bobRow.getByRole('button', { name: 'Re-share' }).click()
    await alicePage.getByRole('alertdialog').getByRole('button', { name: 'Re-share' }).click()
    await expect(bobRow).toContainText(/pending/i)

    const expected = await pendingCount('RegionOne')
    await toSavedImages()
    // The pending query refetches when bob comes back to the page; a reload is the sure way.
    await bobPage.reload()
    await expectPendingCount(bobPage, expected)
    await bobPage
      .getByRole('region', { name: 'Shares waiting for your answer' })
      .getByRole('link', { name: 'Review', exact: true })
      .click()
    const review = bobPage.getByRole('table', { name: 'Images waiting for your answer' })
    await expect(review.getByRole('row').filter({ hasText: name })).toBeVisible()
  })

  await test.step('a share in RegionTwo counts under “All regions”, per region', async () => {
    const aliceTwo = await glanceAs('alice', 'producer', 'RegionTwo')
    await addMember(aliceTwo, imageTwoId, bob.projectId)
    const one = await pendingCount('RegionOne')
    const two = await pendingCount('RegionTwo')
    expect(two).toBeGreaterThanOrEqual(1)

    await toSavedImages()
    await bobPage.getByLabel('Region', { exact: true }).selectOption('all')
    // Switching regions asks for the new regions' counts at once.
    const banner = bobPage.getByRole('region', { name: 'Shares waiting for your answer' })
    await expectPendingCount(bobPage, one + two)
    await expect(banner).toContainText(new RegExp(`RegionOne: ${String(one)}(\\D|$)`))
    await expect(banner).toContainText(new RegExp(`RegionTwo: ${String(two)}(\\D|$)`))
    await expectAccessible(bobPage)

    await banner.getByRole('link', { name: 'Review', exact: true }).click()
    const review = bobPage.getByRole('table', { name: 'Images waiting for your answer' })
    await expect(review.getByRole('row').filter({ hasText: name })).toContainText('RegionOne')
    await expect(review.getByRole('row').filter({ hasText: nameTwo })).toContainText('RegionTwo')
    await expectAccessible(bobPage)
  })

  await aliceContext.close()
})
