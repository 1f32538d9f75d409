import type { Page } from '@playwright/test'
import { demoControl, expect, test } from './fixtures'

/**
 * The demo cloud's equivalents of every way in (the real ones run in e2e/cloud/sign-in-methods):
 * mia's password then the passcode the demo table shows, tess's passcode alone, alice's
 * application credential, and the demo identity provider. Expiry asks again by the same method.
 */

const form = (page: Page) => page.getByRole('form', { name: 'Sign in' })

/** The code the demo table shows for a user now, as an authenticator app would. */
async function codeOf(page: Page, user: string): Promise<string> {
  const row = page
    .getByRole('table')
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: user, exact: true }) })
  await expect(row).toContainText(/passcode \d{6}/)
  const code = /passcode (\d{6})/.exec((await row.textContent()) ?? '')?.[1]
  if (!code) throw new Error(`no passcode shown for ${user}`)
  return code
}

test('mia: the password, then the passcode the demo shows; a wrong one is said first', async ({
  page,
}) => {
  await page.goto('/sign-in')
  await page.getByRole('button', { name: 'Fill in mia' }).click()
  await form(page).getByRole('button', { name: 'Sign in' }).click()
  const step = page.getByRole('form', { name: 'Second step' })
  await expect(step.getByRole('heading', { name: 'Enter your passcode' })).toBeVisible()
  await expect(step.getByLabel('Passcode')).toBeFocused()

  await step.getByLabel('Passcode').fill('000000')
  await step.getByRole('button', { name: 'Verify' }).click()
  await expect(step.getByRole('alert')).toContainText('That passcode is not right')

  await step.getByLabel('Passcode').fill(await codeOf(page, 'mia'))
  await step.getByRole('button', { name: 'Verify' }).click()
  await page.getByRole('button', { name: 'consumer-a' }).click()
  await expect(page.getByRole('heading', { name: 'Saved Images' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'User menu for mia' })).toBeVisible()
})

test('“Start again” leaves the second step for the first, the user name kept', async ({ page }) => {
  await page.goto('/sign-in')
  await page.getByRole('button', { name: 'Fill in mia' }).click()
  await form(page).getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('button', { name: 'Start again' }).click()
  await expect(form(page).getByLabel('User name')).toHaveValue('mia')
  await expect(form(page).getByLabel('Password', { exact: true })).toHaveValue('')
})

test('tess signs in with the passcode alone', async ({ page }) => {
  await page.goto('/sign-in')
  await page.getByRole('button', { name: 'Fill in tess' }).click()
  await expect(page.getByRole('radio', { name: 'Passcode' })).toBeChecked()
  await form(page).getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('heading', { name: 'Saved Images' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'User menu for tess' })).toBeVisible()
})

test('an application credential: its project is fixed, and an expired session asks again by the same method', async ({
  page,
}) => {
  await page.goto('/sign-in')
  await page.getByRole('button', { name: /^Fill in application credential/ }).click()
  await form(page).getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('heading', { name: 'Saved Images' })).toBeVisible()
  const fixed = page.getByRole('button', { name: 'Project: producer (fixed)' })
  await expect(fixed).toHaveAccessibleDescription(/application credential “alice-ci”/)

  // The token runs out: the next list request meets it.
  await demoControl(page, 'settings', {
    failNext: { status: 401, count: 2, method: 'GET', path: '/images', expireTokens: true },
  })
  await page.getByRole('link', { name: 'My images' }).click()
  await expect(
    page.getByRole('alert').filter({ hasText: 'Your session has expired' }),
  ).toBeVisible()
  await expect(page.getByRole('radio', { name: 'Application credential' })).toBeChecked()
  await expect(form(page).getByLabel('Secret')).toHaveValue('')
})

test('the demo identity provider: a deep link survives the trip, and the page remembers it', async ({
  page,
}) => {
  await page.goto('/review')
  await expect(page).toHaveURL(/\/sign-in\?next=%2Freview/)
  await page.getByRole('link', { name: 'Sign in with Demo identity provider' }).click()
  await expect(page.getByRole('heading', { name: 'Demo identity provider' })).toBeVisible()
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page).toHaveURL(/\/review$/)
  await expect(page.getByRole('button', { name: 'User menu for sam' })).toBeVisible()

  await page.getByRole('button', { name: 'User menu for sam' }).click()
  await page.getByRole('menuitem', { name: 'Sign out' }).click()
  await expect(page.getByText('You last signed in with Demo identity provider.')).toBeVisible()
})

test('cancelled at the demo identity provider: the panel says the sign-in did not finish', async ({
  page,
}) => {
  await page.goto('/sign-in')
  await page.getByRole('link', { name: 'Sign in with Demo identity provider' }).click()
  await page.getByRole('button', { name: 'Cancel' }).click()
  await expect(page.getByText(/did not finish/)).toBeVisible()
})
