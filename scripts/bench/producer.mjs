// Prints what issue 4 asks to measure, in a real browser: API requests behind a page load of Saved
// Images and of Image Detail, and the wall time of sharing one image with 20 projects.
// Usage: start a server (npx vite preview --port 4179), then
//   node scripts/bench/producer.mjs [baseUrl] [user] [password] [image name]
import { chromium } from '@playwright/test'

const [
  base = 'http://127.0.0.1:4179',
  user = 'alice',
  password = 'alice-demo',
  imageName = 'ml-runtime-cuda12',
] = process.argv.slice(2)

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
})
const page = await browser.newPage()
let api = []
// Keystone and Glance calls only (the demo cloud's, or the proxy's), not scripts and styles.
page.on('request', (r) => {
  const u = new URL(r.url())
  if (/\/(demo-cloud|proxy)\//.test(u.pathname) || /:(5000|929\d)$/.test(u.host)) {
    api.push(`${r.method()} ${u.pathname}${u.search}`)
  }
})

await page.goto(`${base}/sign-in`)
await page.getByLabel('User name').fill(user)
await page.getByLabel('Password').fill(password)
await page.getByRole('button', { name: 'Sign in' }).click()
await page.getByRole('heading', { name: 'Saved Images' }).waitFor()

async function countLoad(url, ready) {
  await page.waitForLoadState('networkidle')
  api = []
  const t = performance.now()
  await page.goto(url)
  await ready()
  const ms = performance.now() - t
  await page.waitForLoadState('networkidle')
  return { ms, requests: [...api] }
}

const list = await countLoad(`${base}/images`, () =>
  page.getByRole('table', { name: 'Saved Images' }).getByRole('row').nth(1).waitFor(),
)
console.log(
  `Saved Images: ${list.requests.length} API requests, rows after ${list.ms.toFixed(0)} ms`,
)
for (const r of list.requests) console.log(`  ${r}`)

await page.getByLabel('Search by name').fill(imageName)
await page.getByLabel('Search by name').press('Enter')
await page.getByRole('link', { name: imageName, exact: true }).click()
await page.getByRole('heading', { level: 1, name: imageName }).waitFor()
const detailUrl = page.url()
const detail = await countLoad(detailUrl, () =>
  page.getByRole('heading', { name: 'Image Sharing' }).waitFor(),
)
console.log(
  `Image Detail: ${detail.requests.length} API requests, sharing section after ${detail.ms.toFixed(0)} ms`,
)
for (const r of detail.requests) console.log(`  ${r}`)

// Glance does not check member IDs; these are well-formed and unique to this run.
const stamp = Date.now().toString(16).padEnd(29, 'a')
const ids = Array.from({ length: 20 }, (_, i) => `${stamp}${String(i).padStart(3, '0')}`)
await page.getByRole('button', { name: 'Share Image' }).click()
const dialog = page.getByRole('dialog', { name: 'Share Image' })
await dialog.getByRole('textbox', { name: 'Project IDs' }).fill(ids.join('\n'))
api = []
const t = performance.now()
await dialog.getByRole('button', { name: 'Share', exact: true }).click()
await dialog.getByRole('heading', { name: 'Results' }).waitFor({ timeout: 120_000 })
const shareMs = performance.now() - t
const posts = api.filter((r) => r.startsWith('POST')).length
const shared = await dialog.getByText('Shared (pending)').count()
console.log(
  `Share with 20 projects: ${shareMs.toFixed(0)} ms wall time, ${posts} POSTs, ${shared} shared`,
)
await browser.close()
