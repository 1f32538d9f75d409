import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'

/** A built panel in miniature: index.html, a hashed asset, its (hidden) map, a dotfile. */
export function makeStaticDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'panel-static-'))
  mkdirSync(join(dir, 'assets'))
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Image Sharing Panel</title>')
  writeFileSync(join(dir, 'assets', 'index-AbC123.js'), 'console.log(1)\n')
  writeFileSync(join(dir, 'assets', 'index-AbC123.js.map'), '{"version":3}')
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>')
  writeFileSync(join(dir, '.env'), 'SECRET=1')
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

/** alice's password at the fake Keystone; any other is refused. */
export const FAKE_PASSWORD = 'alice-pw'
/** mia's: her rules want a passcode (FAKE_PASSCODE) after it, as Keystone's MFA rules do. */
export const MIA_PASSWORD = 'mia-pw'
export const FAKE_PASSCODE = '123456'
/** alice's application credential, tied to project p1. */
export const FAKE_CREDENTIAL = { id: 'ac1', secret: 'ac-secret' }

type FakeToken = { scoped: boolean; methods: string[]; user: string; credential?: boolean }

/**
 * A loopback stand-in for Keystone: GET /v3 answers; alice signs in with FAKE_PASSWORD to project
 * p1 (or unscoped, naming none), her tokens validate themselves, list her projects and catalog, and
 * can be revoked. `delayMs` slows every answer; `received` lists every request.
 */
export async function fakeKeystone(): Promise<{
  url: string
  server: Server
  delayMs: number
  received: string[]
  /** Tokens Keystone knows now: issued and neither revoked nor expired. */
  live: Set<string>
  /** How long a receipt lasts (Keystone's [receipt] expiration). */
  receiptMs: number
  /** An unscoped federated token, as Keystone's WebSSO page posts it. */
  federatedToken: () => string
  /** Every X-Auth-Token Keystone was sent. */
  tokensSeen: string[]
  close: () => Promise<void>
}> {
  const state = {
    delayMs: 0,
    receiptMs: 300_000,
    received: [] as string[],
    live: new Set<string>(),
    tokensSeen: [] as string[],
  }
  const kinds = new Map<string, FakeToken>()
  let seq = 0
  const mint = (kind: FakeToken) => {
    const token = `fake-token-${++seq}-${'x'.repeat(180)}`
    state.live.add(token)
    kinds.set(token, kind)
    return token
  }
  const tokenBody = (scoped: boolean, kind: Partial<FakeToken> = {}) => ({
    token: {
      expires_at: new Date(Date.now() + 3_600_000).toISOString(),
      methods: kind.methods ?? ['password'],
      user: {
        id: kind.user === 'mia' ? 'u2' : 'u1',
        name: kind.user ?? 'alice',
        domain: { id: 'default', name: 'Default' },
      },
      ...(kind.credential
        ? { application_credential: { id: 'ac1', name: 'ci', restricted: true } }
        : {}),
      ...(scoped
        ? {
            project: { id: 'p1', name: 'producer', domain: { id: 'default', name: 'Default' } },
            roles: [{ id: 'r1', name: 'member' }],
            catalog: [
              {
                id: 'c1',
                type: 'image',
                endpoints: [
                  {
                    id: 'e1',
                    interface: 'public',
                    region_id: 'RegionOne',
                    url: 'http://127.0.0.1:9/image',
                  },
                ],
              },
            ],
          }
        : {}),
    },
  })
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (c: Buffer) => (body += c.toString()))
    req.on('end', () => {
      state.received.push(`${req.method ?? ''} ${req.url ?? ''}`)
      const auth = req.headers['x-auth-token']
      if (typeof auth === 'string') state.tokensSeen.push(auth)
      const known = typeof auth === 'string' && state.live.has(auth)
      const send = (status: number, json: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'Content-Type': 'application/json', ...headers })
        res.end(JSON.stringify(json))
      }
      const unauthorized = () =>
        send(401, {
          error: { code: 401, message: 'The request you have made requires authentication.' },
        })
      setTimeout(() => {
        const url = req.url ?? ''
        if (url === '/v3/auth/tokens' && req.method === 'POST') {
          const scoped = body.includes('"project"')
          const issue = (kind: FakeToken) =>
            send(201, tokenBody(kind.scoped, kind), { 'X-Subject-Token': mint(kind) })
          const receipt = req.headers['openstack-auth-receipt']
          if (body.includes(`"password":"${MIA_PASSWORD}"`) && receipt === undefined) {
            const at = Date.now()
            send(
              401,
              {
                receipt: {
                  methods: ['password'],
                  user: { id: 'u2', name: 'mia', domain: { id: 'default', name: 'Default' } },
                  expires_at: new Date(at + state.receiptMs).toISOString(),
                  issued_at: new Date(at).toISOString(),
                },
                required_auth_methods: [['password', 'totp']],
              },
              { 'Openstack-Auth-Receipt': 'receipt-of-mia' },
            )
            return
          }
          if (receipt === 'receipt-of-mia' && body.includes(`"passcode":"${FAKE_PASSCODE}"`)) {
            issue({ scoped, methods: ['password', 'totp'], user: 'mia' })
            return
          }
          if (body.includes(`"secret":"${FAKE_CREDENTIAL.secret}"`)) {
            issue({
              scoped: true,
              methods: ['application_credential'],
              user: 'alice',
              credential: true,
            })
            return
          }
          const rescoping = /"methods":\["token"\]/.test(body)
          const from = /"id":"(fake-token-[^"]+)"/.exec(body)?.[1]
          if (rescoping && from !== undefined && state.live.has(from)) {
            const before = kinds.get(from)
            issue({
              scoped,
              methods: [...(before?.methods ?? []), 'token'],
              user: before?.user ?? 'alice',
            })
            return
          }
          if (!body.includes(`"password":"${FAKE_PASSWORD}"`)) {
            unauthorized()
            return
          }
          issue({ scoped, methods: ['password'], user: 'alice' })
          return
        }
        if (url === '/v3/auth/tokens' && req.method === 'GET') {
          const subject = req.headers['x-subject-token']
          if (!known) {
            unauthorized()
            return
          }
          if (typeof subject !== 'string' || !state.live.has(subject)) {
            send(404, { error: { code: 404, message: 'Could not find token.' } })
            return
          }
          const kind = kinds.get(subject)
          send(200, tokenBody(kind?.scoped ?? true, kind), { 'X-Subject-Token': subject })
          return
        }
        if (url === '/v3/auth/tokens' && req.method === 'DELETE') {
          if (!known) {
            unauthorized()
            return
          }
          state.live.delete(String(req.headers['x-subject-token']))
          res.writeHead(204).end()
          return
        }
        if (url === '/v3/auth/projects') {
          if (!known) {
            unauthorized()
            return
          }
          send(200, { projects: [{ id: 'p1', name: 'producer', domain_id: 'default' }] })
          return
        }
        if (url === '/v3/auth/catalog') {
          if (!known) {
            unauthorized()
            return
          }
          send(200, { catalog: tokenBody(true).token.catalog })
          return
        }
        send(200, { version: { id: 'v3.14', status: 'stable' } })
      }, state.delayMs)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return Object.assign(state, {
    federatedToken: () => mint({ scoped: false, methods: ['mapped'], user: 'sam' }),
    url: `http://127.0.0.1:${port}/v3`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  })
}

/** Signs alice in through the panel at `base`, as its page does: the session cookie and ID. */
export async function signInThrough(base: string): Promise<{ cookie: string; sid: string }> {
  const r = await fetch(`${base}/session`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-Panel-Session': 'none',
      Origin: new URL(base).origin,
    },
    body: JSON.stringify({
      method: 'password',
      username: 'alice',
      password: FAKE_PASSWORD,
      domain: 'Default',
      project: 'producer',
    }),
  })
  if (r.status !== 201) throw new Error(`sign-in answered ${r.status}: ${await r.text()}`)
  const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
  const { session } = (await r.json()) as { session: { id: string } }
  return { cookie, sid: session.id }
}

/** Collects pino's JSON lines. */
export function logCapture(): {
  stream: Writable
  lines: () => Record<string, unknown>[]
  text: () => string
} {
  let text = ''
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      text += chunk.toString('utf8')
      done()
    },
  })
  return {
    stream,
    text: () => text,
    lines: () =>
      text
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  }
}

/**
 * A fake Keystone and a built panel in miniature, started once for the test file and removed after
 * it. Read its fields inside tests and hooks, not at the file's top level.
 */
export function keystoneAndStaticDirForFile(): {
  keystone: Awaited<ReturnType<typeof fakeKeystone>>
  stat: ReturnType<typeof makeStaticDir>
} {
  const world = {} as ReturnType<typeof keystoneAndStaticDirForFile>
  beforeAll(async () => {
    world.keystone = await fakeKeystone()
    world.stat = makeStaticDir()
  })
  afterAll(async () => {
    await world.keystone.close()
    world.stat.remove()
  })
  return world
}
