import { expect, imagesLoaded, signInAndWait, test } from '../fixtures'
import { glance } from './stack'
import { cleanUp, imageOf, runId } from './world'

const r1 = `${runId} image while Glance is down in RegionTwo (RegionOne)`
const r2 = `${runId} image while Glance is down in RegionTwo`

test.beforeAll(async () => {
  await imageOf('alice', 'producer', 'RegionOne', { name: r1 })
  await imageOf('alice', 'producer', 'RegionTwo', { name: r2 })
})
// Whatever happened, RegionTwo's Glance answers again before the next test (and the clean-up).
test.afterAll(async () => {
  await glance('start', 'two')
  await cleanUp()
})

test('RegionTwo’s Image service down reads clearly, and Try again works once it is back', async ({
  page,
}) => {
  test.setTimeout(120_000)
  await signInAndWait(page, 'alice')
  await imagesLoaded(page)

  const alert = page.getByRole('alert').filter({ hasText: 'Images could not be listed' })
  await glance('stop', 'two')
  try {
    await page.getByLabel('Region', { exact: true }).selectOption('RegionTwo')
    // The panel retries a 502 twice before it gives up: allow for it.
    await expect(alert).toContainText(
      'The Image service in RegionTwo is not answering. Try again in a moment; if it goes on, ask your cloud operator to check it.',
      { timeout: 30_000 },
    )
    await expect(alert).not.toContainText('fetch failed')
    await expect(alert).not.toContainText('127.0.0.1')
  } finally {
    await glance('start', 'two')
  }

  await alert.getByRole('button', { name: 'Try again' }).click()
  const table = page.getByRole('table', { name: 'Saved Images' })
  await expect(table.getByRole('row').filter({ hasText: r2 })).toBeVisible()
  await expect(alert).toHaveCount(0)
})
