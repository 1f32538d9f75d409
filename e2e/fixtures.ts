import AxeBuilder from '@axe-core/playwright'
import { test as base, expect, type Locator, type Page } from '@playwright/test'

export { expect }

/**
 * Every test ends with an axe check of the page it left open, on top of the checks it makes
 * itself, and with no Content-Security-Policy violation in any of its pages: the panel runs
 * under a CSP without 'unsafe-eval' or inline scripts (server/security-headers.ts).
 */
export const test = base.extend<{ axeAfterEach: undefined; cspAfterEach: undefined }>({
  cspAfterEach: [
    async ({ context }, use, testInfo) => {
      const violations: string[] = []
      // Chromium reports every violation on the console, whichever page or worker it was in.
      context.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) violations.push(message.text())
      })
      await context.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => {
          console.error(
            `Content Security Policy violation: ${e.violatedDirective} blocked ${e.blockedURI}`,
          )
        })
      })
      await use(undefined)
      if (testInfo.status === testInfo.expectedStatus) expect(violations).toEqual([])
    },
    { auto: true },
  ],
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

/**
 * Chromium applies an emulated colour scheme a moment after emulateMedia returns: wait until a
 * light-dark() colour resolves to the scheme's side, or until the user's own theme overrides it.
 */
async function schemeApplied(page: Page, colorScheme: 'light' | 'dark') {
  await page.waitForFunction((dark) => {
    const probe = document.createElement('i')
    probe.style.color = 'light-dark(rgb(0, 0, 0), rgb(255, 255, 255))'
    document.body.append(probe)
    const resolved = getComputedStyle(probe).color
    probe.remove()
    // Nor is anything fading in: axe would weigh its colours at part opacity (spinners loop on).
    const settled = document
      .getAnimations()
      .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity)
    return (
      settled &&
      (document.documentElement.dataset.theme !== undefined ||
        resolved === (dark ? 'rgb(255, 255, 255)' : 'rgb(0, 0, 0)'))
    )
  }, colorScheme === 'dark')
}

/**
 * WCAG 2.1 A and AA, on every page and open dialog a test visits, in the light and the dark colour
 * scheme. label-content-name-mismatch (2.5.3: a control's visible words are part of its name, so
 * voice control finds it) is one of axe's experimental rules, so it is asked for by name.
 */
export async function expectAccessible(page: Page, opts: { targetSize?: boolean } = {}) {
  const wasDark = await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)
  const violations: string[] = []
  for (const colorScheme of ['light', 'dark'] as const) {
    // Reduced motion: no colour transition is half-way when axe reads the colours.
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' })
    await schemeApplied(page, colorScheme)
    // options() replaces all options, so it comes before withTags, which adds runOnly to them.
    const results = await new AxeBuilder({ page })
      .options({
        rules: {
          'label-content-name-mismatch': { enabled: true },
          // WCAG 2.2's 24 px touch targets, asked for where a finger is the pointer (narrow.e2e.ts).
          'target-size': { enabled: opts.targetSize === true },
        },
      })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze()
    // The rules asked for by name did run: a change of axe's options cannot drop them silently.
    const ran = [
      ...results.passes,
      ...results.violations,
      ...results.incomplete,
      ...results.inapplicable,
    ].map((r) => r.id)
    expect(ran).toContain('label-content-name-mismatch')
    if (opts.targetSize) expect(ran).toContain('target-size')
    violations.push(
      ...results.violations.map(
        (v) =>
          `${colorScheme}: ${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`,
      ),
    )
  }
  await page.emulateMedia({ colorScheme: wasDark ? 'dark' : 'light', reducedMotion: null })
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

/**
 * Another session of a demo user, made inside the page's world the way a CLI user would get one:
 * a token and its project ID from the demo Keystone.
 */
export async function demoTokenFor(page: Page, user: string, project: string) {
  const issued = await page.evaluate(
    async ({ user, password, project }) => {
      const r = await fetch('/demo-cloud/identity/v3/auth/tokens', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({
          auth: {
            identity: {
              methods: ['password'],
              password: { user: { name: user, domain: { name: 'Default' }, password } },
            },
            scope: { project: { name: project, domain: { name: 'Default' } } },
          },
        }),
      })
      const body = (await r.json()) as { token?: { project?: { id?: string } } }
      return {
        token: r.headers.get('X-Subject-Token') ?? '',
        projectId: body.token?.project?.id ?? '',
      }
    },
    { user, password: passwords[user] ?? '', project },
  )
  expect(issued.projectId).toMatch(/^[0-9a-f]{32}$/)
  return issued
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

/**
 * One Glance request with another session's token, inside the page's world: what a producer does
 * from the CLI while the page stays open. Returns the HTTP status.
 */
export async function demoGlance(
  page: Page,
  token: string,
  request: { method: string; path: string; region?: string; patch?: unknown },
) {
  return page.evaluate(
    async ({ token, method, path, region, patch }) => {
      const headers: Record<string, string> = { 'X-Auth-Token': token, Accept: 'application/json' }
      if (patch !== undefined)
        headers['Content-Type'] = 'application/openstack-images-v2.1-json-patch'
      const r = await fetch(`/demo-cloud/image/${region}/v2${path}`, {
        method,
        headers,
        body: patch === undefined ? undefined : JSON.stringify(patch),
      })
      return r.status
    },
    { token, ...request, region: request.region ?? 'RegionOne' },
  )
}

/** The image ID behind a link to an image's detail page (`/images/<id>?region=…`). */
export async function imageIdOf(link: Locator) {
  const href = (await link.getAttribute('href')) ?? ''
  const id = new URL(href, 'http://x').pathname.split('/').at(-1) ?? ''
  expect(id).toMatch(/^[0-9a-f-]{36}$/)
  return id
}

/** alice, the producer, changes her image from the CLI while bob's page stays open. */
export async function producerMakesPrivate(page: Page, imageId: string) {
  const alice = await demoTokenFor(page, 'alice', 'producer')
  const patch = [{ op: 'replace', path: '/visibility', value: 'private' }]
  expect(
    await demoGlance(page, alice.token, { method: 'PATCH', path: `/images/${imageId}`, patch }),
  ).toBe(200)
}

/** alice, the producer, takes bob's project off her image's members behind his page. */
export async function producerRemovesBob(page: Page, imageId: string) {
  const bobProject = (await demoTokenFor(page, 'bob', 'consumer-a')).projectId
  const alice = await demoTokenFor(page, 'alice', 'producer')
  expect(
    await demoGlance(page, alice.token, {
      method: 'DELETE',
      path: `/images/${imageId}/members/${bobProject}`,
    }),
  ).toBe(204)
}

/**
 * Records, from the first script of every document of the page, whether it ever showed the sign-in
 * page: "never, not even for a moment" rather than "not at the end". Read it with sawSignIn.
 */
export async function watchSignIn(page: Page) {
  await page.addInitScript(() => {
    const seen = { signIn: false }
    Object.assign(window, { __seen: seen })
    const look = () => {
      if (location.pathname.startsWith('/sign-in')) seen.signIn = true
    }
    look()
    new MutationObserver(look).observe(document, { childList: true, subtree: true })
  })
}
export const sawSignIn = (page: Page) =>
  page.evaluate(() => (window as unknown as { __seen: { signIn: boolean } }).__seen.signIn)

/** Finds an image on Saved Images by its name and opens its page, as a person does. */
export async function openImagePage(page: Page, name: string) {
  await page.getByLabel('Search by name').fill(name)
  await page.getByLabel('Search by name').press('Enter')
  await page
    .getByRole('table', { name: 'Saved Images' })
    .getByRole('link', { name, exact: true })
    .click()
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
}

/** Opens the Share Image dialog from the image's row menu on Saved Images. */
export async function openShareDialog(page: Page, imageName: string) {
  await page.getByLabel('Search by name').fill(imageName)
  await page.getByLabel('Search by name').press('Enter')
  await page.getByRole('button', { name: `Actions for ${imageName}` }).click()
  await page.getByRole('menuitem', { name: 'Share Image' }).click()
  const dialog = page.getByRole('dialog', { name: 'Share Image' })
  await expect(dialog).toBeVisible()
  return dialog
}

/** The Share dialog's result line for one project ID. */
export const shareResultFor = (page: Page, id: string) =>
  page
    .getByRole('dialog', { name: 'Share Image' })
    .getByRole('list', { name: 'Share results' })
    .getByRole('listitem')
    .filter({ hasText: id })

/**
 * Presses Share in the Share Image dialog, first confirming IDs the panel never saw (a user who
 * is not an admin must: nothing can check them).
 */
export async function shareNow(dialog: Locator) {
  const unseen = dialog.getByRole('checkbox', { name: /^I checked th/ })
  if ((await unseen.count()) > 0) await unseen.check()
  await dialog.getByRole('button', { name: 'Share', exact: true }).click()
}
