// Prints what issue 11 asks to measure of a page load, in a real browser (numbers only, no
// assertions), median of 5 cold loads (HTTP cache off) each, all times from navigation start:
//  - Saved Images: when the first Glance list request leaves, when the route chunk has loaded,
//    when the first rows show, and the API requests of one load;
//  - Image Detail (the list's link, and a deep link without a region): when the image, members
//    and project-name requests leave, when the image's name and its first member row show.
// Usage:
//   demo:  npm run build && npx vite preview --port 4760
//          node scripts/bench/first-rows.mjs http://127.0.0.1:4760
//   cloud: npm run cloud:up && npm run build:cloud &&
//          OS_AUTH_URL=<authUrl of cloud.json> PORT=4761 npm run serve
//          node scripts/bench/first-rows.mjs http://127.0.0.1:4761 --cloud
// With --cloud (reads the cloud's cloud.json, as scripts/cloud/state.ts) the script first makes an
// image of alice's in RegionOne shared with two projects, through Keystone and Glance directly,
// and deletes it at the end. On the demo cloud it opens alice's `app-server-2026.02`.
// scripts/bench/bench.mjs imports the measuring functions below.
/* global window, document, MutationObserver -- used in code that runs in the page */
import { pathToFileURL } from 'node:url'
import { chromium } from '@playwright/test'
import { projectToken, readCloud } from './local-cloud.mjs'

export const DEMO_USER = { name: 'alice', password: 'alice-demo' }

/** On the real cloud: an image of alice's with two members, and how to delete it. */
export async function makeCloudImage() {
  const c = readCloud()
  const auth = (name, pass, project) => projectToken(c, name, pass, project)
  const alice = await auth(DEMO_USER.name, c.users.alice.password, 'producer')
  const members = [
    await auth('bob', c.users.bob.password, c.users.bob.project),
    await auth('carol', c.users.carol.password, 'consumer-b'),
  ]
  const glance = async (method, path, body) => {
    const r = await fetch(`${c.regions.RegionOne}/v2${path}`, {
      method,
      headers: { 'X-Auth-Token': alice.token, 'Content-Type': 'application/json' },
      body: body && JSON.stringify(body),
    })
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status}`)
    return r.status === 204 ? null : r.json()
  }
  const image = await glance('POST', '/images', {
    name: `bench-${Date.now().toString(36)} first rows`,
    disk_format: 'qcow2',
    container_format: 'bare',
    visibility: 'shared',
  })
  for (const m of members)
    await glance('POST', `/images/${image.id}/members`, { member: m.projectId })
  return {
    id: image.id,
    region: 'RegionOne',
    password: c.users.alice.password,
    cleanUp: () => glance('DELETE', `/images/${image.id}`).catch(() => null),
  }
}

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  })
}

/** What the page watches for: a name → a selector, and how many matches count (1 by default). */
const SELECTORS = {
  listRows: 'table[aria-label="Saved Images"] tbody tr a[href^="/images/"]',
  detailName: 'main h1:not(:empty)',
  memberRows: 'main table tbody tr',
}

/**
 * A page whose every load is cold, as a first visit (no script or answer from the HTTP cache),
 * that notes when selectors first match and which Keystone and Glance requests it makes.
 * `watch` adds selectors: { name: selector } or { name: [selector, how many] }.
 */
export async function coldPage(browser, watch = {}) {
  const page = await browser.newPage()
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })

  // The moment each selector first matches, in the page's clock (ms since navigation start).
  await page.addInitScript(
    (selectors) => {
      const seen = {}
      window.__firstSeen = seen
      const check = () => {
        for (const [name, target] of Object.entries(selectors)) {
          if (seen[name] !== undefined) continue
          const [sel, count] = Array.isArray(target) ? target : [target, 1]
          const found =
            count === 1
              ? document.querySelector(sel)
              : document.querySelectorAll(sel).length >= count
          if (found) seen[name] = performance.now()
        }
      }
      new MutationObserver(check).observe(document, { childList: true, subtree: true })
    },
    { ...SELECTORS, ...watch },
  )

  let api = []
  // Keystone and Glance calls only (the demo cloud's, or the proxy's), not scripts and styles.
  const isApi = (u) => /\/(demo-cloud|proxy)\//.test(u.pathname) || /:(5000|929\d)$/.test(u.host)
  page.on('request', (r) => {
    const u = new URL(r.url())
    if (isApi(u)) api.push(`${r.method()} ${u.pathname}${u.search}`)
  })

  /** Page-clock times of the load: resource timings, and what showed when. */
  async function timings() {
    return page.evaluate(() => ({
      seen: window.__firstSeen,
      resources: performance
        .getEntriesByType('resource')
        .map((e) => ({ name: e.name, start: e.startTime, end: e.responseEnd })),
    }))
  }

  /** Load `url` cold, wait for `done` (run in the page) and for the network to settle. */
  async function load(url, done) {
    await page.waitForLoadState('networkidle', { timeout: 120_000 })
    api = []
    await page.goto(url)
    await page.waitForFunction(done, undefined, { timeout: 120_000 })
    await page.waitForLoadState('networkidle', { timeout: 120_000 })
    const t = await timings()
    return { ...t, requests: [...api] }
  }

  return { page, load }
}

export async function signIn(page, base, user = DEMO_USER.name, password = DEMO_USER.password) {
  await page.goto(`${base}/sign-in`)
  await page.getByLabel('User name').fill(user)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('heading', { name: 'Saved Images' }).waitFor()
}

/** The Image Detail path of the first image of that exact name, as Saved Images links it. */
export async function detailPathOf(page, base, name) {
  await page.goto(`${base}/images?q=${encodeURIComponent(name)}&match=exact`)
  return page.getByRole('link', { name }).first().getAttribute('href')
}

const firstStart = (res, re) => {
  const hits = res.filter((r) => re.test(new URL(r.name).pathname + new URL(r.name).search))
  return hits.length ? Math.min(...hits.map((r) => r.start)) : NaN
}
const firstEnd = (res, re) => {
  const hits = res.filter((r) => re.test(new URL(r.name).pathname))
  return hits.length ? Math.min(...hits.map((r) => r.end)) : NaN
}
export const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b)
  return s.length ? s[Math.floor(s.length / 2)] : NaN
}
export const ms = (x) => (Number.isFinite(x) ? `${x.toFixed(0)} ms` : '—')

const LIST = /\/v2\/images(\?|$)/
const IMAGE = /\/v2\/images\/[^/?]+(\?|$)/
const MEMBERS = /\/v2\/images\/[^/?]+\/members(\?|$)/
// A member's project name (the header's own project list is /v3/auth/projects).
const PROJECT = /\/v3\/projects\//

/**
 * `runs` cold loads of Saved Images at `path`: when the first list request left, the route chunk
 * loaded and the first rows showed, and the API requests of each load. `extra(load)` adds fields.
 */
export async function measureSavedImages(probe, base, runs, path = '/images', extra = () => ({})) {
  const out = []
  for (let i = 0; i < runs; i++) {
    const r = await probe.load(`${base}${path}`, () => window.__firstSeen?.listRows !== undefined)
    out.push({
      request: firstStart(r.resources, LIST),
      chunk: firstEnd(r.resources, /\/assets\/saved-images-[^/]*\.js$/),
      rows: r.seen.listRows,
      count: r.requests.length,
      ...(await extra(r)),
    })
  }
  return out
}

/**
 * `runs` cold loads of Image Detail at `path`: when the image, members and project-name requests
 * left, the route chunk loaded, the name and the first member row showed; API requests per load.
 */
export async function measureImageDetail(probe, base, runs, path, extra = () => ({})) {
  const out = []
  for (let i = 0; i < runs; i++) {
    const r = await probe.load(`${base}${path}`, () => window.__firstSeen?.memberRows !== undefined)
    out.push({
      image: firstStart(r.resources, IMAGE),
      members: firstStart(r.resources, MEMBERS),
      names: firstStart(r.resources, PROJECT),
      chunk: firstEnd(r.resources, /\/assets\/image-detail-[^/]*\.js$/),
      name: r.seen.detailName,
      rows: r.seen.memberRows,
      count: r.requests.length,
      ...(await extra(r)),
    })
  }
  return out
}

/** The median of field `key` over runs, as "123 ms". */
export const medianMs = (runs, key) => ms(median(runs.map((r) => r[key])))

async function main() {
  const args = process.argv.slice(2)
  const cloud = args.includes('--cloud')
  const [base = 'http://127.0.0.1:4760'] = args.filter((a) => a !== '--cloud')
  const RUNS = 5
  const made = cloud ? await makeCloudImage() : undefined
  const browser = await launchBrowser()
  try {
    const probe = await coldPage(browser)
    await signIn(probe.page, base, DEMO_USER.name, made?.password ?? DEMO_USER.password)
    const detailPath = made
      ? `/images/${made.id}?region=${made.region}`
      : await detailPathOf(probe.page, base, 'app-server-2026.02')
    const bare = detailPath.replace(/\?.*$/, '')

    const list = await measureSavedImages(probe, base, RUNS)
    const m = (runs, k) => medianMs(runs, k)
    console.log(`${cloud ? 'cloud' : 'demo'} ${base}, median of ${RUNS} cold loads:`)
    console.log(
      `Saved Images: first list request ${m(list, 'request')}, route chunk loaded ${m(list, 'chunk')}, first rows ${m(list, 'rows')}; API requests per load ${list.map((r) => r.count).join('/')}`,
    )
    for (const [label, path] of [
      ['Image Detail (list link)', detailPath],
      ['Image Detail (no region)', bare],
    ]) {
      const runs = await measureImageDetail(probe, base, RUNS, path)
      console.log(
        `${label}: image request ${m(runs, 'image')}, members request ${m(runs, 'members')}, names request ${m(runs, 'names')}, route chunk loaded ${m(runs, 'chunk')}, name shown ${m(runs, 'name')}, first member row ${m(runs, 'rows')}; API requests per load ${runs.map((r) => r.count).join('/')}`,
      )
    }
  } finally {
    await browser.close()
    await made?.cleanUp()
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main()
