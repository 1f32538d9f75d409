// Screenshots of the main pages on the demo cloud, as a user sees them: light and dark at 1280 px,
// and both at 360 px (a phone). Look at them before calling a screen done.
//   node scripts/screenshots.mjs [--dist dist] [--out /tmp/isp-shots] [--only name,name]
// Builds the checkout into a private folder unless --dist names a demo build.
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { launchBrowser, signIn, detailPathOf } from './bench/first-rows.mjs'
import { buildDemo, serveDemo } from './bench/demo-server.mjs'

const { values } = parseArgs({
  options: {
    dist: { type: 'string' },
    out: { type: 'string', default: '/tmp/isp-shots' },
    only: { type: 'string' },
    port: { type: 'string', default: '4186' },
  },
})
const dir = resolve('.')
const out = resolve(values.out)
mkdirSync(out, { recursive: true })
const base = `http://127.0.0.1:${values.port}`
const only = values.only?.split(',')

const passwords = { alice: 'alice-demo', bob: 'bob-demo', admin: 'admin-demo' }

/** db-snapshot-golden's page with its Share Image dialog open. */
async function openShareDialog(page) {
  const path = await detailPathOf(page, base, 'db-snapshot-golden')
  await page.goto(`${base}${path}`)
  await page.getByRole('button', { name: 'Share Image' }).click()
  return page.getByRole('dialog', { name: 'Share Image' })
}

/** Each shot: who signs in, where they go, and what to wait for or open. */
const shots = [
  { name: 'sign-in', user: null, go: async (page) => page.goto(`${base}/sign-in`) },
  {
    name: 'saved-images',
    user: 'alice',
    go: async (page) => {
      await page.goto(`${base}/images`)
      await page.getByRole('table', { name: 'Saved Images' }).getByRole('row').nth(1).waitFor()
    },
  },
  {
    name: 'image-detail',
    user: 'alice',
    go: async (page) => {
      const path = await detailPathOf(page, base, 'db-snapshot-golden')
      await page.goto(`${base}${path}`)
      await page.getByRole('heading', { name: 'Image Sharing' }).waitFor()
      await page.getByRole('table').last().getByRole('row').nth(1).waitFor()
    },
  },
  {
    name: 'share-dialog',
    user: 'alice',
    go: async (page) => {
      const dialog = await openShareDialog(page)
      await dialog.getByRole('textbox', { name: 'Project IDs' }).fill('not-a-project-id')
    },
  },
  {
    name: 'share-checks',
    user: 'alice',
    go: async (page) => {
      const dialog = await openShareDialog(page)
      await dialog.getByRole('textbox', { name: 'Project IDs' }).fill('ab'.repeat(16))
      await dialog.getByText(/^What the projects see about you/).click()
      await dialog.getByRole('textbox', { name: 'Note for them (optional)' }).fill('Ask in #builds')
    },
  },
  {
    name: 'search',
    user: 'alice',
    go: async (page) => {
      await page.goto(`${base}/images?q=ubuntu`)
      await page.getByText(/^Searched all/).waitFor()
    },
  },
  {
    name: 'shared-with-me',
    user: 'bob',
    go: async (page) => {
      await page.goto(`${base}/images?view=shared`)
      await page.getByRole('region', { name: 'Your project ID' }).waitFor()
      await page.getByRole('table', { name: 'Saved Images' }).getByRole('row').nth(1).waitFor()
    },
  },
  {
    name: 'review',
    user: 'bob',
    go: async (page) => {
      await page.goto(`${base}/review`)
      await page.getByRole('heading', { level: 1 }).waitFor()
      await page.getByRole('table').first().getByRole('row').nth(1).waitFor()
    },
  },
  {
    name: 'user-menu',
    user: 'bob',
    go: async (page) => {
      await page.goto(`${base}/images`)
      await page.getByRole('button', { name: /^User menu/ }).click()
      await page.getByRole('menu').waitFor()
    },
  },
  {
    name: 'inspect',
    user: 'admin',
    go: async (page) => {
      const path = await detailPathOf(page, base, 'db-snapshot-golden')
      const id = path.split('?')[0].split('/').at(-1)
      await page.goto(`${base}/inspect?image=${id}`)
      await page
        .getByRole('heading', { name: /Members/ })
        .first()
        .waitFor()
    },
  },
]

const variants = [
  { label: 'light', colorScheme: 'light', width: 1280 },
  { label: 'dark', colorScheme: 'dark', width: 1280 },
  { label: 'light-360', colorScheme: 'light', width: 360 },
  { label: 'dark-360', colorScheme: 'dark', width: 360 },
]

const dist = buildDemo(dir, values.dist)
const stop = await serveDemo(dir, dist, values.port)
const browser = await launchBrowser()
try {
  for (const variant of variants) {
    for (const shot of shots.filter((s) => !only || only.includes(s.name))) {
      // A context of its own: a fresh demo world (it lives in the page's storage) and no session.
      const context = await browser.newContext({
        viewport: { width: variant.width, height: variant.width === 360 ? 740 : 900 },
        colorScheme: variant.colorScheme,
      })
      const page = await context.newPage()
      try {
        if (shot.user) await signIn(page, base, shot.user, passwords[shot.user])
        await shot.go(page)
        await page.waitForLoadState('networkidle')
        const file = `${out}/${shot.name}-${variant.label}.png`
        await page.screenshot({ path: file, fullPage: true })
        console.log(file)
      } catch (e) {
        console.error(`${shot.name} (${variant.label}): ${e.message.split('\n')[0]}`)
      }
      await context.close()
    }
  }
} finally {
  await browser.close()
  stop()
}
