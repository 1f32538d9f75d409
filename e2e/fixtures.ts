import AxeBuilder from '@axe-core/playwright'
import { test as base, expect, type Page } from '@playwright/test'

export { expect }

/** Every test ends with an axe check of the page it left open, on top of the checks it makes itself. */
export const test = base.extend<{ axeAfterEach: undefined }>({
  axeAfterEach: [
    async ({ page }, use, testInfo) => {
      await use(undefined)
      if (testInfo.status === testInfo.expectedStatus && !page.isClosed()) {
        await expectAccessible(page)
      }
    },
    { auto: true },
  ],
})

/** WCAG 2.1 A and AA, on every page and open dialog a test visits. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze()
  const violations = results.violations.map(
    (v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`,
  )
  expect(violations).toEqual([])
}

export const passwords: Record<string, string> = {
  alice: 'alice-demo',
  bob: 'bob-demo',
  carol: 'carol-demo',
  rita: 'rita-demo',
  admin: 'admin-demo',
  dave: 'dave-demo',
}

/** Fills and submits the sign-in form on the current page (goes to /sign-in when elsewhere). */
export async function signIn(
  page: Page,
  user: string,
  opts: { password?: string; project?: string; goto?: boolean } = {},
) {
  if (opts.goto !== false) await page.goto('/sign-in')
  await page.getByLabel('User name').fill(user)
  await page.getByLabel('Password').fill(opts.password ?? passwords[user] ?? '')
  if (opts.project) await page.getByLabel('Project', { exact: true }).fill(opts.project)
  await page.getByRole('button', { name: 'Sign in' }).click()
}

export async function signInAndWait(page: Page, user: string, project?: string) {
  await signIn(page, user, { project })
  await expect(page.getByRole('heading', { name: 'Saved Images' })).toBeVisible()
}

/** Waits until Saved Images has rows: no list request is still in flight to use up a planned fault. */
export async function imagesLoaded(page: Page) {
  await expect(
    page.getByRole('table', { name: 'Saved Images' }).getByRole('row').nth(1),
  ).toBeVisible()
}

/** The demo world's own controls (mocks/control): the same calls a person could make in the browser. */
export async function demoControl(page: Page, action: string, body: unknown = {}) {
  const status = await page.evaluate(
    async ({ action, body }) => {
      const r = await fetch(`/demo-cloud/_control/${action}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      })
      return r.status
    },
    { action, body },
  )
  expect(status).toBeLessThan(300)
}
