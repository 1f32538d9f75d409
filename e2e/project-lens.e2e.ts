import { readFile } from 'node:fs/promises'
import type { Download, Page } from '@playwright/test'
import { demoControl, demoTokenFor, expect, signInAndWait, test } from './fixtures'

/**
 * Opens the lens the way support staff get there: Inspect an image shared with many projects,
 * then "Shared with it" on the member row of `project`. Returns that project's ID.
 */
async function lensFromMemberRow(page: Page, project: string) {
  await signInAndWait(page, 'admin')
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Inspect' })
    .click()
  const { token } = await demoTokenFor(page, 'admin', 'admin')
  const imageId = await page.evaluate(async (token) => {
    const r = await fetch('/demo-cloud/image/RegionOne/v2/images?name=base-image-many-members', {
      headers: { 'X-Auth-Token': token, Accept: 'application/json' },
    })
    return ((await r.json()) as { images: { id: string }[] }).images[0]?.id ?? ''
  }, token)
  await page.getByRole('textbox', { name: 'Image ID' }).fill(imageId)
  await page.getByRole('button', { name: 'Inspect', exact: true }).click()
  const row = page
    .getByRole('table', { name: 'Members' })
    .getByRole('row')
    .filter({ hasText: project })
  const link = row.getByRole('link', { name: /^Shared with it: every image shared with project / })
  const label = (await link.getAttribute('aria-label')) ?? ''
  await link.click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Shared with a project')
  return label.replace('Shared with it: every image shared with project ', '')
}

const summary = (page: Page) => page.getByRole('status').filter({ hasText: /Scanned|Stopped/ })
const results = (page: Page) => page.getByRole('table', { name: 'Images shared with it' })

async function downloaded(download: Download) {
  return readFile((await download.path()) ?? '', 'utf8')
}

test('support staff see every image shared with a project, with progress, a filter and both exports', async ({
  page,
}) => {
  // A scan of every shared image in the demo (200+) at the demo's simulated latency.
  test.slow()
  const qa = await lensFromMemberRow(page, 'qa')
  await expect(page).toHaveURL(new RegExp(`/inspect/project\\?project=${qa}$`))
  await expect(page.getByRole('heading', { level: 2, name: 'Shared with qa' })).toBeVisible()
  await expect(page.getByRole('textbox', { name: 'Project ID' })).toHaveValue(qa)

  // While it runs: a bar that counts images scanned, and a way to stop.
  const bar = page.getByRole('progressbar', { name: 'Images scanned' })
  await expect(bar).toBeVisible()
  await expect(page.getByRole('button', { name: 'Cancel' })).toBeVisible()

  await expect(summary(page)).toContainText(
    /^Scanned all \d+ shared images in RegionOne and RegionTwo: \d+ are shared with this project\./,
    { timeout: 30_000 },
  )
  const text = (await summary(page).textContent()) ?? ''
  const [, scanned, found] = /all (\d+) shared images .*: (\d+) are/.exec(text) ?? []
  expect(Number(scanned)).toBeGreaterThanOrEqual(200)
  await expect(bar).toHaveAttribute('value', scanned ?? '')
  const rows = results(page).getByRole('row')
  await expect(rows).toHaveCount(Number(found) + 1)
  // From several owners, in both regions, hidden ones included.
  await expect(rows.filter({ hasText: 'build-farm' }).first()).toBeVisible()
  await expect(rows.filter({ hasText: 'ml-research' }).first()).toBeVisible()
  await expect(rows.filter({ hasText: 'RegionTwo' }).first()).toBeVisible()
  await expect(rows.filter({ hasText: 'hidden' }).first()).toBeVisible()
  const deactivated = rows.filter({ hasText: 'deactivated' })
  await expect(deactivated).toHaveCount(1)
  await expect(deactivated).toContainText('Cannot boot it')

  const filter = page.getByLabel('Filter by its answer')
  await filter.selectOption('pending')
  const pending = await rows.count()
  expect(pending).toBeGreaterThan(1)
  for (const status of await results(page)
    .getByRole('cell', { name: /^(Accepted|Pending|Rejected)$/ })
    .allTextContents())
    expect(status).toBe('Pending')

  // The rows shown, as CSV; the JSON says whether the scan was whole.
  const csvDownload = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export CSV' }).click()
  const csv = await downloaded(await csvDownload)
  const lines = csv.trimEnd().split('\r\n')
  expect(lines[0]).toBe(
    'region,image_id,image_name,image_status,hidden,owner_project_id,owner_project_name,member_status,shared_at,last_changed,your_name_for_owner',
  )
  expect(lines).toHaveLength(pending)
  expect(lines.slice(1).every((l) => l.includes(',pending,'))).toBe(true)

  await filter.selectOption('all')
  const jsonDownload = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export JSON' }).click()
  const json = JSON.parse(await downloaded(await jsonDownload)) as {
    project: { id: string; name: string }
    complete: boolean
    images_scanned: number
    images: { member_status: string }[]
  }
  expect(json.project).toEqual({ id: qa, name: 'qa' })
  expect(json.complete).toBe(true)
  expect(json.images_scanned).toBe(Number(scanned))
  expect(json.images).toHaveLength(Number(found))

  // Each row leads back to Inspect, explaining that image for this project.
  await rows.nth(1).getByRole('link').click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Inspect image')
  await expect(page.getByRole('region', { name: 'Check a project' })).toContainText(
    'It is a member',
  )
})

test('a cancelled scan keeps what it found and says it is partial; scanning again finishes it', async ({
  page,
}) => {
  const qa = await lensFromMemberRow(page, 'qa')
  // One region is enough to stop halfway, and half as long to finish.
  await page.goto(`/inspect/project?project=${qa}&region=RegionTwo`)
  const bar = page.getByRole('progressbar', { name: 'Images scanned' })
  await expect(bar).toHaveAttribute('value', /^[1-9]\d*$/)
  await page.getByRole('button', { name: 'Cancel' }).click()
  await expect(summary(page)).toContainText(
    /^Stopped after \d+ of \d+ shared images: the list below is partial\./,
  )
  const [, stoppedAt] = /after (\d+)/.exec((await summary(page).textContent()) ?? '') ?? []
  // Nothing more arrives once stopped: had the scan gone on, the network would not fall quiet
  // until it ended, with a higher count.
  await page.waitForLoadState('networkidle')
  await expect(summary(page)).toContainText(`Stopped after ${stoppedAt ?? ''} of`)
  await expect(bar).toHaveAttribute('value', stoppedAt ?? '')

  await page.getByRole('button', { name: 'Scan again' }).click()
  await expect(summary(page)).toContainText(/^Scanned all \d+ shared images/, { timeout: 30_000 })
})

test('a project Keystone does not know is said so, and what Glance still holds for it is found', async ({
  page,
}) => {
  // Glance never checks member IDs: base-image-many-members is shared with a project that is not in Keystone.
  const foreign = await lensFromMemberRow(page, '8989447062e04a818baf9e073fd04fa7')
  expect(foreign).toBe('8989447062e04a818baf9e073fd04fa7')
  await expect(
    page.getByRole('alert').filter({ hasText: 'Keystone has no such project' }),
  ).toBeVisible()
  await expect(summary(page)).toContainText(/: 1 is shared with this project\./, {
    timeout: 30_000,
  })
  await expect(results(page).getByRole('row').nth(1)).toContainText('base-image-many-members')
})

test('a scan in one region asks only that region, and the typed ID is checked', async ({
  page,
}) => {
  await signInAndWait(page, 'admin')
  await page.goto('/inspect/project')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Shared with a project')
  const field = page.getByRole('textbox', { name: 'Project ID' })
  await field.fill('   ')
  await page.getByRole('button', { name: 'Scan' }).click()
  await expect(field).toHaveAccessibleDescription(/Enter the ID of the project/)

  await field.fill('8989447062e04a818baf9e073fd04fa7')
  await page
    .getByRole('form', { name: "Find a project's shares" })
    .getByLabel('Region')
    .selectOption('RegionTwo')
  await page.getByRole('button', { name: 'Scan' }).click()
  await expect(page).toHaveURL(/region=RegionTwo/)
  await expect(summary(page)).toContainText(/in RegionTwo: 0 are shared with this project\./, {
    timeout: 30_000,
  })
  await expect(results(page)).toContainText('No image is shared with this project.')
})

test('a region that fails to list is named, the rest is scanned, and scanning again completes it', async ({
  page,
}) => {
  const foreign = '8989447062e04a818baf9e073fd04fa7'
  await signInAndWait(page, 'admin')
  await page.goto('/inspect/project')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Shared with a project')
  // The header also counts shares waiting in RegionTwo: once it has, the next RegionTwo list is
  // the lens's.
  await page.waitForLoadState('networkidle')
  await demoControl(page, 'settings', {
    failNext: { status: 503, count: 1, method: 'GET', path: '/image/RegionTwo/v2/images' },
  })
  await page.getByRole('textbox', { name: 'Project ID' }).fill(foreign)
  await page.getByRole('button', { name: 'Scan' }).click()
  await expect(summary(page)).toContainText(
    /^Scanned \d+ shared images in RegionOne and RegionTwo, but not all \(below\): 1 is shared with this project among them\./,
    { timeout: 30_000 },
  )
  const failed = page
    .getByRole('alert')
    .filter({ hasText: 'Some of the cloud could not be scanned' })
  await expect(failed).toContainText('RegionTwo: the list of shared images failed')
  await page.getByRole('button', { name: 'Scan again' }).click()
  await expect(summary(page)).toContainText(/^Scanned all \d+ shared images/, { timeout: 30_000 })
  await expect(failed).toHaveCount(0)
})

test('the project lens refuses users without the admin role', async ({ page }) => {
  await signInAndWait(page, 'alice')
  await page.goto('/inspect/project?project=8989447062e04a818baf9e073fd04fa7')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Not allowed')
  await expect(page.getByText('Shared with a project is for cloud administrators')).toBeVisible()
})
