import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'
import { createServer, type ViteDevServer } from 'vite'
import { fakeKeystone, signInThrough } from '../server/test-support.ts'

/**
 * The dev server (`npm start`, `npm run start:cloud`) hands out the app and nothing else of the
 * repository: no scripts, no package files, no dotfiles, no local cloud state (issue 10, review
 * finding 1), and lets no other origin read what it serves.
 */
const root = fileURLToPath(new URL('..', import.meta.url))

async function start(mode: string): Promise<{ vite: ViteDevServer; base: string }> {
  const vite = await createServer({
    root,
    configFile: join(root, 'vite.config.ts'),
    mode,
    logLevel: 'silent',
    server: { port: 0, strictPort: false, hmr: false, watch: null },
  })
  await vite.listen()
  const { port } = vite.httpServer?.address() as AddressInfo
  return { vite, base: `http://127.0.0.1:${port}` }
}

/** A GET of the path exactly as written: fetch would resolve its `..` and `%2e%2e` segments first. */
const get = (base: string, path: string) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(`${base}${path}`, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.on('error', reject)
    req.end()
  })

// A leftover .cloud/ from an older checkout holds Keystone's fernet keys: plant a stand-in.
const planted = join(root, '.cloud', 'dev-server-test-secret')
const plantedDir = !existsSync(join(root, '.cloud'))

beforeAll(() => {
  mkdirSync(join(root, '.cloud'), { recursive: true })
  writeFileSync(planted, 'fernet-key-stand-in')
})
afterAll(() => {
  rmSync(plantedDir ? join(root, '.cloud') : planted, { recursive: true, force: true })
})

const refused = [
  '/package.json',
  '/package-lock.json',
  '/scripts/cloud/up.sh',
  '/server/config.ts',
  '/e2e/fixtures.ts',
  '/deploy/nginx/image-sharing-panel.conf',
  '/.cloud/dev-server-test-secret',
  '/%2ecloud/dev-server-test-secret',
  '/src/../package.json',
  '/.git/config',
  '/tsconfig.json',
  '/vite.config.ts',
  '/README.md',
  `/@fs${root}package.json`,
  `/@fs${root}.cloud/dev-server-test-secret`,
  // Vite resolves what follows /@id/ as an import: a repository file by any name (review, probe 107).
  `/@id/${root}package.json?import`,
  `/@id/${root}CONTRIBUTING.md?import&raw`,
  `/@id/file://${root}CONTRIBUTING.md?import&raw`,
  '/@id/package.json?import',
  '/@id/./CONTRIBUTING.md?import&raw',
  '/@id/~/../package.json?import',
  '/@id/~/%2e%2e/CONTRIBUTING.md?import&raw',
  '/@id/src/../scripts/cloud/up.sh?import&raw',
  '/@id/~/../vite.config.ts',
  `/@id/${root}.cloud/dev-server-test-secret?import&raw`,
  '/@id/~/../.cloud/dev-server-test-secret?import&raw',
]

// A file put in the repository after the dev server started (a developer's notes, a dump).
const dropped = join(root, 'dev-server-test-dropped.txt')

describe('npm start (demo)', () => {
  let vite: ViteDevServer
  let base = ''
  beforeAll(async () => {
    ;({ vite, base } = await start('development'))
  }, 30_000)
  afterAll(() => vite.close())

  it.each(refused)('refuses %s', async (path) => {
    const r = await get(base, path)
    expect(r.status === 403 || r.status === 404).toBe(true)
    expect(r.body).not.toContain('fernet-key-stand-in')
  })

  it('refuses a file put in the repository after it started', async () => {
    writeFileSync(dropped, 'dropped-file-contents')
    try {
      for (const path of [
        '/dev-server-test-dropped.txt?import&raw',
        '/@id/dev-server-test-dropped.txt?import&raw',
        `/@id/${root}dev-server-test-dropped.txt?import&raw`,
      ]) {
        const r = await get(base, path)
        expect(r.status, path).toBe(404)
        expect(r.body).not.toContain('dropped-file-contents')
      }
    } finally {
      rmSync(dropped, { force: true })
    }
  })

  it('serves the app, its modules and deep links', async () => {
    for (const path of [
      '/',
      '/images/abc',
      '/src/main.tsx',
      '/mocks/browser.ts',
      // /@id/ still serves the app's own modules.
      '/@id/~/main.tsx',
      `/@id/${root}src/main.tsx`,
    ]) {
      const r = await get(base, path)
      expect(r.status, path).toBe(200)
    }
  })

  it('lets no other origin read what it serves', async () => {
    const r = await fetch(`${base}/src/main.tsx`, { headers: { Origin: 'http://localhost:3000' } })
    expect(r.headers.get('access-control-allow-origin')).toBeNull()
  })
})

describe('npm run start:cloud', () => {
  let vite: ViteDevServer
  let base = ''
  let keystone: Awaited<ReturnType<typeof fakeKeystone>>
  beforeAll(async () => {
    keystone = await fakeKeystone()
    vi.stubEnv('OS_AUTH_URL', keystone.url)
    ;({ vite, base } = await start('cloud'))
  }, 30_000)
  afterAll(async () => {
    await vite.close()
    await keystone.close()
    vi.unstubAllEnvs()
  })

  it('answers /config.json, the health checks and the proxy from the production server app', async () => {
    const config = (await (await fetch(`${base}/config.json`)).json()) as Record<string, string>
    expect(config).toMatchObject({
      mode: 'cloud',
      authUrl: '/proxy/identity/v3',
    })
    expect((await fetch(`${base}/healthz`)).status).toBe(200)
    expect((await fetch(`${base}/readyz`)).status).toBe(200)
    const { cookie, sid } = await signInThrough(base)
    const projects = await fetch(`${base}/proxy/identity/v3/auth/projects`, {
      headers: { Cookie: cookie, 'X-Panel-Session': sid },
    })
    expect(projects.status).toBe(200)
    expect(projects.headers.get('cache-control')).toBe('no-store')
    expect(keystone.received).toContain('GET /v3/auth/projects')
    // Only what the panel calls on Keystone.
    expect((await fetch(`${base}/proxy/identity/v3/users`)).status).toBe(404)
    expect((await fetch(`${base}/proxy/compute/RegionOne/servers`)).status).toBe(404)
  })

  it('hands out no mock code and no repository files', async () => {
    expect((await fetch(`${base}/mocks/browser.ts`)).status).toBe(404)
    expect((await fetch(`${base}/@id/~mocks/browser.ts`)).status).toBe(404)
    expect((await fetch(`${base}/package.json`)).status).toBe(404)
    expect((await fetch(`${base}/.cloud/dev-server-test-secret`)).status).toBe(404)
  })
})
