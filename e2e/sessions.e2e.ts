import type { Page } from '@playwright/test'
import {
  demoControl,
  expect,
  expectAccessible,
  imagesLoaded,
  signIn,
  sawSignIn,
  signInAndWait,
  test,
  watchSignIn,
} from './fixtures'

/** The detail page of the first image of Saved Images: its URL and name. */
async function openFirstImage(page: Page) {
  const link = page.getByRole('table', { name: 'Saved Images' }).getByRole('link').first()
  const name = (await link.textContent()) ?? ''
  await link.click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name)
  return { url: page.url(), name }
}

test('a link opened in a new tab is signed in and shows its page', async ({ page, context }) => {
  await signInAndWait(page, 'alice')
  await imagesLoaded(page)
  const { url, name } = await openFirstImage(page)

  const tab = await context.newPage()
  await watchSignIn(tab)
  await tab.goto(url)
  await expect(tab.getByRole('heading', { level: 1 })).toHaveText(name)
  await expect(tab.getByRole('button', { name: 'User menu for alice' })).toBeVisible()
  expect(tab.url()).toBe(url)
  // Never by way of the sign-in page.
  expect(await sawSignIn(tab)).toBe(false)
  // Its own session now: a reload keeps it, whatever the first tab does.
  await page.close()
  await tab.reload()
  await expect(tab.getByRole('heading', { level: 1 })).toHaveText(name)
  await expectAccessible(tab)
})

test('with no other tab open, a link goes to sign-in and on to the page', async ({ page }) => {
  await page.goto('/review')
  await expect(page).toHaveURL(/\/sign-in\?next=%2Freview/)
  await signIn(page, 'bob', { goto: false })
  await expect(page).toHaveURL(/\/review$/)
})

test('signing out in one tab signs out every tab of the browser', async ({ page, context }) => {
  await signInAndWait(page, 'alice')
  const tab = await context.newPage()
  await tab.goto('/images')
  await expect(tab.getByRole('button', { name: 'User menu for alice' })).toBeVisible()

  await tab.getByRole('button', { name: 'User menu for alice' }).click()
  await tab.getByRole('menuitem', { name: 'Sign out' }).click()
  await expect(tab.getByText('You have signed out.')).toBeVisible()

  await expect(page.getByText('You have signed out.')).toBeVisible()
  await expect(page).toHaveURL(/\/sign-in/)
  await expectAccessible(page)
  // Signed out for good: going back into the panel asks for a password, not for another tab.
  await page.goto('/images')
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible()
})

test("after a 401, the next user of the tab sees none of the previous user's data", async ({
  page,
}) => {
  const secret = 'carol-private-notes'
  await page.goto('/sign-in')
  // The demo cloud answers once the page is up.
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible()
  // bob is given a role in the admin's own project: the same project, another user.
  await demoControl(page, 'grant-role', { user: 'bob', project: 'admin', role: 'member' })

  // admin, who sees every project's images, opens another project's private image.
  await signInAndWait(page, 'admin')
  const search = page.getByRole('searchbox', { name: 'Search by name' })
  await search.fill(secret)
  await page.getByRole('checkbox', { name: 'Exact name' }).check()
  await page.getByRole('button', { name: 'Search', exact: true }).click()
  await page.getByRole('link', { name: secret }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(secret)

  // The token dies without a sign-out; the next request of the tab gets a 401.
  await demoControl(page, 'expire-tokens')
  // Another region asks for the image again; a background request may get its 401 first.
  await page
    .getByLabel('Region', { exact: true })
    .selectOption('RegionTwo', { timeout: 5_000 })
    .catch(() => {})
  await expect(
    page.getByRole('alert').filter({ hasText: 'Your session has expired' }),
  ).toBeVisible()
  await expect(page.getByText(secret)).toHaveCount(0)

  // From here on, the page must never show the secret, not even for a moment.
  await page.evaluate((needle) => {
    const flag = { text: false }
    Object.assign(window, { __leak: flag })
    new MutationObserver(() => {
      if (document.body.textContent?.includes(needle)) flag.text = true
    }).observe(document, { childList: true, subtree: true, characterData: true })
  }, secret)
  const leaked = () =>
    page.evaluate(() => (window as unknown as { __leak: { text: boolean } }).__leak.text)

  // bob signs in on the same tab, to the same project, and goes on to where admin was.
  await signIn(page, 'bob', { goto: false, project: 'admin' })
  await expect(page.getByRole('button', { name: 'User menu for bob' })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Image not found' })).toBeVisible()
  await page.getByRole('link', { name: 'Saved Images' }).first().click()
  await imagesLoaded(page)
  await page.getByLabel('Region', { exact: true }).selectOption('all')
  await imagesLoaded(page)
  await expect(page.getByText(secret)).toHaveCount(0)
  expect(await leaked()).toBe(false)
})

test('one user per browser: after a sign-out, whoever signs in next is signed in in every tab', async ({
  page,
  context,
}) => {
  await signInAndWait(page, 'alice')
  await imagesLoaded(page)
  await expect(page.getByText('producer-private-base')).toBeVisible()
  const tab = await context.newPage()
  await tab.goto('/images')
  await expect(tab.getByRole('button', { name: 'User menu for alice' })).toBeVisible()
  // A signed-in browser's /sign-in goes on to the panel: there is no second user beside the first.
  await tab.goto('/sign-in')
  await expect(tab.getByRole('heading', { name: 'Saved Images' })).toBeVisible()

  await tab.getByRole('button', { name: 'User menu for alice' }).click()
  await expectAccessible(tab)
  await expect(tab.getByRole('menuitem', { name: 'Sign in as another user' })).toHaveCount(0)
  await tab.getByRole('menuitem', { name: 'Sign out' }).click()
  await expect(page.getByText('You have signed out.')).toBeVisible()
  await signIn(tab, 'bob', { goto: false })
  await expect(tab.getByRole('button', { name: 'User menu for bob' })).toBeVisible()

  // alice's old tab follows the browser's session: bob's, with nothing of alice's left.
  await expect(page.getByRole('button', { name: 'User menu for bob' })).toBeVisible()
  await imagesLoaded(page)
  await expect(page.getByText('producer-private-base')).toHaveCount(0)
})

test('the panel is served with a Content-Security-Policy and runs under it', async ({ page }) => {
  const response = await page.request.get('/')
  const csp = response.headers()['content-security-policy'] ?? ''
  expect(csp).toMatch(/(^|;)\s*script-src 'self'(;|$)/)
  expect(csp).not.toContain('unsafe-eval')

  // Sign in, list, open a dialog: the shared fixture fails the test on any CSP violation.
  await signInAndWait(page, 'alice')
  await imagesLoaded(page)
  await page.getByRole('button', { name: 'Actions for app-server-2026.02', exact: true }).click()
  await page.getByRole('menuitem', { name: 'Share Image' }).click()
  const dialog = page.getByRole('dialog', { name: 'Share Image' })
  await expect(dialog).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(dialog).toHaveCount(0)
})
