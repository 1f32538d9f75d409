// `npm run serve` must run from a tree installed with docs/deploy.md's `npm ci --omit=dev
// --omit=optional` (issue 10): no Vite, no TypeScript, no dev dependency at run time. This copies
// package.json, package-lock.json, dist-cloud/ and dist-server/ to a temporary directory, installs
// the production dependencies there, checks that no package the lock marks dev-only is installed,
// starts the server against a loopback stand-in for Keystone, checks what an operator relies on,
// then stops it with SIGTERM. Run after npm run build:cloud (npm run build:check does both).
import { spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const started = Date.now()
const port = Number(process.env.CHECK_SERVE_PORT ?? 4740)
const base = `http://127.0.0.1:${port}`
const results = []
let failed = false
const check = (ok, what) => {
  results.push(`${ok ? 'ok  ' : 'FAIL'} ${what}`)
  if (!ok) failed = true
}

for (const need of ['dist-cloud/index.html', 'dist-server/server/main.js']) {
  if (!existsSync(need)) {
    console.error(`${need} is missing: run npm run build:cloud first`)
    process.exit(1)
  }
}

const dir = mkdtempSync(join(tmpdir(), 'panel-serve-'))
const keystone = createServer((req, res) => {
  res.writeHead(req.method === 'GET' && req.url === '/v3' ? 200 : 404, {
    'Content-Type': 'application/json',
  })
  res.end('{"version":{"id":"v3.14","status":"stable"}}')
})
let server

function cleanUp() {
  if (server && server.exitCode === null) server.kill('SIGKILL')
  keystone.close()
  rmSync(dir, { recursive: true, force: true })
}

try {
  for (const f of ['package.json', 'package-lock.json']) cpSync(f, join(dir, f))
  for (const d of ['dist-cloud', 'dist-server']) cpSync(d, join(dir, d), { recursive: true })
  // docs/deploy.md's command. --omit=optional too: TypeScript (a devDependency) is also an optional
  // peer of valibot, so the lock marks it devOptional and --omit=dev alone installs it.
  const install = spawnSync(
    'npm',
    [
      'ci',
      '--omit=dev',
      '--omit=optional',
      '--ignore-scripts',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
    ],
    { cwd: dir, encoding: 'utf8', timeout: 180_000 },
  )
  if (install.status !== 0) throw new Error(`npm ci --omit=dev failed:\n${install.stderr}`)
  // Every package the lock marks dev (or devOptional), at whatever depth, must be absent.
  const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'))
  const devInstalled = Object.entries(lock.packages)
    .filter(([path, p]) => path !== '' && (p.dev || p.devOptional))
    .map(([path]) => path)
    .filter((path) => existsSync(join(dir, path, 'package.json')))
  check(
    devInstalled.length === 0 && existsSync(join(dir, 'node_modules/fastify/package.json')),
    `npm ci --omit=dev --omit=optional installed fastify and no dev dependency${
      devInstalled.length > 0 ? `, but: ${devInstalled.join(', ')}` : ' (no typescript, no vite)'
    }`,
  )

  await new Promise((resolve) => keystone.listen(0, '127.0.0.1', resolve))
  const authUrl = `http://127.0.0.1:${keystone.address().port}/v3`
  server = spawn(process.execPath, ['dist-server/server/main.js'], {
    cwd: dir,
    env: {
      PATH: process.env.PATH,
      OS_AUTH_URL: authUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      // A key of this run only: serve refuses to start without one.
      PANEL_SESSION_KEYS: `check:${randomBytes(32).toString('base64')}`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  server.stdout.on('data', (c) => (output += c))
  server.stderr.on('data', (c) => (output += c))
  const exited = new Promise((resolve) => server.on('exit', (code) => resolve(code)))

  // Ready when it answers /healthz (at most 10 s).
  let up = false
  for (let i = 0; i < 100 && !up && server.exitCode === null; i++) {
    up = await fetch(`${base}/healthz`).then(
      (r) => r.ok,
      () => false,
    )
    if (!up) await new Promise((r) => setTimeout(r, 100))
  }
  if (!up) throw new Error(`node dist-server/server/main.js did not come up:\n${output}`)

  const get = (path, init) => fetch(base + path, { redirect: 'manual', ...init })
  const health = await get('/healthz')
  check(health.status === 200 && (await health.json()).status === 'ok', 'GET /healthz 200')
  const ready = await get('/readyz')
  check(
    ready.status === 200,
    `GET /readyz 200 (Keystone stand-in answers GET /v3): ${ready.status}`,
  )
  const config = await get('/config.json')
  const body = await config.json()
  check(
    config.status === 200 && body.mode === 'cloud' && body.authUrl === '/proxy/identity/v3',
    'GET /config.json: mode cloud, Keystone through the proxy',
  )
  const index = await get('/', { headers: { Accept: 'text/html' } })
  const html = await index.text()
  const csp = index.headers.get('content-security-policy') ?? ''
  check(index.status === 200 && html.includes('<div id="root">'), 'GET / is index.html')
  check(
    csp.includes("script-src 'self'") && csp.includes("frame-ancestors 'none'"),
    `GET / has the CSP: ${csp}`,
  )
  const deep = await get('/images/abc', { headers: { Accept: 'text/html' } })
  check(
    deep.status === 200 && (await deep.text()) === html,
    'GET /images/abc (deep link) is index.html',
  )
  const script = html.match(/src="(\/assets\/[^"]+\.js)"/)?.[1]
  const asset = script ? await get(script) : undefined
  check(
    asset?.status === 200 &&
      asset.headers.get('cache-control') === 'public, max-age=31536000, immutable',
    `GET ${script ?? '/assets/…js'} 200, immutable`,
  )
  // Bodies are read to the end: an unread answer is a request still in flight at SIGTERM.
  await asset?.arrayBuffer()
  const pkg = await get('/package.json')
  check(pkg.status === 404, `GET /package.json 404: ${pkg.status}`)
  await pkg.arrayBuffer()

  const t0 = Date.now()
  server.kill('SIGTERM')
  const code = await Promise.race([
    exited,
    new Promise((r) => setTimeout(() => r('timeout'), 5000)),
  ])
  check(code === 0, `SIGTERM: exit ${code} in ${Date.now() - t0} ms`)
  if (failed) console.error(output)
} catch (e) {
  check(false, e instanceof Error ? e.message : String(e))
} finally {
  cleanUp()
}

console.log(
  `serve from an --omit=dev install (${((Date.now() - started) / 1000).toFixed(1)} s):\n  ${results.join('\n  ')}`,
)
process.exit(failed ? 1 : 0)
