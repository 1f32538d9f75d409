// Prints what issue 10 asks to measure of the proxy (numbers only, no assertions), in one run
// against the local real cloud (npm run cloud:up) and a `serve` process this script starts:
//  (1) GET /v2/images?limit=25 straight to Glance RegionOne and through serve, at 1, 16 and 64
//      concurrent clients: requests/s, p50/p95/p99 latency, and the proxied/direct ratio;
//  (2) serve's peak RSS while a 200 MB request body is refused (Content-Length, then chunked) and
//      while a 200 MB image is downloaded through it.
// Needs `npm run build:cloud` (dist-cloud/ and dist-server/). Usage:
//   npm run bench:proxy [-- --seconds 5 --warmup 1 --port 4750]
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { cpus, loadavg } from 'node:os'
import { dirname, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { projectToken, readCloud } from './local-cloud.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? Number(process.argv[i + 1]) : fallback
}
const SECONDS = arg('seconds', 5)
const WARMUP = arg('warmup', 1)
const PORT = arg('port', 4750)
const CONCURRENCY = [1, 16, 64]
const BIG = 200 * 1024 * 1024
const MiB = 1024 * 1024

const cloud = readCloud()
const glanceUrl = cloud.regions.RegionOne
const serveUrl = `http://127.0.0.1:${PORT}`
const main = resolve(root, 'dist-server/server/main.js')
if (!existsSync(main)) {
  console.error(
    'dist-server/server/main.js is missing: run `npm run build:cloud` (or build:server) first.',
  )
  process.exit(1)
}
if (statSync(main).mtimeMs < statSync(resolve(root, 'server/proxy.ts')).mtimeMs) {
  console.warn('note: dist-server/ is older than server/proxy.ts; run `npm run build:server`.')
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

// ---- HTTP helpers (node:http: fetch would cost the load generator more CPU than serve uses) ----

/** One request; resolves with status, headers and the body's byte count (or text when asked). */
function call(
  url,
  { method = 'GET', headers = {}, body, agent, text = false, timeoutMs = 60_000 } = {},
) {
  return new Promise((resolvePromise, reject) => {
    const req = request(url, { method, headers, agent }, (res) => {
      let bytes = 0
      const chunks = []
      res.on('data', (c) => {
        bytes += c.length
        if (text) chunks.push(c)
      })
      res.on('end', () =>
        resolvePromise({
          status: res.statusCode,
          headers: res.headers,
          bytes,
          text: text ? Buffer.concat(chunks).toString('utf8') : '',
        }),
      )
      res.on('error', reject)
    })
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`timed out: ${method} ${url}`)))
    req.on('error', reject)
    req.end(body)
  })
}

async function json(url, init) {
  const r = await call(url, { ...init, text: true })
  if (r.status >= 400) throw new Error(`${init?.method ?? 'GET'} ${url}: ${r.status} ${r.text}`)
  return { ...r, body: r.text ? JSON.parse(r.text) : null }
}

/** Sends `total` bytes from one reused buffer, honouring backpressure; stops when answered. */
function upload(url, { method = 'PUT', headers, total, chunked = false, timeoutMs = 120_000 }) {
  return new Promise((resolvePromise) => {
    const started = performance.now()
    let sent = 0
    let outcome = null
    const finish = (o) => {
      if (outcome) return
      outcome = { ...o, sent, ms: performance.now() - started }
      clearTimeout(timer)
      resolvePromise(outcome)
    }
    const h = { ...headers, 'Content-Type': 'application/octet-stream' }
    if (!chunked) h['Content-Length'] = String(total)
    const req = request(url, { method, headers: h, agent: false }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (c) => (text += c))
      res.on('end', () => finish({ status: res.statusCode, text }))
      res.on('error', () => finish({ status: res.statusCode, text }))
    })
    const timer = setTimeout(() => {
      req.destroy()
      finish({ status: 0, error: 'timed out' })
    }, timeoutMs)
    req.on('error', (e) => finish({ status: 0, error: e.code ?? e.message }))
    const chunk = Buffer.alloc(MiB, 0x5a)
    const pump = () => {
      while (!outcome && sent < total) {
        const n = Math.min(chunk.length, total - sent)
        sent += n
        if (!req.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
          req.once('drain', pump)
          return
        }
      }
      if (!outcome && sent >= total) req.end()
    }
    pump()
  })
}

// ---- serve, and its memory ----

let serve
function stopServe() {
  if (serve && serve.exitCode === null) serve.kill('SIGTERM')
}
process.on('exit', stopServe)
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    stopServe()
    process.exit(130)
  })
}

async function startServe() {
  serve = spawn(process.execPath, [main], {
    cwd: root,
    env: {
      ...process.env,
      OS_AUTH_URL: cloud.authUrl,
      PORT: String(PORT),
      HOST: '127.0.0.1',
      PANEL_SESSION_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  serve.stderr.on('data', (c) => (stderr += c))
  for (let i = 0; i < 100; i++) {
    if (serve.exitCode !== null) throw new Error(`serve exited (${serve.exitCode}): ${stderr}`)
    try {
      if ((await call(`${serveUrl}/healthz`, { timeoutMs: 1000 })).status === 200) return
    } catch {
      // not listening yet
    }
    await sleep(100)
  }
  throw new Error(`serve did not answer /healthz within 10 s: ${stderr}`)
}

function rssKiB(field = 'VmRSS') {
  const m = readFileSync(`/proc/${serve.pid}/status`, 'utf8').match(
    new RegExp(`${field}:\\s+(\\d+)`),
  )
  return m ? Number(m[1]) : 0
}
/** Runs fn while sampling serve's RSS every 50 ms; returns fn's result and the peak seen. */
async function peakRss(fn) {
  let peak = rssKiB()
  const t = setInterval(() => (peak = Math.max(peak, rssKiB())), 50)
  try {
    const result = await fn()
    peak = Math.max(peak, rssKiB())
    return { result, peakMiB: peak / 1024 }
  } finally {
    clearInterval(t)
  }
}

// ---- load ----

/** `clients` workers, each sending one request after another until the time is up. */
async function load(url, headers, clients, seconds) {
  const agent = new Agent({ keepAlive: true, maxSockets: clients })
  const latencies = []
  let errors = 0
  const end = performance.now() + seconds * 1000
  const worker = async () => {
    while (performance.now() < end) {
      const t = performance.now()
      try {
        const r = await call(url, { headers, agent, timeoutMs: 30_000 })
        if (r.status === 200) latencies.push(performance.now() - t)
        else errors++
      } catch {
        errors++
      }
    }
  }
  const started = performance.now()
  await Promise.all(Array.from({ length: clients }, worker))
  agent.destroy()
  return { latencies, errors, seconds: (performance.now() - started) / 1000 }
}

function summary(runs) {
  const latencies = runs.flatMap((r) => r.latencies).sort((a, b) => a - b)
  const seconds = runs.reduce((t, r) => t + r.seconds, 0)
  const pct = (p) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN
  return {
    rps: latencies.length / seconds,
    p50: pct(50),
    p95: pct(95),
    p99: pct(99),
    errors: runs.reduce((t, r) => t + r.errors, 0),
  }
}

// ---- the run ----

async function signIn() {
  return (await projectToken(cloud, 'alice', cloud.users.alice.password, 'producer')).token
}

const created = []
async function createImage(token, name) {
  const r = await json(`${glanceUrl}/v2/images`, {
    method: 'POST',
    headers: { 'X-Auth-Token': token, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      name,
      disk_format: 'raw',
      container_format: 'bare',
      visibility: 'private',
    }),
  })
  created.push(r.body.id)
  return r.body.id
}
async function deleteImages(token) {
  for (const id of created.splice(0)) {
    await call(`${glanceUrl}/v2/images/${id}`, {
      method: 'DELETE',
      headers: { 'X-Auth-Token': token },
    }).catch(() => console.warn(`could not delete image ${id}`))
  }
}

const f1 = (n) => (Number.isFinite(n) ? n.toFixed(1) : '-')
const pad = (s, n) => String(s).padStart(n)

/** alice signed in through serve, as the page is: the session cookie and the session's ID. */
async function panelSession() {
  const r = await json(`${serveUrl}/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Panel-Session': 'none', Origin: serveUrl },
    body: JSON.stringify({
      method: 'password',
      username: 'alice',
      password: cloud.users.alice.password,
      domain: 'Default',
      project: 'producer',
    }),
  })
  const cookie = String(r.headers['set-cookie'] ?? '').split(';')[0]
  return { Cookie: cookie, 'X-Panel-Session': r.body.session.id, Origin: serveUrl }
}

let token
async function run() {
  token = await signIn()
  await startServe()
  // The proxy adds the session's token itself (docs/sessions.md): the cookie is what the page sends.
  const panel = await panelSession()
  const paths = {
    direct: `${glanceUrl}/v2/images?limit=25`,
    proxied: `${serveUrl}/proxy/image/RegionOne/v2/images?limit=25`,
  }
  const headersFor = { direct: { 'X-Auth-Token': token }, proxied: panel }
  for (const [what, url] of Object.entries(paths)) {
    const r = await call(url, { headers: headersFor[what], text: true })
    if (r.status !== 200)
      throw new Error(`${what} GET answered ${r.status}: ${r.text.slice(0, 200)}`)
  }

  console.log(
    `GET /v2/images?limit=25 as alice (producer), Glance RegionOne ${glanceUrl} vs serve ${serveUrl}`,
  )
  console.log(
    `${SECONDS} s each (alternating 1 s slices) after ${WARMUP} s warm-up; ${cpus().length} CPUs shared by this client, serve, Glance and Keystone; load average ${loadavg()[0].toFixed(1)}`,
  )
  console.log('')
  console.log(
    'clients  path      req/s   p50 ms   p95 ms   p99 ms  errors   ratio (proxied/direct req/s)',
  )
  const rows = []
  for (const clients of CONCURRENCY) {
    // Direct and proxied take turns in 1 s slices, so a neighbour's burst of CPU on this shared
    // machine weighs on both alike.
    for (const [what, url] of Object.entries(paths)) {
      await load(url, headersFor[what], clients, WARMUP)
    }
    const runs = { direct: [], proxied: [] }
    for (let i = 0; i < SECONDS; i++) {
      const order = i % 2 === 0 ? ['direct', 'proxied'] : ['proxied', 'direct']
      for (const what of order) {
        runs[what].push(await load(paths[what], headersFor[what], clients, 1))
      }
    }
    const results = { direct: summary(runs.direct), proxied: summary(runs.proxied) }
    const ratio = results.proxied.rps / results.direct.rps
    for (const what of ['direct', 'proxied']) {
      const r = results[what]
      console.log(
        `${pad(clients, 7)}  ${what.padEnd(8)}${pad(f1(r.rps), 7)}${pad(f1(r.p50), 9)}${pad(f1(r.p95), 9)}${pad(f1(r.p99), 9)}${pad(r.errors, 8)}${what === 'proxied' ? pad(ratio.toFixed(2), 10) : ''}`,
      )
    }
    rows.push({ clients, ...results, ratio })
  }

  // ---- memory ----
  const idle = rssKiB() / 1024
  const bigUrl = (id) => `${serveUrl}/proxy/image/RegionOne/v2/images/${id}/file`
  const refusedId = await createImage(token, 'bench-proxy-refused')
  const byLength = await peakRss(() => upload(bigUrl(refusedId), { headers: panel, total: BIG }))
  const byChunks = await peakRss(() =>
    upload(bigUrl(refusedId), { headers: panel, total: BIG, chunked: true }),
  )

  const bigId = await createImage(token, 'bench-proxy-200mb')
  const up = await upload(`${glanceUrl}/v2/images/${bigId}/file`, {
    headers: { 'X-Auth-Token': token },
    total: BIG,
  })
  if (up.status !== 204)
    throw new Error(`uploading 200 MB to Glance answered ${up.status} ${up.error ?? up.text}`)
  for (let i = 0; i < 100; i++) {
    const s = await json(`${glanceUrl}/v2/images/${bigId}`, { headers: { 'X-Auth-Token': token } })
    if (s.body.status === 'active') break
    await sleep(100)
  }
  const direct = await (async () => {
    const t = performance.now()
    const r = await call(`${glanceUrl}/v2/images/${bigId}/file`, {
      headers: { 'X-Auth-Token': token },
    })
    return { ...r, ms: performance.now() - t }
  })()
  const streamed = await peakRss(async () => {
    const t = performance.now()
    const r = await call(bigUrl(bigId), { headers: panel })
    return { ...r, ms: performance.now() - t }
  })
  const hwm = rssKiB('VmHWM') / 1024
  await deleteImages(token)

  const refusedText = (o) =>
    `${o.result.status === 413 ? '413' : (o.result.error ?? o.result.status)} after the client sent ${f1(o.result.sent / MiB)} MiB in ${f1(o.result.ms)} ms`
  console.log('')
  console.log(
    `serve RSS: idle ${f1(idle)} MiB | 200 MB PUT with Content-Length: peak ${f1(byLength.peakMiB)} MiB (${refusedText(byLength)}) | 200 MB PUT chunked: peak ${f1(byChunks.peakMiB)} MiB (${refusedText(byChunks)}) | 200 MB download through serve: peak ${f1(streamed.peakMiB)} MiB (${streamed.result.status}, ${streamed.result.bytes} bytes in ${f1(streamed.result.ms)} ms; direct ${direct.bytes} bytes in ${f1(direct.ms)} ms) | VmHWM over the whole run ${f1(hwm)} MiB`,
  )
  return rows
}

try {
  await run()
} catch (e) {
  console.error(`bench:proxy failed: ${e.message}`)
  process.exitCode = 1
} finally {
  try {
    if (created.length) await deleteImages(token ?? (await signIn()))
  } catch {
    // nothing left to clean, or the cloud is gone
  }
  stopServe()
}
