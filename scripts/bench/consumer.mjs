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
// Without an image name the first image on /review is accepted. With --cloud (reads
// .cloud/cloud.json) the script first makes a fresh share as alice in RegionOne and in RegionTwo
// with the user's project through Keystone and Glance directly, accepts the RegionOne one, and
// deletes both images at the end.
import { readFileSync } from 'node:fs'
import { chromium } from '@playwright/test'

const args = process.argv.slice(2)
const cloud = args.includes('--cloud')
const [base = 'http://127.0.0.1:4179', user = 'bob', password = `${user}-demo`, givenName] =
  args.filter((a) => a !== '--cloud')

/** Alice's fresh shares with the user's project on the local cloud, and how to take them back. */
async function makeShares() {
  const c = JSON.parse(readFileSync('.cloud/cloud.json', 'utf8'))
  const auth = async (name, pass, project) => {
    const r = await fetch(`${c.authUrl}/auth/tokens`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        auth: {
          identity: {
            methods: ['password'],
            password: { user: { name, domain: { name: c.domain }, password: pass } },
          },
          scope: { project: { name: project, domain: { name: c.domain } } },
        },
      }),
    })
    if (!r.ok) throw new Error(`sign-in of ${name} failed: ${r.status}`)
    return { token: r.headers.get('X-Subject-Token'), projectId: (await r.json()).token.project.id }
  }
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
const events = []
// Keystone and Glance calls only (the demo cloud's, or the proxy's), not scripts and styles.
const isApi = (u) => /\/(demo-cloud|proxy)\//.test(u.pathname) || /:(5000|929\d)$/.test(u.host)
page.on('request', (r) => {
  const u = new URL(r.url())
  if (isApi(u)) api.push(`${r.method()} ${u.pathname}${u.search}`)
})
page.on('response', (r) => {
  const u = new URL(r.url())
  if (isApi(u) && r.request().method() === 'PUT' && u.pathname.includes('/members/')) {
    events.push({ at: performance.now(), what: `${r.status()} PUT member` })
  }
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
  const name =
    share?.name ??
    givenName ??
    (await review.getByRole('row').nth(1).getByRole('link').first().innerText()).trim()
  const row = review.getByRole('row').filter({ hasText: name })
  const countBefore = Number((await counter.innerText()).match(/\d+/)?.[0] ?? NaN)
  await page.waitForLoadState('networkidle')
  events.length = 0

  const t0 = performance.now()
  const since = () => (performance.now() - t0).toFixed(0)
  await row.getByRole('button', { name: `Accept ${name}` }).click()
  await row.getByText('Accepted').waitFor()
  const tRow = since()
  const countAfter = countBefore - 1
  if (countAfter > 0) {
    await page
      .getByRole('link', { name: `Review ${imagesText(countAfter)}`, exact: true })
      .waitFor()
  } else {
    await counter.waitFor({ state: 'detached' })
  }
  const tCounter = since()
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
  const tBanner = since()
  await page.getByLabel('Search by name').fill(name)
  await page.getByLabel('Match', { exact: true }).selectOption('exact')
  await page.getByLabel('Search by name').press('Enter')
  await page
    .getByRole('table', { name: 'Saved Images' })
    .getByRole('row')
    .filter({ hasText: name })
    .getByRole('cell', { name: 'Shared Image', exact: true })
    .waitFor()
  const tList = since()
  await page.waitForLoadState('networkidle')
  const put = events.find((e) => e.what.includes('PUT'))
  console.log(`Accept “${name}” (${countBefore} pending before):`)
  console.log(`  row says Accepted on /review after ${tRow} ms`)
  console.log(`  header counter shows ${countAfter} after ${tCounter} ms`)
  console.log(
    `  Glance answered the PUT after ${put ? (put.at - t0).toFixed(0) : '?'} ms (${put?.what ?? 'none seen'})`,
  )
  console.log(`  Saved Images (in-app navigation) banner shows ${countAfter} after ${tBanner} ms`)
  console.log(`  listed in Saved Images with Source “Shared Image” after ${tList} ms`)
} finally {
  await browser.close()
  await share?.cleanUp()
}
