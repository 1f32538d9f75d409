import { readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { totpCode } from '~mocks/totp'
import { cloudFile } from '../../scripts/cloud/state.ts'
import { expect, test } from '../fixtures'
import { passwordAuth } from '~/api/keystone'
import { passwords } from '../fixtures'
import { tokenInCookie } from './stack'
import { authUrl, cleanUp, imageOf, keystoneSees, runId } from './world'

/**
 * Every way in besides a password, on Debian's Keystone through nginx and two `serve` instances:
 * a passcode after the password (Keystone's MFA rules and auth receipts), a passcode alone, an
 * application credential, and Web SSO through the test cloud's identity provider (a login page
 * in front of Keystone's `mapped` WebSSO path). Codes are computed here (RFC 6238), as an
 * authenticator app would.
 */

type Cloud = {
  receiptExpirationSeconds: number
  totpUsers: Record<string, { password: string; totpSecret: string; projects: string[] }>
  applicationCredentials: Record<
    string,
    { id: string; name: string; secret: string; projectId: string }
  >
}
const cloud = JSON.parse(readFileSync(cloudFile(), 'utf8')) as Cloud
const mia = cloud.totpUsers.mia
const tess = cloud.totpUsers.tess
const restricted = cloud.applicationCredentials['alice-ci']
const unrestricted = cloud.applicationCredentials['alice-admin-tools']
if (!mia || !tess || !restricted || !unrestricted) {
  throw new Error('cloud.json lacks the sign-in methods’ users: run npm run cloud:up again')
}

test.afterAll(cleanUp)

/** Saved Images lists the image: Glance took the session's token (an application credential's roles). */
async function listed(page: Page, name: string) {
  await expect(
    page.getByRole('table', { name: 'Saved Images' }).getByRole('row').filter({ hasText: name }),
  ).toBeVisible()
}

const form = (page: Page) => page.getByRole('form', { name: 'Sign in' })

async function choose(page: Page, method: 'Password' | 'Passcode' | 'Application credential') {
  await page.getByRole('radio', { name: method, exact: true }).check()
}

async function passwordFirst(page: Page, next = '/sign-in') {
  await page.goto(next)
  await form(page).getByLabel('User name').fill('mia')
  await form(page)
    .getByLabel('Password', { exact: true })
    .fill(mia?.password ?? '')
  await form(page).getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByLabel('Passcode')).toBeFocused()
}

test('mia signs in with her password, then the passcode of her authenticator; a wrong one is said and may be tried again', async ({
  page,
  context,
}) => {
  await passwordFirst(page)
  await expect(page.getByText(/second factor for mia/)).toBeVisible()

  await page.getByLabel('Passcode').fill('000000')
  await page.getByRole('button', { name: 'Verify' }).click()
  await expect(page.getByRole('alert')).toContainText('That passcode is not right')
  await expect(page.getByLabel('Passcode')).toHaveValue('')

  await page.getByLabel('Passcode').fill(await totpCode(mia.totpSecret))
  await page.getByRole('button', { name: 'Verify' }).click()
  // Two projects: she chooses, as after a password sign-in.
  await page.getByRole('button', { name: 'consumer-b' }).click()
  await expect(page.getByRole('heading', { name: 'Saved Images' })).toBeVisible()

  // Her token says both factors; sign-out revokes it.
  const token = await tokenInCookie(context)
  const body = (await (
    await fetch(`${authUrl}/auth/tokens`, {
      headers: { 'X-Auth-Token': token, 'X-Subject-Token': token },
    })
  ).json()) as { token: { methods: string[] } }
  expect(body.token.methods).toEqual(expect.arrayContaining(['password', 'totp']))
  await page.getByRole('button', { name: 'User menu for mia' }).click()
  await page.getByRole('menuitem', { name: 'Sign out' }).click()
  await expect.poll(() => keystoneSees(token)).toEqual({ validate: 404, catalog: 401 })
})

test('once Keystone’s receipt has expired, the sign-in starts again at the password, saying why, the user name kept', async ({
  page,
}) => {
  // Waits out Keystone's receipt: its lifetime, and the usual time for the steps around it.
  test.setTimeout((cloud.receiptExpirationSeconds + 60) * 1000)
  const started = Date.now()
  await passwordFirst(page)
  // Keystone holds the first step [receipt] expiration seconds (cloud:up sets it short for this).
  await expect
    .poll(() => Date.now(), { timeout: (cloud.receiptExpirationSeconds + 30) * 1000 })
    .toBeGreaterThan(started + (cloud.receiptExpirationSeconds + 1) * 1000)
  await page.getByLabel('Passcode').fill(await totpCode(mia.totpSecret))
  await page.getByRole('button', { name: 'Verify' }).click()
  await expect(page.getByText(/time to finish signing in ran out/)).toBeVisible()
  await expect(form(page).getByLabel('User name')).toHaveValue('mia')
  await expect(form(page).getByLabel('Password', { exact: true })).toHaveValue('')
})

test('tess signs in with a passcode alone, straight into her one project', async ({ page }) => {
  await page.goto('/sign-in')
  await choose(page, 'Passcode')
  await form(page).getByLabel('User name').fill('tess')
  await form(page)
    .getByLabel('Passcode')
    .fill(await totpCode(tess.totpSecret))
  await form(page).getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('heading', { name: 'Saved Images' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'User menu for tess' })).toBeVisible()
})

test('an application credential signs in to its project, which cannot be switched; the sign-in page then opens on that method', async ({
  page,
  context,
}) => {
  const name = `${runId} for the credential`
  await imageOf('alice', 'producer', 'RegionOne', { name })
  await page.goto('/sign-in')
  await choose(page, 'Application credential')
  await form(page).getByLabel('Application credential ID').fill(restricted.id)
  await form(page).getByLabel('Secret').fill('not-the-secret')
  await form(page).getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('alert')).toContainText('application credential was refused')
  // What was typed stays, except the secret.
  await expect(form(page).getByLabel('Application credential ID')).toHaveValue(restricted.id)
  await expect(form(page).getByLabel('Secret')).toHaveValue('')

  await form(page).getByLabel('Secret').fill(restricted.secret)
  await form(page).getByRole('button', { name: 'Sign in' }).click()
  await listed(page, name)
  // No project to switch to: the header says why instead.
  await expect(page.getByRole('combobox', { name: 'Project' })).toHaveCount(0)
  await page.getByRole('button', { name: 'Project: producer (fixed)' }).click()
  await expect(page.getByText(/application credential “alice-ci”/)).toBeVisible()

  const token = await tokenInCookie(context)
  await page.getByRole('button', { name: 'User menu for alice' }).click()
  await page.getByRole('menuitem', { name: 'Sign out' }).click()
  await expect.poll(() => keystoneSees(token)).toEqual({ validate: 404, catalog: 401 })
  // The sign-in page remembers the method (never the secret).
  await expect(page.getByRole('radio', { name: 'Application credential' })).toBeChecked()
  await expect(form(page).getByLabel('Secret')).toHaveValue('')
})

test('an application credential by name, user and domain', async ({ page }) => {
  const name = `${runId} by name`
  await imageOf('alice', 'producer', 'RegionOne', { name })
  await page.goto('/sign-in')
  await choose(page, 'Application credential')
  await page.getByRole('radio', { name: 'By name' }).check()
  await form(page).getByLabel('Application credential name').fill(unrestricted.name)
  await form(page).getByLabel('User name').fill('alice')
  await form(page).getByLabel('Secret').fill(unrestricted.secret)
  await form(page).getByRole('button', { name: 'Sign in' }).click()
  await listed(page, name)
})

test('an application credential deleted since it was handed out is refused in words', async ({
  page,
}) => {
  // alice makes one and deletes it, as a user rotating credentials would.
  const { token, body } = await passwordAuth(authUrl, {
    username: 'alice',
    password: passwords.alice ?? '',
    domain: 'Default',
    project: 'producer',
  })
  const at = `${authUrl}/users/${body.user.id}/application_credentials`
  const made = await fetch(at, {
    method: 'POST',
    headers: { 'X-Auth-Token': token, 'Content-Type': 'application/json' },
    body: JSON.stringify({ application_credential: { name: `${runId}-gone` } }),
  })
  expect(made.status).toBe(201)
  const { application_credential: gone } = (await made.json()) as {
    application_credential: { id: string; secret: string }
  }
  const deleted = await fetch(`${at}/${gone.id}`, {
    method: 'DELETE',
    headers: { 'X-Auth-Token': token },
  })
  expect(deleted.status).toBe(204)

  await page.goto('/sign-in')
  await choose(page, 'Application credential')
  await form(page).getByLabel('Application credential ID').fill(gone.id)
  await form(page).getByLabel('Secret').fill(gone.secret)
  await form(page).getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('alert')).toContainText('expired or been deleted')
})

test('Web SSO through the identity provider lands on the page the link was for, and the page remembers the way in', async ({
  page,
}) => {
  // A deep link, opened signed out: it must survive the trip to the identity provider and back.
  await page.goto('/review')
  await expect(page).toHaveURL(/\/sign-in\?next=%2Freview/)
  await page.getByRole('link', { name: 'Sign in with Test identity provider' }).click()
  await expect(page.getByRole('heading', { name: 'Test identity provider' })).toBeVisible()
  await page.getByLabel('User name').fill('sam')
  await page.getByRole('button', { name: 'Sign in' }).click()
  // Keystone's page posts the token to the panel, which hands it to this tab.
  await expect(page).toHaveURL(/\/review$/)
  await expect(page.getByRole('button', { name: 'User menu for sam' })).toBeVisible()
  expect(page.url()).not.toContain('token')

  await page.getByRole('button', { name: 'User menu for sam' }).click()
  await page.getByRole('menuitem', { name: 'Sign out' }).click()
  await expect(page.getByText('You last signed in with Test identity provider.')).toBeVisible()
})

test('Web SSO cancelled at the identity provider: the panel says it did not finish', async ({
  page,
}) => {
  await page.goto('/sign-in')
  await page.getByRole('link', { name: 'Sign in with Test identity provider' }).click()
  await page.getByRole('link', { name: 'Cancel' }).click()
  await expect(page.getByText(/did not finish/)).toBeVisible()
  await expect(form(page).getByLabel('User name')).toBeVisible()
})

test('Web SSO with an identity provider that never answers: back at the panel, words', async ({
  page,
}) => {
  await page.goto('/sign-in')
  await page.getByRole('link', { name: 'Sign in with Test identity provider' }).click()
  // The test identity provider takes this name and never answers, as a dead one would.
  await page.getByLabel('User name').fill('nobody-answers')
  const sent = page.waitForRequest(
    (r) => r.method() === 'POST' && r.url().startsWith('http://127.0.0.1:5099/'),
  )
  await page.getByRole('button', { name: 'Sign in' }).click({ noWaitAfter: true })
  await sent
  // The user gives up and comes back to the panel in the same tab.
  await page.goto('/sign-in')
  await expect(page.getByText(/did not finish/)).toBeVisible()
})

test('Web SSO refused by Keystone (this origin is not a trusted dashboard): back at the panel, words', async ({
  page,
}) => {
  // The same panel at an origin Keystone's [federation] trusted_dashboard does not list.
  await page.goto('http://127.0.0.1:4183/sign-in')
  await page.getByRole('link', { name: 'Sign in with Test identity provider' }).click()
  await page.getByLabel('User name').fill('sam')
  await page.getByRole('button', { name: 'Sign in' }).click()
  // Keystone's own answer, at Keystone's address: the panel cannot word it.
  await expect(page.getByText(/401|Unauthorized/).first()).toBeVisible()
  await page.goBack()
  await page.goBack()
  await expect(page).toHaveURL(/127\.0\.0\.1:4183\/sign-in/)
  await expect(page.getByText(/did not finish/)).toBeVisible()
  await expect(page.getByText(/trusted_dashboard/)).toBeVisible()
})

test('a forged Web SSO post (another site’s token) signs nobody in', async ({ page, browser }) => {
  // sam's token, posted to the receiver by a page the user never asked to sign in from.
  const idp = await browser.newContext()
  const attacker = await idp.newPage()
  await attacker.goto('/sign-in')
  await attacker.getByRole('link', { name: 'Sign in with Test identity provider' }).click()
  const keystoneForm = attacker.waitForRequest(
    (r) => r.method() === 'POST' && r.url().endsWith('/session/websso'),
  )
  await attacker.getByLabel('User name').fill('mallory')
  await attacker.getByRole('button', { name: 'Sign in' }).click()
  const token = new URLSearchParams((await keystoneForm).postData() ?? '').get('token')
  await idp.close()
  expect(token).toBeTruthy()

  // The victim's browser is made to post it: a form on another origin, auto-submitted.
  await page.setContent(
    `<form method="post" action="http://127.0.0.1:4180/session/websso"><input name="token" value="${token ?? ''}"></form>`,
  )
  await page.locator('form').evaluate((f: HTMLFormElement) => f.submit())
  await expect(page.getByText(/did not ask for/)).toBeVisible()
  await expect(page.getByRole('button', { name: /User menu/ })).toHaveCount(0)
  // Declined means revoked.
  await expect.poll(() => keystoneSees(token ?? '')).toEqual({ validate: 404, catalog: 401 })
})
