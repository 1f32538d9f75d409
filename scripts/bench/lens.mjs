// `npm run bench:lens`: support's project lens (issue 12) at scale, in a real browser, numbers
// only. The lens lists every shared image and reads each one's members; this prints how long a
// whole scan takes (navigation → "Scanned all"), and the requests it makes, over:
//  - the demo's standard world (its 200+ team images) and the lens world (2,000 team images,
//    `_control/reset?seed=lens`), as the demo's admin, for project qa;
//  - the local real cloud, when a panel answers there (`npm run cloud:panel`, :4180): the script
//    makes BENCH_LENS_CLOUD_IMAGES (200) shared images of alice's and carol's across both regions,
//    one in three shared with bob's consumer-a, scans for consumer-a as admin, and deletes them.
// Each figure is the median of BENCH_RUNS (3) cold loads. Requests are counted by kind: the
// lens's own (shared-image lists, member lists) apart from the header's pending count, which an
// admin's page load also makes (one member lookup per shared image in the region shown).
// Usage: npm run bench:lens [-- --dir <checkout>] [--dist <built demo>] [--cloud-url <panel>]
/* global document */
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { coldPage, launchBrowser, median, signIn } from './first-rows.mjs'
import { answers, buildDemo, resetWorld, serveDemo } from './demo-server.mjs'
import { projectToken, readCloud } from './local-cloud.mjs'

const { values: opts } = parseArgs({
  options: {
    dir: { type: 'string', default: process.cwd() },
    dist: { type: 'string' },
    'cloud-url': { type: 'string', default: 'http://127.0.0.1:4180' },
  },
})
const dir = resolve(opts.dir)
const RUNS = Number(process.env.BENCH_RUNS ?? 3)
const CLOUD_IMAGES = Number(process.env.BENCH_LENS_CLOUD_IMAGES ?? 200)
const PORT = Number(process.env.BENCH_PORT ?? 4302)
const base = `http://127.0.0.1:${PORT}`

/** The lens's summary once the scan is whole: "Scanned all N shared images in …: M are …". */
const scanned = () =>
  [...document.querySelectorAll('[role="status"]')].some((e) =>
    e.textContent?.startsWith('Scanned all'),
  )

function kinds(requests) {
  const count = (re) => requests.filter((r) => re.test(r)).length
  return {
    lists: count(/^GET \S*\/v2\/images\?\S*visibility=shared\S*limit=1000/),
    members: count(/^GET \S*\/v2\/images\/[\w-]+\/members$/),
    pendingCount: count(/^GET \S*\/v2\/images\/[\w-]+\/members\/\w+$/),
    all: requests.length,
  }
}

/** RUNS cold scans of the lens for `project`: time to the whole result, the summary, requests. */
async function measureLens(probe, url, project) {
  const runs = []
  for (let i = 0; i < RUNS; i++) {
    const r = await probe.load(`${url}/inspect/project?project=${project}`, scanned)
    const done = await probe.page.evaluate(() => performance.now())
    const summary = await probe.page
      .getByRole('status')
      .filter({ hasText: 'Scanned all' })
      .textContent()
    runs.push({ ms: done, summary, ...kinds(r.requests) })
  }
  return runs
}

function report(label, runs) {
  const m = (key) => median(runs.map((r) => r[key]))
  console.log(`\n${label}`)
  console.log(`  ${runs.at(-1).summary}`)
  console.log(`  whole scan, from navigation start      ${m('ms').toFixed(0).padStart(7)} ms`)
  console.log(`  lens requests: shared-image lists      ${String(m('lists')).padStart(7)}`)
  console.log(`  lens requests: member lists            ${String(m('members')).padStart(7)}`)
  console.log(`  header's pending count (member lookups)${String(m('pendingCount')).padStart(7)}`)
  console.log(`  every API request of the load          ${String(m('all')).padStart(7)}`)
  return m('ms')
}

async function demo(browser) {
  const probe = await coldPage(browser)
  await probe.page.goto(`${base}/sign-in`)
  await probe.page.getByLabel('User name').waitFor()
  await resetWorld(probe.page, 'standard')
  await signIn(probe.page, base, 'admin', 'admin-demo')
  const qa = await probe.page.evaluate(async () => {
    const r = await fetch('/demo-cloud/identity/v3/auth/tokens', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        auth: {
          identity: {
            methods: ['password'],
            password: {
              user: { name: 'admin', domain: { name: 'Default' }, password: 'admin-demo' },
            },
          },
          scope: { project: { name: 'admin', domain: { name: 'Default' } } },
        },
      }),
    })
    const token = r.headers.get('X-Subject-Token')
    const get = async (path) => (await fetch(path, { headers: { 'X-Auth-Token': token } })).json()
    // qa's ID, as support finds it: a member of base-image-many-members, named by Keystone.
    const glance = '/demo-cloud/image/RegionOne/v2'
    const image = (await get(`${glance}/images?name=base-image-many-members`)).images[0]
    for (const m of (await get(`${glance}/images/${image.id}/members`)).members) {
      const found = await get(`/demo-cloud/identity/v3/projects/${m.member_id}`)
      if (found.project?.name === 'qa') return m.member_id
    }
    throw new Error('no project qa among the members of base-image-many-members')
  })
  const standard = report(
    'demo, standard world (200+ shared images), project qa',
    await measureLens(probe, base, qa),
  )
  await resetWorld(probe.page, 'lens', true)
  const large = report(
    'demo, lens world (2,000+ shared images), project qa',
    await measureLens(probe, base, qa),
  )
  await resetWorld(probe.page, 'standard')
  await probe.page.close()
  return { standard, large }
}

async function cloud(browser, demoMs) {
  const url = opts['cloud-url']
  if (!(await answers(`${url}/config.json`))) {
    console.log(`\nreal cloud: skipped, no panel answers at ${url} (npm run cloud:panel)`)
    return
  }
  const c = readCloud()
  const alice = await projectToken(c, 'alice', c.users.alice.password, 'producer')
  const carol = await projectToken(c, 'carol', c.users.carol.password, 'consumer-b')
  const bob = await projectToken(c, 'bob', c.users.bob.password, 'consumer-a')
  const made = []
  const glance = async (who, region, method, path, body) => {
    const r = await fetch(`${c.regions[region]}/v2${path}`, {
      method,
      headers: { 'X-Auth-Token': who.token, 'Content-Type': 'application/json' },
      body: body && JSON.stringify(body),
    })
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status}`)
    return r.status === 204 ? null : r.json()
  }
  const regions = Object.keys(c.regions)
  const t0 = Date.now()
  try {
    for (let n = 0; n < CLOUD_IMAGES; n++) {
      const who = n % 2 === 0 ? alice : carol
      const region = regions[Math.floor(n / 2) % regions.length]
      const image = await glance(who, region, 'POST', '/images', {
        name: `bench-lens-${String(n).padStart(4, '0')}`,
        disk_format: 'qcow2',
        container_format: 'bare',
        visibility: 'shared',
      })
      made.push({ who, region, id: image.id })
      if (n % 3 === 0)
        await glance(who, region, 'POST', `/images/${image.id}/members`, { member: bob.projectId })
    }
    console.log(`\nreal cloud: made ${CLOUD_IMAGES} shared images in ${Date.now() - t0} ms`)
    const probe = await coldPage(browser)
    await signIn(probe.page, url, 'admin', c.users.admin.password)
    const real = report(
      `real cloud (${CLOUD_IMAGES} shared images made here, and any others), project consumer-a`,
      await measureLens(probe, url, bob.projectId),
    )
    console.log(
      `  real ÷ demo (standard world)           ${(real / demoMs.standard).toFixed(2).padStart(7)} ×`,
    )
  } finally {
    for (const m of made)
      await glance(m.who, m.region, 'DELETE', `/images/${m.id}`).catch(() => null)
  }
}

const dist = buildDemo(dir, opts.dist)
const stop = await serveDemo(dir, dist, PORT)
const browser = await launchBrowser()
try {
  console.log(`npm run bench:lens: ${dir}, median of ${RUNS} cold loads`)
  const demoMs = await demo(browser)
  await cloud(browser, demoMs)
} finally {
  await browser.close()
  stop()
}
