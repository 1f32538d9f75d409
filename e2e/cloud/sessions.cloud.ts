import type { Page } from '@playwright/test'
import { expect, sawSignIn, signIn, signInAndWait, test, watchSignIn } from '../fixtures'
import { cleanUp, glanceAs, imageOf, keystoneSees, runId } from './world'

/**
 * Sessions across tabs on the real cloud (docs/sessions.md), through nginx and two instances: a
 * link opened in a new tab, sign-out in every tab, a project switch followed by every tab, and what
 * Keystone itself says of the tokens left behind.
 */
const name = `${runId} sessions image in RegionOne`
let imageId = ''

test.beforeAll(async () => {
  imageId = (await imageOf('alice', 'producer', 'RegionOne', { name })).id
})
test.afterAll(cleanUp)

/** The token a tab holds: its sessionStorage `isp-session`, where the panel keeps it. */
async function tokenOf(page: Page) {
  return page.evaluate(() => {
    const raw = sessionStorage.getItem('isp-session')
    return raw === null ? null : (JSON.parse(raw) as { token?: string }).token
  })
}

test('a deep link opened in a new tab is signed in and shows its image', async ({
  page,
  context,
}) => {
  await signInAndWait(page, 'alice')
  const token = await tokenOf(page)
  expect(token).toBeTruthy()

  // As if pasted or middle-clicked: the detail page, straight, in another tab of the browser.
  const tab = await context.newPage()
  await watchSignIn(tab)
  await tab.goto(`/images/${imageId}?region=RegionOne`)
  await expect(tab.getByRole('heading', { level: 1 })).toHaveText(name)
  await expect(tab.getByRole('button', { name: 'User menu for alice' })).toBeVisible()
  expect(new URL(tab.url()).pathname).toBe(`/images/${imageId}`)
  expect(await sawSignIn(tab)).toBe(false)
  // The tab holds the session itself now: the same token, in its own sessionStorage.
  expect(await tokenOf(tab)).toBe(token)
  await tab.reload()
  await expect(tab.getByRole('heading', { level: 1 })).toHaveText(name)
  expect(await sawSignIn(tab)).toBe(false)
})

test('signing out in one tab signs out the other and Keystone revokes the token', async ({
  page,
  context,
}) => {
  await signInAndWait(page, 'alice')
  const tab = await context.newPage()
  await tab.goto('/images')
  await expect(tab.getByRole('button', { name: 'User menu for alice' })).toBeVisible()

  const token = (await tokenOf(page)) ?? ''
  expect(token).not.toBe('')
  expect(await tokenOf(tab)).toBe(token)
  // Alive before: the check below can tell a revoked token from one it cannot see.
  expect(await keystoneSees(token)).toEqual({ validate: 200, catalog: 200 })

  await tab.getByRole('button', { name: 'User menu for alice' }).click()
  await tab.getByRole('menuitem', { name: 'Sign out' }).click()
  await expect(tab.getByText('You have signed out.')).toBeVisible()

  await expect(page.getByText('You have signed out.')).toBeVisible()
  await expect(page).toHaveURL(/\/sign-in/)
  expect(await tokenOf(page)).toBeNull()
  await expect.poll(() => keystoneSees(token)).toEqual({ validate: 404, catalog: 401 })

  // Signed out for good: the panel asks for a password, not for another tab's session.
  await page.goto('/images')
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible()
})

test('a project switch revokes the old token and the other tab follows without a sign-in', async ({
  page,
  context,
}) => {
  const producer = (await glanceAs('carol', 'producer', 'RegionOne')).projectId
  const consumerB = (await glanceAs('carol', 'consumer-b', 'RegionOne')).projectId
  await signIn(page, 'carol')
  await page.getByRole('button', { name: 'producer' }).click()
  await expect(page.getByRole('heading', { name: 'Saved Images' })).toBeVisible()

  const tab = await context.newPage()
  await watchSignIn(tab)
  await tab.goto('/images')
  const tabProject = tab.getByLabel('Project', { exact: true })
  await expect(tabProject).toHaveValue(producer)
  const old = (await tokenOf(page)) ?? ''
  expect(old).not.toBe('')
  expect(await tokenOf(tab)).toBe(old)
  expect(await keystoneSees(old)).toEqual({ validate: 200, catalog: 200 })

  await page.getByLabel('Project', { exact: true }).selectOption({ label: 'consumer-b' })
  await expect(page.getByText('Switched to project consumer-b')).toBeVisible()
  const fresh = (await tokenOf(page)) ?? ''
  expect(fresh).not.toBe('')
  expect(fresh).not.toBe(old)

  // The other tab moves to the new session: its picker, its token, still carol, never signed out.
  await expect(tabProject).toHaveValue(consumerB)
  await expect(tabProject.getByRole('option', { name: 'consumer-b', selected: true })).toHaveCount(
    1,
  )
  await expect.poll(() => tokenOf(tab)).toBe(fresh)
  await expect(tab.getByRole('button', { name: 'User menu for carol' })).toBeVisible()
  await expect(tab.getByRole('heading', { name: 'Saved Images' })).toBeVisible()
  expect(await sawSignIn(tab)).toBe(false)

  await expect.poll(() => keystoneSees(old)).toEqual({ validate: 404, catalog: 401 })
  expect(await keystoneSees(fresh)).toEqual({ validate: 200, catalog: 200 })
})
