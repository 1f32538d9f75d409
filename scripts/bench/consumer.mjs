// Prints what issue 5 asks to measure, in a real browser (numbers only, no assertions):
//  (a) the API requests behind the pending-shares banner on a page load of Saved Images (requests
//      with member_status=pending, and all API requests of the load), for one region and for
//      "All regions";
//  (b) how long a consumer's accept takes to show: from the click on Accept on /review until the
//      row says Accepted, the header counter drops, Glance has answered, the banner on Saved Images
//      shows one less, and the image is listed in Saved Images (reached in the app, as a user
//      would, with an exact-name search).
// Usage:
//   demo:  npm run build && npx vite preview --port 4179
//          node scripts/bench/consumer.mjs http://127.0.0.1:4179
//   cloud: npm run cloud:up && npm run preview:cloud -- --port 4180
//          node scripts/bench/consumer.mjs http://127.0.0.1:4180 --cloud
//   node scripts/bench/consumer.mjs [baseUrl] [user] [password] [image name] [--cloud]
// Without an image name the first named image on /review is accepted. With --cloud (reads
// the cloud's cloud.json, see scripts/cloud/state.ts) the script first makes a fresh share as alice in RegionOne and in RegionTwo
// with the user's project through Keystone and Glance directly, accepts the RegionOne one, and
// deletes both images at the end.
/* global window, document, MutationObserver -- used in code that runs in the page */
import { chromium } from '@playwright/test'
import { projectToken, readCloud } from './local-cloud.mjs'

const args = process.argv.slice(2)
const cloud = args.includes('--cloud')
const [base = 'http://127.0.0.1:4179', user = 'bob', password = `${user}-demo`, givenName] =
  args.filter((a) => a !== '--cloud')

/** Alice's fresh shares with the user's project on the local cloud, and how to take them back. */
async function makeShares() {
  const c = readCloud()
  const auth = (name, pass, project) => projectToken(c, name, pass, project)
  const consumer = await auth(user, password, c.users[user].project)
  const alice = await auth('alice', c.users.alice.password, 'producer')
  const glance = async (region, method, path, body) => {
    const r = await fetch(`${c.regions[region]}/v2${path}`, {
      method,
      headers: { 'X-Auth-Token': alice.token, 'Content-Type': 'application/json' },
      body: body && JSON.stringify(body),
    })
    if (!r.ok) throw new Error(`${method} ${path} in ${region}: ${r.status}`)
    return r.status === 204 ? null : r.json()
  }
  const stamp = `bench-${Date.now().toString(36)}`
  const made = []
  for (const region of ['RegionOne', 'RegionTwo']) {
    const image = await glance(region, 'POST', '/images', {
      name: `${stamp} consumer accept ${region}`,
      disk_format: 'qcow2',
      container_format: 'bare',
      visibility: 'shared',
    })
    await glance(region, 'POST', `/images/${image.id}/members`, { member: consumer.projectId })
    made.push({ region, id: image.id, name: image.name })
  }
  return {
    name: made[0].name,
    cleanUp: async () => {
      for (const m of made) await glance(m.region, 'DELETE', `/images/${m.id}`).catch(() => null)
    },
  }
}

const imagesText = (n) => `${n} image${n === 1 ? '' : 's'} shared with you`

const share = cloud ? await makeShares() : undefined

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
})
const page = await browser.newPage()
let api = []
// Keystone and Glance calls only (the demo cloud's, or the proxy's), not scripts and styles.
const isApi = (u) => /\/(demo-cloud|proxy)\//.test(u.pathname) || /:(5000|929\d)$/.test(u.host)
page.on('request', (r) => {
  const u = new URL(r.url())
  if (isApi(u)) api.push(`${r.method()} ${u.pathname}${u.search}`)
})

try {
  await page.goto(`${base}/sign-in`)
  await page.getByLabel('User name').fill(user)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('heading', { name: 'Saved Images' }).waitFor()

  const banner = page.getByRole('region', { name: 'Shares waiting for your answer' })
  const counter = page.getByRole('link', { name: /^Review \d+ images? shared with you$/ })

  async function countLoad(label) {
    await page.waitForLoadState('networkidle')
    api = []
    const t = performance.now()
    await page.goto(`${base}/images`)
    await banner.getByText(/images? shared with you/).waitFor()
    const ms = performance.now() - t
    await page.waitForLoadState('networkidle')
    const pending = api.filter((r) => r.includes('member_status=pending'))
    const text = (await banner.innerText()).replace(/\s+/g, ' ').trim()
    console.log(
      `Saved Images, ${label}: ${pending.length} member_status=pending requests of ${api.length} API requests; banner after ${ms.toFixed(0)} ms: “${text}”`,
    )
    for (const r of api) console.log(`  ${r}`)
  }

  const region = page.getByLabel('Region', { exact: true })
  const oneRegion = await region.inputValue()
  await countLoad(`region ${oneRegion}`)
  await region.selectOption('all')
  await countLoad('All regions')
  // The accept is measured in one region, where the banner counts what /review lists.
  await region.selectOption(oneRegion)

  await page.waitForLoadState('networkidle')
  await page.goto(`${base}/review`)
  const review = page.getByRole('table', { name: 'Images waiting for your answer' })
  await review.getByRole('row').nth(1).waitFor()
  // A nameless image can't be found by an exact-name search: take the first one with a name.
  const listed = (await review.getByRole('row').getByRole('link').allInnerTexts()).map((t) =>
    t.trim(),
  )
  const name = share?.name ?? givenName ?? listed.find((t) => !t.startsWith('(no name)'))
  if (!name) throw new Error(`no named image to accept on /review: ${listed.join(', ')}`)
  const row = review.getByRole('row').filter({ hasText: name })
  const countBefore = Number((await counter.innerText()).match(/\d+/)?.[0] ?? NaN)
  const countAfter = countBefore - 1
  await page.waitForLoadState('networkidle')

  // Timed inside the page (one clock, no polling delay): from the click on Accept until the
  // header counter says one less, the row's result says Accepted, and Glance's PUT has answered.
  await page.evaluate(
    ({ name, after }) => {
      const marks = {}
      window.__benchMarks = marks
      let t0
      document.addEventListener('click', () => (t0 = performance.now()), {
        capture: true,
        once: true,
      })
      const check = () => {
        if (t0 === undefined) return
        const at = performance.now() - t0
        const counter = document.querySelector('a[aria-label$=" shared with you"]')
        const n = Number(counter?.getAttribute('aria-label')?.match(/\d+/)?.[0] ?? 0)
        if (marks.counter === undefined && n === after) marks.counter = at
        const table = document.querySelector('table[aria-label="Images waiting for your answer"]')
        const row = [...(table?.rows ?? [])].find((r) => r.textContent.includes(name))
        if (marks.row === undefined && row?.textContent.includes('Accepted')) marks.row = at
        const put = performance
          .getEntriesByType('resource')
          .find((e) => e.name.includes('/members/') && e.startTime >= t0)
        if (marks.put === undefined && put?.responseEnd) marks.put = put.responseEnd - t0
      }
      new MutationObserver(check).observe(document.body, {
        subtree: true,
        childList: true,
        characterData: true,
        attributes: true,
      })
    },
    { name, after: countAfter },
  )
  const t0 = performance.now()
  const since = () => (performance.now() - t0).toFixed(0)
  await row.getByRole('button', { name: `Accept ${name}` }).click()
  await row.getByText('Accepted').waitFor()
  if (countAfter > 0) {
    await page
      .getByRole('link', { name: `Review ${imagesText(countAfter)}`, exact: true })
      .waitFor()
  } else {
    await counter.waitFor({ state: 'detached' })
  }
  await page.waitForLoadState('networkidle')
  const marks = await page.evaluate(() => window.__benchMarks)
  const ms = (v) => (v === undefined ? '?' : v.toFixed(0))

  // Then the user goes to Saved Images in the app and looks the image up.
  const t1 = performance.now()
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Saved Images' })
    .click()
  if (countAfter > 0) {
    await banner.getByText(imagesText(countAfter)).waitFor()
  } else {
    await page.getByRole('heading', { name: 'Saved Images' }).waitFor()
    await banner.waitFor({ state: 'detached' })
  }
  const tBanner = (performance.now() - t1).toFixed(0)
  await page.getByLabel('Search by name').fill(name)
  await page.getByRole('checkbox', { name: 'Exact name' }).check()
  await page.getByLabel('Search by name').press('Enter')
  await page
    .getByRole('table', { name: 'Saved Images' })
    .getByRole('row')
    .filter({ hasText: name })
    .getByRole('cell', { name: 'Shared Image', exact: true })
    .waitFor()
  const tList = (performance.now() - t1).toFixed(0)
  console.log(`Accept “${name}” (${countBefore} pending before), from the click:`)
  console.log(`  header counter shows ${countAfter} after ${ms(marks.counter)} ms`)
  console.log(`  Glance answered the PUT after ${ms(marks.put)} ms`)
  console.log(`  row result says Accepted after ${ms(marks.row)} ms`)
  console.log(`Then Saved Images, reached with the main navigation's link (from that click):`)
  console.log(`  banner shows ${countAfter} after ${tBanner} ms`)
  console.log(
    `  listed with Source “Shared Image” after ${tList} ms (includes typing an exact-name search)`,
  )
  console.log(`Whole run from the Accept click: ${since()} ms`)
} finally {
  await browser.close()
  await share?.cleanUp()
}
