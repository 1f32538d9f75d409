import { EventEmitter } from 'node:events'
import { Agent, request as httpRequest } from 'node:http'
import { connect, type AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { main } from './main.ts'
import { logCapture, keystoneAndStaticDirForFile, signInThrough } from './test-support.ts'

const world = keystoneAndStaticDirForFile()

const apps: FastifyInstance[] = []
afterEach(async () => {
  world.keystone.delayMs = 0
  // Whatever a test left listening (close() twice is harmless).
  await Promise.all(apps.splice(0).map((a) => a.close()))
})

/** main() as `serve` runs it, with the process's signals, exit and stderr replaced. */
async function startMain(env: Record<string, string> = {}, graceMs = 30_000) {
  const signals = new EventEmitter()
  const exits: number[] = []
  let exited: (code: number) => void = () => {}
  const exitPromise = new Promise<number>((resolve) => (exited = resolve))
  let stderr = ''
  const log = logCapture()
  const app = await main({
    env: {
      OS_AUTH_URL: world.keystone.url,
      PORT: '0',
      PANEL_STATIC_DIR: world.stat.dir,
      PANEL_SESSION_KEYS: 'k1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
      ...env,
    },
    signals,
    exit: (code) => {
      exits.push(code)
      exited(code)
    },
    stderr: { write: (t: string) => (stderr += t) },
    graceMs,
    logStream: log.stream,
  })
  if (app) apps.push(app)
  const port = app ? (app.server.address() as AddressInfo).port : 0
  return { app, port, signals, exits, exitPromise, stderr: () => stderr, log }
}

function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1')
    s.on('connect', () => {
      s.destroy()
      resolve(false)
    })
    s.on('error', () => resolve(true))
  })
}

function get(port: number, path: string, agent?: Agent, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, agent, headers }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => (body += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

describe('main', () => {
  it('refuses an invalid configuration: the message on stderr, exit 1, nothing listening', async () => {
    const run = await startMain({ PANEL_BODY_LIMIT: 'lots' })
    expect(run.app).toBeUndefined()
    expect(run.exits).toEqual([1])
    expect(run.stderr()).toBe(
      'The panel server cannot start: PANEL_BODY_LIMIT="lots" is not a whole number (from 1 to 1073741824 bytes); for example PANEL_BODY_LIMIT=1048576\n',
    )
  })

  it('refuses to start without a built panel', async () => {
    const run = await startMain({ PANEL_STATIC_DIR: `${world.stat.dir}/nope` })
    expect(run.exits).toEqual([1])
    expect(run.stderr()).toMatch(
      /PANEL_STATIC_DIR=.* is not a directory; build the panel with npm run build:cloud/,
    )
  })

  it('logs one start line with the URL, Keystone and the proxied services', async () => {
    const run = await startMain({ PANEL_SERVICE_TYPES: 'image,compute' })
    const start = run.log.lines().filter((l) => String(l.msg).startsWith('Image Sharing Panel'))
    expect(start).toHaveLength(1)
    expect(start[0]?.msg).toBe(
      `Image Sharing Panel at http://127.0.0.1:${run.port}: Keystone ${world.keystone.url}, proxied services identity, image, compute`,
    )
  })

  it('on SIGTERM: refuses new connections, finishes the request in flight, exits 0', async () => {
    const run = await startMain()
    const { cookie, sid } = await signInThrough(`http://127.0.0.1:${run.port}`)
    world.keystone.delayMs = 700
    const before = world.keystone.received.length
    const inFlight = get(run.port, '/proxy/identity/v3/auth/projects', undefined, {
      Cookie: cookie,
      'X-Panel-Session': sid,
    })
    await vi.waitFor(() => expect(world.keystone.received.length).toBe(before + 1))

    run.signals.emit('SIGTERM')
    await vi.waitFor(async () => expect(await refused(run.port)).toBe(true))
    expect(run.exits).toEqual([])

    const answer = await inFlight
    expect(answer.status).toBe(200)
    expect(JSON.parse(answer.body)).toEqual({
      projects: [{ id: 'p1', name: 'producer', domain_id: 'default' }],
    })
    expect(await run.exitPromise).toBe(0)
    expect(run.exits).toEqual([0])
  })

  it('does not wait for idle keep-alive connections', async () => {
    const run = await startMain()
    const agent = new Agent({ keepAlive: true })
    expect((await get(run.port, '/healthz', agent)).status).toBe(200)
    const t0 = Date.now()
    run.signals.emit('SIGTERM')
    expect(await run.exitPromise).toBe(0)
    expect(Date.now() - t0).toBeLessThan(1000)
    agent.destroy()
  })

  it('exits 1 on a second signal, or when requests outlast the grace period', async () => {
    const twice = await startMain()
    const signedIn = await signInThrough(`http://127.0.0.1:${twice.port}`)
    world.keystone.delayMs = 2000
    const slow = get(twice.port, '/proxy/identity/v3/auth/projects', undefined, {
      Cookie: signedIn.cookie,
      'X-Panel-Session': signedIn.sid,
    }).catch(() => null)
    await new Promise((r) => setTimeout(r, 100))
    twice.signals.emit('SIGTERM')
    twice.signals.emit('SIGINT')
    expect(twice.exits).toEqual([1])

    world.keystone.delayMs = 0
    const grace = await startMain({}, 300)
    const graceSession = await signInThrough(`http://127.0.0.1:${grace.port}`)
    world.keystone.delayMs = 2000
    const slow2 = get(grace.port, '/proxy/identity/v3/auth/projects', undefined, {
      Cookie: graceSession.cookie,
      'X-Panel-Session': graceSession.sid,
    }).catch(() => null)
    await new Promise((r) => setTimeout(r, 100))
    const t0 = Date.now()
    grace.signals.emit('SIGTERM')
    expect(await grace.exitPromise).toBe(1)
    expect(Date.now() - t0).toBeLessThan(1500)
    await Promise.all([slow, slow2])
  })
})
