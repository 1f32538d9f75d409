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

/** A loopback stand-in for Keystone: GET /v3 answers; `delayMs` slows every answer. */
export async function fakeKeystone(): Promise<{
  url: string
  server: Server
  delayMs: number
  received: string[]
  close: () => Promise<void>
}> {
  const state = { delayMs: 0, received: [] as string[] }
  const server = createServer((req, res) => {
    state.received.push(`${req.method ?? ''} ${req.url ?? ''}`)
    setTimeout(() => {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.end(
        req.url === '/v3/auth/projects'
          ? JSON.stringify({ projects: [{ id: 'p1', name: 'producer' }] })
          : JSON.stringify({ version: { id: 'v3.14', status: 'stable' } }),
      )
    }, state.delayMs)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}/v3`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  })
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
