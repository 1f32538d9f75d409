import { spawn, type ChildProcess } from 'node:child_process'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'

/**
 * scripts/cloud/test-idp.mjs, the test-only identity provider of the real test cloud, in front of
 * a stand-in for Keystone that records what it was asked: the login page, the identity headers it
 * sends, the answer it relays, Cancel, and the user name that never gets an answer.
 */

const script = fileURLToPath(new URL('./test-idp.mjs', import.meta.url))
const IDP_PATH = '/v3/auth/OS-FEDERATION/identity_providers/localidp/protocols/mapped/websso'
const PROTOCOL_PATH = '/v3/auth/OS-FEDERATION/websso/mapped'
const ORIGIN = 'http://127.0.0.1:4180/session/websso'

type Asked = { url: string; method: string; headers: IncomingHttpHeaders }
let asked: Asked[] = []
/** What the stand-in answers next. */
let answer = { status: 200, type: 'text/html', body: '<form action="x">token</form>' }

let keystone: Server
let idp: ChildProcess
let idpUrl = ''

const port = (server: Server) => (server.address() as AddressInfo).port

async function freePort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const free = port(probe)
  await new Promise((resolve) => probe.close(resolve))
  return free
}

beforeAll(async () => {
  keystone = createServer((req, res) => {
    asked.push({ url: req.url ?? '', method: req.method ?? '', headers: req.headers })
    res.writeHead(answer.status, { 'Content-Type': answer.type })
    res.end(answer.body)
  })
  await new Promise<void>((resolve) => keystone.listen(0, '127.0.0.1', resolve))
  const idpPort = await freePort()
  idp = spawn(
    process.execPath,
    [script, '--keystone', `http://127.0.0.1:${port(keystone)}`, '--port', String(idpPort)],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  )
  // It says so on stderr once it listens.
  await new Promise<void>((resolve, reject) => {
    idp.stderr?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('listening')) resolve()
    })
    idp.on('exit', (code) => reject(new Error(`test-idp.mjs exited with ${String(code)}`)))
  })
  idpUrl = `http://127.0.0.1:${idpPort}`
}, 20_000)

afterAll(async () => {
  idp.kill()
  await new Promise((resolve) => keystone.close(resolve))
})

beforeEach(() => {
  asked = []
  answer = { status: 200, type: 'text/html', body: '<form action="x">token</form>' }
})

const page = (path: string, origin: string | null = ORIGIN) =>
  fetch(`${idpUrl}${path}${origin === null ? '' : `?origin=${encodeURIComponent(origin)}`}`)

const signIn = (path: string, username: string, signal?: AbortSignal) =>
  fetch(`${idpUrl}${path}?origin=${encodeURIComponent(ORIGIN)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username }).toString(),
    signal: signal ?? null,
  })

describe('the login page', () => {
  it('on both WebSSO paths: a labelled User name field, Sign in, Cancel back to the panel', async () => {
    for (const path of [IDP_PATH, PROTOCOL_PATH]) {
      const response = await page(path)
      expect(response.status).toBe(200)
      expect(response.headers.get('Content-Type')).toBe('text/html; charset=utf-8')
      const html = await response.text()
      expect(html).toContain('<title>Test identity provider</title>')
      expect(html).toContain('<label for="username">User name</label>')
      expect(html).toMatch(/<input id="username" name="username" value="sam"/)
      expect(html).toContain('<button type="submit">Sign in</button>')
      // The form goes back to the same path and query.
      expect(html).toContain(`action="${path}?origin=${encodeURIComponent(ORIGIN)}"`)
      expect(html).toContain('<a href="http://127.0.0.1:4180/sign-in">Cancel</a>')
    }
    // Nothing reaches Keystone until the user signs in.
    expect(asked).toEqual([])
  })

  it('has no Cancel when the origin is missing or no web address', async () => {
    for (const origin of [null, 'javascript:alert(1)', 'not a url']) {
      const html = await (await page(IDP_PATH, origin)).text()
      expect(html).not.toContain('Cancel')
    }
  })

  it('escapes what it repeats of the request', async () => {
    const html = await (await page(IDP_PATH, 'http://a.example/"><script>')).text()
    expect(html).not.toContain('<script>')
  })

  it('answers 404 off the WebSSO paths', async () => {
    expect((await fetch(`${idpUrl}/v3/auth/tokens`)).status).toBe(404)
  })
})

describe('signing in', () => {
  it('asks Keystone’s same path and query with the identity headers, and relays its answer', async () => {
    answer = { status: 200, type: 'text/html', body: '<form id="sso">the token</form>' }
    const response = await signIn(PROTOCOL_PATH, 'sam')
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('text/html')
    expect(await response.text()).toBe('<form id="sso">the token</form>')
    expect(asked).toEqual([
      {
        url: `${PROTOCOL_PATH}?origin=${encodeURIComponent(ORIGIN)}`,
        method: 'GET',
        headers: expect.objectContaining({
          'x-remote-user': 'sam',
          'x-remote-email': 'sam@example.org',
          'x-idp': 'local-idp',
        }) as IncomingHttpHeaders,
      },
    ])
  })

  it('relays Keystone’s refusal as it came', async () => {
    answer = { status: 401, type: 'application/json', body: '{"error":{"code":401}}' }
    const response = await signIn(IDP_PATH, 'sam')
    expect(response.status).toBe(401)
    expect(response.headers.get('Content-Type')).toBe('application/json')
    expect(await response.text()).toBe('{"error":{"code":401}}')
  })

  it('sends no identity for an empty name, so Keystone has nothing to map', async () => {
    await signIn(IDP_PATH, '')
    expect(asked[0]?.headers['x-remote-user']).toBeUndefined()
    expect(asked[0]?.headers['x-idp']).toBe('local-idp')
  })

  it('never answers nobody-answers, and never asks Keystone', async () => {
    await expect(signIn(IDP_PATH, 'nobody-answers', AbortSignal.timeout(500))).rejects.toThrow()
    expect(asked).toEqual([])
  })
})
