import {
  demoControl,
  demoTokenFor,
  expect,
  openShareDialog,
  shareResultFor,
  signInAndWait,
  test,
  shareNow,
} from './fixtures'

test('alice shares an image with two projects in one go', async ({ page }) => {
  await signInAndWait(page, 'alice')
  const consumerA = (await demoTokenFor(page, 'bob', 'consumer-a')).projectId
  const consumerB = (await demoTokenFor(page, 'carol', 'consumer-b')).projectId
  const dialog = await openShareDialog(page, 'ml-runtime-cuda12')

  await expect(dialog.getByRole('heading', { name: 'Before you share' })).toBeVisible()
  await dialog
    .getByRole('textbox', { name: 'Project IDs' })
    .fill(`${consumerA},\n${consumerB.toUpperCase()}`)
  await expect(
    dialog.getByRole('list', { name: 'Entries to share' }).getByText('Ready to share'),
  ).toHaveCount(2)
  await shareNow(dialog)

  await expect(shareResultFor(page, consumerA)).toContainText('Shared (pending)')
  await expect(shareResultFor(page, consumerB)).toContainText('Shared (pending)')
  await expect(dialog.getByText('Shared with 2 projects; each sees it as pending.')).toBeVisible()
  await expect(dialog.getByRole('textbox', { name: 'Project IDs' })).toHaveValue('')
  // The automatic axe check runs with the dialog and its results open.
})

test('a private image is made shared first; a network failure halfway keeps only the failed ID', async ({
  page,
}) => {
  await signInAndWait(page, 'alice')
  const dialog = await openShareDialog(page, 'producer-private-base')
  const ids = ['1'.repeat(32), '2'.repeat(32), '3'.repeat(32)]
  await dialog.getByRole('textbox', { name: 'Project IDs' }).fill(ids.join(' '))
  await shareNow(dialog)
  const confirm = dialog.getByRole('checkbox', { name: 'Make this image shared, then share it' })
  await expect(confirm).toBeFocused()
  await expect(dialog.getByText('Glance refuses members for a private image.')).toBeVisible()

  await demoControl(page, 'settings', { failNext: { status: 0, count: 1, method: 'POST' } })
  await confirm.check()
  await shareNow(dialog)

  const failed = page
    .getByRole('dialog', { name: 'Share Image' })
    .getByRole('list', { name: 'Share results' })
    .getByRole('listitem')
    .filter({ hasText: 'Failed' })
  await expect(failed).toHaveCount(1)
  await expect(failed).toContainText('Check your network connection')
  await expect(
    page
      .getByRole('dialog', { name: 'Share Image' })
      .getByRole('list', { name: 'Share results' })
      .getByText('Shared (pending)'),
  ).toHaveCount(2)
  await expect(dialog.getByText('This image is private')).toHaveCount(0)
  const kept = await dialog.getByRole('textbox', { name: 'Project IDs' }).inputValue()
  expect(ids).toContain(kept)
  await expect(failed).toContainText(kept)

  await shareNow(dialog)
  await expect(shareResultFor(page, kept)).toContainText('Shared (pending)')
  await expect(dialog.getByRole('textbox', { name: 'Project IDs' })).toHaveValue('')
})

test('over the member quota, Glance’s 413 is reported and the ID kept', async ({ page }) => {
  await signInAndWait(page, 'alice')
  await demoControl(page, 'settings', { image_member_quota: 2 })
  const dialog = await openShareDialog(page, 'app-server-2026.01')
  const id = 'a'.repeat(32)
  await dialog.getByRole('textbox', { name: 'Project IDs' }).fill(id)
  await shareNow(dialog)

  await expect(shareResultFor(page, id)).toContainText('Over quota')
  await expect(shareResultFor(page, id)).toContainText('Attempted: 3, Maximum: 2')
  await expect(dialog.getByRole('textbox', { name: 'Project IDs' })).toHaveValue(id)
  await expect(dialog.getByText('Members: 2 of at most 2 (as Glance reported it).')).toBeVisible()
})
