import type { Locator, Page } from '@playwright/test'
import { demoTokenFor, expect, imagesLoaded, passwords, test } from './fixtures'

// Every sharing flow with the keyboard alone: Tab, Shift+Tab, arrows, Enter, Space and Escape.
// No click, no hover: fill() and typing only put text in the focused field. After each dialog
// and each answer, focus is where a keyboard user expects it, never dropped on the page's body.

const isFocused = (target: Locator) =>
  target.evaluate((el) => el === document.activeElement, undefined, { timeout: 2000 })

/** Presses Tab (Shift+Tab with back) until target has the focus, as a keyboard user gets there. */
async function tabTo(page: Page, target: Locator, { back = false } = {}) {
  await expect(target).toBeVisible()
  for (let presses = 0; presses < 150; presses++) {
    if (await isFocused(target)) return
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab')
  }
  throw new Error(`Tab never reached ${target.toString()}`)
}

/** Presses ArrowDown until target (a menu item) has the focus. */
async function arrowTo(page: Page, target: Locator) {
  await expect(target).toBeVisible()
  for (let presses = 0; presses < 20; presses++) {
    if (await isFocused(target)) return
    await page.keyboard.press('ArrowDown')
  }
  throw new Error(`ArrowDown never reached ${target.toString()}`)
}

/** Focus is on a control of the page, not dropped on its body with the control that had it. */
async function expectFocusKept(page: Page) {
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.tagName ?? 'none'))
    .not.toBe('BODY')
}

async function signInByKeyboard(page: Page, user: string) {
  await page.goto('/sign-in')
  await tabTo(page, page.getByLabel('User name'))
  await page.keyboard.type(user)
  await page.keyboard.press('Tab')
  await expect(page.getByLabel('Password')).toBeFocused()
  await page.keyboard.type(passwords[user] ?? '')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1, name: 'Saved Images' })).toBeVisible()
  await imagesLoaded(page)
}

/** Opens a row's menu on Saved Images and chooses an item, by keyboard. */
async function rowMenuItem(page: Page, image: string, item: string) {
  const trigger = page.getByRole('button', { name: `Actions for ${image}` })
  await tabTo(page, trigger)
  await page.keyboard.press('Enter')
  await arrowTo(page, page.getByRole('menuitem', { name: item }))
  await page.keyboard.press('Enter')
  return trigger
}

test('alice shares an image from its row menu by keyboard; Escape returns to the row', async ({
  page,
}) => {
  await signInByKeyboard(page, 'alice')
  const consumerB = (await demoTokenFor(page, 'carol', 'consumer-b')).projectId
  const trigger = await rowMenuItem(page, 'ml-runtime-cuda12', 'Share Image')

  const dialog = page.getByRole('dialog', { name: 'Share Image' })
  const ids = dialog.getByRole('textbox', { name: 'Project IDs' })
  await expect(ids).toBeFocused()
  await page.keyboard.type(consumerB)
  await tabTo(page, dialog.getByRole('button', { name: 'Share', exact: true }))
  await page.keyboard.press('Enter')
  // alice never saw this ID and cannot look it up: Share asks her to confirm it first.
  const unseen = dialog.getByRole('checkbox', { name: 'I checked this ID with its project' })
  await expect(unseen).toBeFocused()
  await page.keyboard.press('Space')
  await tabTo(page, dialog.getByRole('button', { name: 'Share', exact: true }))
  await page.keyboard.press('Enter')
  await expect(
    dialog.getByRole('list', { name: 'Share results' }).getByRole('listitem'),
  ).toContainText('Shared (pending)')
  // The result is announced: it sits in a live region.
  await expect(
    dialog.getByRole('status').filter({ hasText: 'Shared with 1 project' }),
  ).toBeVisible()

  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await expect(trigger).toBeFocused()
})

test('bob accepts and rejects on Review by keyboard; focus moves to the next share each time', async ({
  page,
}) => {
  await signInByKeyboard(page, 'bob')
  await tabTo(page, page.getByRole('link', { name: /^Shared with you \d+ images? to review$/ }))
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1, name: 'Review shared images' })).toBeVisible()
  const rows = page.getByRole('table', { name: 'Images waiting for your answer' }).getByRole('row')
  await expect(rows).toHaveCount(4)

  const first = rows.nth(1)
  await tabTo(page, first.getByRole('button', { name: /^Accept/ }))
  await page.keyboard.press('Enter')
  await expect(first).toContainText('Accepted')
  // On to the next share's Accept, not lost with the answered row's buttons.
  const second = rows.nth(2)
  await expect(second.getByRole('button', { name: /^Accept/ })).toBeFocused()

  await tabTo(page, second.getByRole('button', { name: /^Reject/ }))
  await page.keyboard.press('Enter')
  await expect(second).toContainText('Rejected')
  await expect(rows.nth(3).getByRole('button', { name: /^Accept/ })).toBeFocused()
})

test('bob removes an accepted image by keyboard: confirmed first, then Undo by keyboard', async ({
  page,
}) => {
  await signInByKeyboard(page, 'bob')
  // Once the shares waiting for bob are counted, Shared with me opens on Pending.
  await expect(
    page.getByRole('link', { name: /^Shared with you \d+ images? to review$/ }),
  ).toBeVisible()
  await tabTo(
    page,
    page
      .getByRole('tab', { name: 'Shared with me' })
      .or(page.getByRole('link', { name: 'Shared with me' })),
  )
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/view=shared.*status=pending|status=pending.*view=shared/)
  // Shares wait for bob, so the tab opens on Pending: arrows move to Accepted.
  await tabTo(page, page.getByRole('radio', { name: 'Pending', exact: true }))
  await page.keyboard.press('ArrowRight')
  await expect(page.getByRole('radio', { name: 'Accepted', exact: true })).toBeChecked()
  // Accepted is the view's default: the URL drops the status.
  await expect(page).not.toHaveURL(/status=/)
  await imagesLoaded(page)
  const name =
    (await page
      .getByRole('table', { name: 'Saved Images' })
      .getByRole('row')
      .nth(1)
      .getByRole('link')
      .first()
      .textContent()) ?? ''
  const trigger = await rowMenuItem(page, name, 'Remove Image')

  const confirm = page.getByRole('alertdialog')
  await expect(confirm).toBeVisible()
  // A destructive act starts on Cancel: Enter alone changes nothing.
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused()
  await tabTo(page, confirm.getByRole('button', { name: 'Remove Image' }))
  await page.keyboard.press('Enter')
  await expect(confirm).toBeHidden()
  const undo = page.getByRole('button', { name: 'Undo' })
  await expect(undo).toBeVisible()
  // Its row left the Accepted list: focus moves on to the next, not onto the page's body.
  await expectFocusKept(page)
  await tabTo(page, undo)
  await page.keyboard.press('Enter')
  // Undo accepts it again: it is back in the Accepted list.
  await expect(trigger).toBeVisible()
})

test('alice removes a member and re-shares with one that rejected, by keyboard', async ({
  page,
}) => {
  await signInByKeyboard(page, 'alice')
  await tabTo(page, page.getByLabel('Search by name'))
  await page.keyboard.type('db-snapshot-golden')
  await page.keyboard.press('Enter')
  const link = page
    .getByRole('table', { name: 'Saved Images' })
    .getByRole('link', { name: 'db-snapshot-golden', exact: true })
  await tabTo(page, link)
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1, name: 'db-snapshot-golden' })).toBeVisible()
  const table = page.getByRole('table', { name: 'Image Sharing' })
  await expect(table.getByRole('row')).toHaveCount(3)

  // Re-share the first rejected member (rows are found by member ID: the table re-sorts).
  const firstId = (await table.getByRole('row').nth(1).locator('code').first().textContent()) ?? ''
  const first = table.getByRole('row').filter({ hasText: firstId })
  const reshare = first.getByRole('button', { name: 'Re-share' })
  await tabTo(page, reshare)
  await page.keyboard.press('Enter')
  const again = page.getByRole('alertdialog', { name: 'Re-share with this project?' })
  await expect(again).toBeVisible()
  await tabTo(page, again.getByRole('button', { name: 'Re-share' }))
  await page.keyboard.press('Enter')
  await expect(again).toBeHidden()
  await expect(first).toContainText('Pending')
  // The re-shared row is a new member row, sorted anew: focus stays in the member table.
  await expect(table.locator(':focus')).toHaveCount(1)

  // Remove the other member.
  const second = table
    .getByRole('row')
    .filter({ has: page.getByRole('cell') })
    .filter({ hasNotText: firstId })
  await tabTo(page, second.getByRole('button', { name: 'Remove' }))
  await page.keyboard.press('Enter')
  const remove = page.getByRole('alertdialog', { name: 'Remove this member?' })
  await expect(remove.getByRole('button', { name: 'Cancel' })).toBeFocused()
  await tabTo(page, remove.getByRole('button', { name: 'Remove' }))
  await page.keyboard.press('Enter')
  await expect(remove).toBeHidden()
  await expect(table.getByRole('row')).toHaveCount(2)
  // Its row went: focus goes to the row that is left.
  await expect(first.getByRole('button', { name: 'Remove' })).toBeFocused()
})

test('alice makes an image private and shared again with arrow keys and Enter', async ({
  page,
}) => {
  await signInByKeyboard(page, 'alice')
  await tabTo(page, page.getByLabel('Search by name'))
  await page.keyboard.type('app-server-2026.01')
  await page.keyboard.press('Enter')
  await tabTo(
    page,
    page
      .getByRole('table', { name: 'Saved Images' })
      .getByRole('link', { name: 'app-server-2026.01', exact: true }),
  )
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1, name: 'app-server-2026.01' })).toBeVisible()

  // Tab enters the radio group on the checked radio; arrows choose.
  await tabTo(page, page.getByRole('radio', { name: /^Shared/ }))
  await page.keyboard.press('ArrowUp')
  await expect(page.getByRole('radio', { name: /^Private/ })).toBeChecked()
  await tabTo(page, page.getByRole('button', { name: 'Change visibility' }))
  await page.keyboard.press('Enter')
  const toPrivate = page.getByRole('alertdialog', { name: 'Make this image private?' })
  await tabTo(page, toPrivate.getByRole('button', { name: 'Make private' }))
  await page.keyboard.press('Enter')
  await expect(toPrivate).toBeHidden()
  await expect(page.getByText(/make it shared to add members/)).toBeVisible()
  await expectFocusKept(page)

  await tabTo(page, page.getByRole('radio', { name: /^Private/ }), { back: true })
  await page.keyboard.press('ArrowDown')
  await expect(page.getByRole('radio', { name: /^Shared/ })).toBeChecked()
  await tabTo(page, page.getByRole('button', { name: 'Change visibility' }))
  await page.keyboard.press('Space')
  const toShared = page.getByRole('alertdialog', { name: 'Make this image shared?' })
  await tabTo(page, toShared.getByRole('button', { name: 'Make shared' }))
  await page.keyboard.press('Enter')
  await expect(toShared).toBeHidden()
  await expect(page.getByRole('table', { name: 'Image Sharing' })).toBeVisible()
})
