import { FOREIGN_PROJECT_ID, seedImageId } from '../mocks/seed'
import { expect, expectAccessible, signInAndWait, test } from './fixtures'

test('alice names a project Keystone will not name for her, and finds it in her address book', async ({
  page,
}) => {
  await signInAndWait(page, 'alice')
  await page.goto(`/images/${seedImageId('manyMembers')}?region=RegionOne`)
  const table = page.getByRole('table', { name: 'Image Sharing' })
  const foreign = table.getByRole('row').filter({ hasText: FOREIGN_PROJECT_ID })

  await foreign.getByRole('button', { name: `Name project ${FOREIGN_PROJECT_ID}` }).click()
  const naming = page.getByRole('dialog', { name: 'Name project' })
  await naming.getByLabel('Your name for this project').fill('partner-lab')
  await expectAccessible(page)
  await naming.getByRole('button', { name: 'Save' }).click()
  await expect(naming).toBeHidden()
  await expect(foreign).toContainText('partner-lab (your name)')

  const menuButton = page.getByRole('button', { name: /^User menu for / })
  await menuButton.click()
  await page.getByRole('menuitem', { name: 'Project names' }).click()
  const book = page.getByRole('dialog', { name: 'Project names' })
  await expect(book.getByRole('row', { name: /partner-lab \(your name\)/ })).toBeVisible()
  // The image's owner was named by Keystone on the page: kept without anyone typing it.
  await expect(book.getByRole('row', { name: /producer \(seen earlier\)/ })).toBeVisible()
  await expectAccessible(page)
  await page.keyboard.press('Escape')
  await expect(book).toBeHidden()
  await expect(menuButton).toBeFocused()
})

test('bob saves his project names to a file and reads them back', async ({ page }) => {
  await signInAndWait(page, 'bob')
  await page.getByRole('button', { name: /^User menu for / }).click()
  await page.getByRole('menuitem', { name: 'Project names' }).click()
  const book = page.getByRole('dialog', { name: 'Project names' })
  await book.getByLabel('Project ID').fill(FOREIGN_PROJECT_ID)
  await book.getByLabel('Name', { exact: true }).fill('partner-lab')
  await book.getByRole('button', { name: 'Save name' }).click()

  const download = page.waitForEvent('download')
  await book.getByRole('button', { name: 'Export' }).click()
  const file = await download
  expect(file.suggestedFilename()).toBe('project-names-bob.json')
  const saved = await file.path()

  await book.getByRole('button', { name: `Delete name for project ${FOREIGN_PROJECT_ID}` }).click()
  await expect(book.getByRole('row', { name: /partner-lab/ })).toBeHidden()
  await book.getByLabel('Import names from a file').setInputFiles(saved)
  await expect(book.getByRole('status')).toHaveText(/Imported .*: 1 added, 0 updated\./)
  await expect(book.getByRole('row', { name: /partner-lab \(imported\)/ })).toBeVisible()
})
