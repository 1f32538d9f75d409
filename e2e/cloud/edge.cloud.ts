import { randomUUID } from 'node:crypto'
// Plain HTTP, no page: the fixtures' axe and CSP checks of a page have nothing to look at here.
import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test'
import { passwords } from '../fixtures'
import { logText } from './stack'

/**
 * The edge of the deployed panel, by plain HTTP: nginx (baseURL) and one `serve` instance behind
 * it. What an attacker or a broken client can send, and what the panel's origin must never answer.
 */
const direct = 'http://127.0.0.1:4181'
const nginx = 'http://127.0.0.1:4180'
const twoMiB = Buffer.alloc(2 << 20, 0x61)

const serveLogs = () => logText('panel/logs/serve-4181.log') + logText('panel/logs/serve-4182.log')
const glanceLog = () => logText('logs/glance-one.log')
const keystonePosts = () => logText('logs/keystone-uwsgi.log').split('POST /v3/auth/tokens').length

/**
 * alice signed in through `base` as the page signs in: the context keeps the session cookie, and
 * the headers returned are the ones the page sends with every proxied request.
 */
async function signedIn(client: APIRequestContext, base: string) {
  const r = await client.post('/session', {
    headers: { 'X-Panel-Session': 'none', Origin: base },
    data: {
      method: 'password',
      username: 'alice',
      password: passwords.alice ?? '',
      domain: 'Default',
      project: 'producer',
    },
  })
  expect(r.status()).toBe(201)
  const { session } = (await r.json()) as { session: { id: string } }
  return { 'X-Panel-Session': session.id, Origin: base }
}

/** A refusal in Glance's error shape, in words that say the body is too large. */
async function expectTooLarge(r: APIResponse) {
  expect(r.status()).toBe(413)
  expect(r.headers()['content-type']).toMatch(/^application\/json\b/)
  expect(await r.json()).toEqual({
    message: expect.stringMatching(/request body is larger than the proxy accepts/),
    code: '413 Request Entity Too Large',
    title: 'Request Entity Too Large',
  })
}

test('a 2 MiB body is refused by nginx with 413 in JSON and reaches no instance, Glance or Keystone', async ({
  request,
}) => {
  const session = await signedIn(request, nginx)
  const id = randomUUID()
  const upload = `/proxy/image/RegionOne/v2/images/${id}/file`
  const posts = keystonePosts()

  let started = Date.now()
  const put = await request.put(upload, {
    data: twoMiB,
    headers: { 'Content-Type': 'application/octet-stream', ...session },
  })
  expect(Date.now() - started).toBeLessThan(2_000)
  await expectTooLarge(put)

  started = Date.now()
  const signIn = await request.post('/proxy/identity/v3/auth/tokens', {
    data: twoMiB,
    headers: { 'Content-Type': 'application/json' },
  })
  expect(Date.now() - started).toBeLessThan(2_000)
  await expectTooLarge(signIn)

  // Neither instance logged them, Glance never saw the image ID, Keystone got no sign-in.
  expect(serveLogs()).not.toContain(id)
  expect(glanceLog()).not.toContain(id)
  expect(keystonePosts()).toBe(posts)

  // The same upload with a small body does go through, to Glance: the logs above would show it.
  const small = await request.put(upload, {
    data: Buffer.from('tiny'),
    headers: { 'Content-Type': 'application/octet-stream', ...session },
  })
  expect(small.status()).toBe(404)
  await expect.poll(() => serveLogs().includes(id) && glanceLog().includes(id)).toBe(true)
})

test('one serve instance refuses a 2 MiB body itself, in Glance’s JSON shape', async ({
  playwright,
}) => {
  const instance = await playwright.request.newContext({ baseURL: direct })
  const session = await signedIn(instance, direct)
  const id = randomUUID()
  const posts = keystonePosts()

  const started = Date.now()
  const put = await instance.put(`/proxy/image/RegionOne/v2/images/${id}/file`, {
    data: twoMiB,
    headers: { 'Content-Type': 'application/octet-stream', ...session },
  })
  expect(Date.now() - started).toBeLessThan(2_000)
  await expectTooLarge(put)
  await expectTooLarge(
    await instance.post('/proxy/identity/v3/auth/tokens', {
      data: twoMiB,
      headers: { 'Content-Type': 'application/json' },
    }),
  )
  await instance.dispose()

  // The instance answered (its access line says 413); Glance and Keystone saw nothing.
  const line = logText('panel/logs/serve-4181.log')
    .split('\n')
    .find((l) => l.includes(id))
  expect(JSON.parse(line ?? '{}')).toMatchObject({ method: 'PUT', status: 413 })
  expect(glanceLog()).not.toContain(id)
  expect(keystonePosts()).toBe(posts)
})

test('a service type off the allowlist is 404, even in a session', async ({ request }) => {
  const session = await signedIn(request, nginx)
  for (const path of ['/proxy/compute/RegionOne/v2.1/servers', '/proxy/network/RegionOne/v2.0']) {
    const r = await request.get(path, { headers: session })
    expect(r.status()).toBe(404)
    expect(r.headers()['content-type']).toMatch(/^application\/json\b/)
    expect(await r.json()).toMatchObject({
      message: 'The proxy does not serve this service.',
      code: '404 Not Found',
    })
  }
})

test('a proxied Glance answer is never cached across sessions and sets no cookie', async ({
  request,
}) => {
  const session = await signedIn(request, nginx)
  const r = await request.get('/proxy/image/RegionOne/v2/images?limit=1', { headers: session })
  expect(r.status()).toBe(200)
  expect(await r.json()).toHaveProperty('images')
  const headers = r.headersArray().map(({ name, value }) => ({ name: name.toLowerCase(), value }))
  const all = (name: string) => headers.filter((h) => h.name === name).map((h) => h.value)
  expect(all('cache-control')).toEqual(['no-store'])
  // nginx may add its own `Vary: Accept-Encoding`; the session cookie must be among the varying headers.
  const vary = all('vary').flatMap((v) => v.split(',').map((s) => s.trim().toLowerCase()))
  expect(vary).toContain('cookie')
  expect(all('set-cookie')).toEqual([])
  expect(all('x-content-type-options')).toEqual(['nosniff'])
})

test('repository files, dotfiles and source maps are 404, through nginx and straight', async ({
  request,
  playwright,
}) => {
  // A real asset of this build: its map is the one a leak would hand out.
  const html = await (await request.get('/')).text()
  const asset = /\/assets\/[^"]+\.js/.exec(html)?.[0] ?? ''
  expect(asset).not.toBe('')
  expect((await request.get(asset)).status()).toBe(200)

  const instance = await playwright.request.newContext({ baseURL: direct })
  for (const path of [
    '/package.json',
    '/.git/config',
    '/.env',
    '/assets/whatever.map',
    `${asset}.map`,
  ]) {
    for (const [via, client] of [
      ['nginx', request],
      ['serve', instance],
    ] as const) {
      const r = await client.get(path)
      expect(`${via} ${path} ${r.status()}`).toBe(`${via} ${path} 404`)
      // Not the SPA's index.html either.
      expect(await r.text()).not.toContain('<title>Image Sharing Panel</title>')
    }
  }
  await instance.dispose()
})
