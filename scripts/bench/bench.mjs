// `npm run bench`: the panel at scale, in a real browser, numbers only (issue 11, item 8).
// Against the demo cloud's large world (`_control/reset?seed=large`, mocks/seed.ts largeSeed):
//  - Saved Images with 5,000 images in the project: navigation → first rows; then 1,000 rows
//    (?pages=40): time to render them, DOM nodes, and the cost of scrolling to the bottom
//    (frame times from requestAnimationFrame, long tasks from PerformanceObserver);
//  - Image Detail of an image with 1,000 members: navigation → first and last member row;
//  - sharing one image with 100 projects: through the UI (the app's bounded concurrency), and the
//    same 100 POSTs from the page with fetch, 4 at a time and one at a time;
//  - API requests per page load of each page, in the standard and the large world;
//  - against the local real cloud, when a panel answers there (`npm run cloud:panel`, :4180):
//    navigation → first list request and → first rows of Saved Images and Image Detail, beside
//    the demo cloud's figures for the same pages.
// Median of BENCH_RUNS (5) runs; the share figures of BENCH_SHARE_RUNS (3).
// Usage: npm run bench [-- --dir <checkout>] [--dist <built demo>] [--cloud-url <panel>]
//   --dir      the checkout to measure (default: this one); it is built into a private folder
//              with its own vite unless --dist names a build to serve
//   --cloud-url where the real-cloud panel answers (default http://127.0.0.1:4180); skipped if not
//   --json     also write the figures to this file
// Serves the build with `vite preview` on port 4301 (BENCH_PORT).
/* global window, document, requestAnimationFrame, getComputedStyle -- code run in the page */
import { existsSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import {
  coldPage,
  DEMO_USER,
  detailPathOf,
  launchBrowser,
  makeCloudImage,
  measureImageDetail,
  measureSavedImages,
  median,
  signIn,
} from './first-rows.mjs'
import { passwordAuth } from './local-cloud.mjs'
import { answers, buildDemo, resetWorld, serveDemo } from './demo-server.mjs'

const { values: opts } = parseArgs({
  options: {
    dir: { type: 'string', default: process.cwd() },
    dist: { type: 'string' },
    'cloud-url': { type: 'string', default: 'http://127.0.0.1:4180' },
    json: { type: 'string' },
  },
})
const dir = resolve(opts.dir)
const RUNS = Number(process.env.BENCH_RUNS ?? 5)
const SHARE_RUNS = Number(process.env.BENCH_SHARE_RUNS ?? 3)
const PORT = Number(process.env.BENCH_PORT ?? 4301)
const base = `http://127.0.0.1:${PORT}`
const started = Date.now()

/** The figures, in print order: [section, what, value, unit]. */
const rows = []
const put = (section, what, value, unit = 'ms') => {
  rows.push({ section, what, value, unit })
  const shown = Number.isFinite(value) ? value.toFixed(unit === 'ms' ? 0 : 1) : '—'
  console.error(`  ${section} · ${what}: ${shown} ${unit}`)
}
const med = (runs, key) => median(runs.map((r) => r[key]))
/** The median API requests of a page's loads. */
const putRequests = (section, what, runs) =>
  put(section, what, median(runs.map((r) => r.count)), 'requests')

/** Alice's token for producer, and what the share figures need, through the demo cloud's APIs. */
async function shareSetup(page) {
  const body = passwordAuth('Default', DEMO_USER.name, DEMO_USER.password, 'producer')
  return page.evaluate(async (body) => {
    const r = await fetch('/demo-cloud/identity/v3/auth/tokens?nocatalog', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    })
    const token = r.headers.get('X-Subject-Token')
    const glance = '/demo-cloud/image/RegionOne/v2'
    const get = async (path) =>
      (await fetch(`${glance}${path}`, { headers: { 'X-Auth-Token': token } })).json()
    const byName = async (name) => (await get(`/images?name=${name}`)).images[0]?.id
    const many = await byName('bench-1000-members')
    const target = await byName('bench-share-target')
    const members = many ? (await get(`/images/${many}/members`)).members : []
    return { token, glance, target, ids: members.slice(0, 100).map((m) => m.member_id) }
  }, body)
}

/** POST the members from the page with fetch, `limit` at a time: wall time, and failures. */
async function postMembers(page, setup, limit) {
  return page.evaluate(
    async ({ token, glance, target, ids, limit }) => {
      const t0 = performance.now()
      let next = 0
      let failed = 0
      const worker = async () => {
        while (next < ids.length) {
          const member = ids[next++]
          const r = await fetch(`${glance}/images/${target}/members`, {
            method: 'POST',
            headers: { 'X-Auth-Token': token, 'Content-Type': 'application/json' },
            body: JSON.stringify({ member }),
          })
          if (!r.ok) failed++
        }
      }
      await Promise.all(Array.from({ length: limit }, worker))
      return { wall: performance.now() - t0, failed }
    },
    { ...setup, limit },
  )
}

/** Scroll the page's scroller to the bottom, 400 px a frame: frame times and long tasks. */
async function scrollCost(page) {
  return page.evaluate(async () => {
    const candidates = [document.scrollingElement, ...document.querySelectorAll('main, main *')]
    const el =
      candidates.find(
        (e) =>
          e && e.scrollHeight > e.clientHeight + 10 && getComputedStyle(e).overflowY !== 'hidden',
      ) ?? document.scrollingElement
    el.scrollTop = 0
    const long = []
    const observer = new PerformanceObserver((list) =>
      long.push(...list.getEntries().map((e) => e.duration)),
    )
    observer.observe({ type: 'longtask' })
    const frame = () => new Promise((r) => requestAnimationFrame(r))
    await frame()
    const frames = []
    let last = performance.now()
    const t0 = last
    while (el.scrollTop + el.clientHeight < el.scrollHeight - 1) {
      el.scrollBy(0, 400)
      await frame()
      const now = performance.now()
      frames.push(now - last)
      last = now
    }
    await frame()
    observer.disconnect()
    frames.sort((a, b) => a - b)
    return {
      total: performance.now() - t0,
      frames: frames.length,
      p95: frames[Math.floor(frames.length * 0.95)] ?? NaN,
      worst: frames.at(-1) ?? NaN,
      longTasks: long.length,
      longTaskMs: long.reduce((a, b) => a + b, 0),
    }
  })
}

/** When the watched selector `name` first matched, waiting for it if need be. */
async function seenAt(page, name) {
  const at = await page.waitForFunction((n) => window.__firstSeen?.[n], name, { timeout: 120_000 })
  return at.jsonValue()
}

const domNodes = (page) => page.evaluate(() => document.getElementsByTagName('*').length)

// ---- the figures ----

async function demoFigures(browser) {
  const rowSelector = 'table[aria-label="Saved Images"] tbody tr a[href^="/images/"]'
  const probe = await coldPage(browser, {
    rows1000: [rowSelector, 1000],
    members1000: ['main table tbody tr', 1000],
  })
  const { page } = probe

  // Requests per page load, standard world: sign-in signed out, then each page signed in.
  const signedOut = await coldPage(browser)
  const signInLoads = []
  for (let i = 0; i < RUNS; i++) {
    const r = await signedOut.load(
      `${base}/sign-in`,
      () => document.querySelector('input[type="password"]') !== null,
    )
    signInLoads.push(r.requests.length)
  }
  put('requests per load (standard world)', 'Sign in', median(signInLoads), 'requests')
  await signedOut.page.close()

  await page.goto(`${base}/sign-in`)
  await page.getByLabel('User name').waitFor()
  await resetWorld(page, 'standard')
  await signIn(page, base)
  const standardDetail = await detailPathOf(page, base, 'app-server-2026.02')
  const standardList = await measureSavedImages(probe, base, RUNS)
  const standardDetailRuns = await measureImageDetail(probe, base, RUNS, standardDetail)
  const review = []
  for (let i = 0; i < RUNS; i++) {
    const r = await probe.load(`${base}/review`, () => document.querySelector('main h1') !== null)
    review.push(r.requests.length)
  }
  putRequests('requests per load (standard world)', 'Saved Images', standardList)
  putRequests('requests per load (standard world)', 'Image Detail', standardDetailRuns)
  put('requests per load (standard world)', 'Review shares', median(review), 'requests')

  // The large world: made in this tab's demo cloud, timed; alice's session is kept.
  const seedMs = []
  for (let i = 0; i < 3; i++) seedMs.push(await resetWorld(page, 'large', true))
  put('large world', 'reset to the large seed (make + store)', median(seedMs))
  const setup = await shareSetup(page)
  if (!setup.target || setup.ids.length < 100)
    throw new Error(
      `${dir} has no large world: its demo cloud does not know _control/reset?seed=large`,
    )

  const list = await measureSavedImages(probe, base, RUNS)
  put('Saved Images, 5,000 images', 'first list request', med(list, 'request'))
  put('Saved Images, 5,000 images', 'first rows', med(list, 'rows'))
  putRequests('requests per load (large world)', 'Saved Images', list)

  const long = await measureSavedImages(probe, base, RUNS, '/images?pages=40', async () => ({
    all: await seenAt(page, 'rows1000'),
    nodes: await domNodes(page),
    ...(await scrollCost(page)),
  }))
  put('Saved Images, 1,000 rows (?pages=40)', 'first rows', med(long, 'rows'))
  put('Saved Images, 1,000 rows (?pages=40)', '1,000 rows rendered', med(long, 'all'))
  put('Saved Images, 1,000 rows (?pages=40)', 'DOM elements', med(long, 'nodes'), 'elements')
  put(
    'Saved Images, 1,000 rows (?pages=40)',
    'scroll to bottom, 400 px a frame',
    med(long, 'total'),
  )
  put('Saved Images, 1,000 rows (?pages=40)', 'scroll frames', med(long, 'frames'), 'frames')
  put('Saved Images, 1,000 rows (?pages=40)', 'scroll frame p95', med(long, 'p95'))
  put('Saved Images, 1,000 rows (?pages=40)', 'scroll worst frame', med(long, 'worst'))
  put('Saved Images, 1,000 rows (?pages=40)', 'scroll long tasks (sum)', med(long, 'longTaskMs'))

  const many = await detailPathOf(page, base, 'bench-1000-members')
  const detail = await measureImageDetail(probe, base, RUNS, many, async () => ({
    all: await seenAt(page, 'members1000'),
    nodes: await domNodes(page),
  }))
  put('Image Detail, 1,000 members', 'members request', med(detail, 'members'))
  put('Image Detail, 1,000 members', 'first member row', med(detail, 'rows'))
  put('Image Detail, 1,000 members', '1,000 member rows rendered', med(detail, 'all'))
  put('Image Detail, 1,000 members', 'DOM elements', med(detail, 'nodes'), 'elements')
  putRequests('requests per load (large world)', 'Image Detail, 1,000 members', detail)

  // Sharing with 100 projects; between runs the large world is made again, sessions kept.
  const targetPath = await detailPathOf(page, base, 'bench-share-target')
  const ui = []
  const four = []
  const one = []
  for (let i = 0; i < SHARE_RUNS; i++) {
    await page.goto(`${base}${targetPath}`)
    await page.getByRole('button', { name: 'Share Image' }).click()
    await page.getByLabel('Project IDs').fill(setup.ids.join('\n'))
    await page.getByRole('list', { name: 'Entries to share' }).waitFor()
    await page.waitForLoadState('networkidle')
    const t0 = await page.evaluate(() => performance.now())
    await page.getByRole('button', { name: 'Share', exact: true }).click()
    const done = await page.waitForFunction(
      () =>
        [...document.querySelectorAll('h3')].some((h) => h.textContent === 'Results') &&
        performance.now(),
      undefined,
      { timeout: 120_000 },
    )
    ui.push((await done.jsonValue()) - t0)
    await resetWorld(page, 'large', true)
    four.push((await postMembers(page, setup, 4)).wall)
    await resetWorld(page, 'large', true)
    one.push((await postMembers(page, setup, 1)).wall)
    await resetWorld(page, 'large', true)
  }
  put('share one image with 100 projects', 'through the UI (SHARE_CONCURRENCY)', median(ui))
  put('share one image with 100 projects', 'same POSTs, 4 at a time', median(four))
  put('share one image with 100 projects', 'same POSTs, one at a time', median(one))

  await resetWorld(page, 'standard')
  await page.close()
  return { standardList, standardDetailRuns }
}

async function cloudFigures(browser, demo) {
  const url = opts['cloud-url']
  if (!(await answers(`${url}/config.json`))) {
    console.error(`real cloud: skipped, no panel answers at ${url} (npm run cloud:panel)`)
    return
  }
  const made = await makeCloudImage()
  try {
    const probe = await coldPage(browser)
    await signIn(probe.page, url, DEMO_USER.name, made.password)
    const list = await measureSavedImages(probe, url, RUNS)
    const detail = await measureImageDetail(
      probe,
      url,
      RUNS,
      `/images/${made.id}?region=${made.region}`,
    )
    const pairs = [
      ['Saved Images: first list request', list, demo.standardList, 'request'],
      ['Saved Images: first rows', list, demo.standardList, 'rows'],
      ['Image Detail: image request', detail, demo.standardDetailRuns, 'image'],
      ['Image Detail: first member row', detail, demo.standardDetailRuns, 'rows'],
    ]
    for (const [what, real, mock, key] of pairs) {
      put('real cloud vs demo (standard world)', `${what}, real`, med(real, key))
      put('real cloud vs demo (standard world)', `${what}, demo`, med(mock, key))
      put(
        'real cloud vs demo (standard world)',
        `${what}, real ÷ demo`,
        med(real, key) / med(mock, key),
        '×',
      )
    }
    putRequests('requests per load (real cloud)', 'Saved Images', list)
    putRequests('requests per load (real cloud)', 'Image Detail', detail)
  } finally {
    await made.cleanUp()
  }
}

function print() {
  const width = Math.max(...rows.map((r) => r.what.length))
  let section = ''
  console.log(`\nnpm run bench: ${dir}, median of ${RUNS} runs (share: ${SHARE_RUNS})`)
  for (const r of rows) {
    if (r.section !== section) console.log(`\n${(section = r.section)}`)
    const shown = Number.isFinite(r.value)
      ? r.unit === '×'
        ? r.value.toFixed(2)
        : r.value.toFixed(0)
      : '—'
    console.log(`  ${r.what.padEnd(width)}  ${shown.padStart(7)} ${r.unit}`)
  }
  console.log(`\n(${((Date.now() - started) / 1000).toFixed(0)} s)`)
}

if (!existsSync(resolve(dir, 'package.json'))) throw new Error(`${dir} is no checkout`)
const dist = buildDemo(dir, opts.dist)
const stop = await serveDemo(dir, dist, PORT)
const browser = await launchBrowser()
try {
  const demo = await demoFigures(browser)
  await cloudFigures(browser, demo)
} finally {
  await browser.close()
  stop()
}
print()
if (opts.json) writeFileSync(opts.json, `${JSON.stringify({ dir, runs: RUNS, rows }, null, 2)}\n`)
