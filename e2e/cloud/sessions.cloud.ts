import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { request as apiRequest, type BrowserContext, type Page } from '@playwright/test'
import { listMembers } from '~/api/glance'
import {
  expect,
  imagesLoaded,
  sawSignIn,
  signIn,
  signInAndWait,
  test,
  watchSignIn,
} from '../fixtures'
import { instances, isAlive, servePid, sessionCookie, tokenInCookie } from './stack'
import { cleanUp, glanceAs, imageOf, keystoneSees, runId } from './world'

/**
 * Sessions on the real cloud (docs/sessions.md), through nginx and two instances: the browser
 * holds an HttpOnly cookie and never the token; the cookie opens the session on either instance,
 * after a restart too; foreign pages change nothing; sign-out revokes the token at Keystone. The
 * test reads the token out of the cookie with the instances' key, as only an operator could.
 */
const name = `${runId} sessions image in RegionOne`
let imageId = ''
const panel = 'http://127.0.0.1:4180'

test.beforeAll(async () => {
  imageId = (await imageOf('alice', 'producer', 'RegionOne', { name })).id
})
test.afterAll(cleanUp)

/** Everything the page could read: its storage, its cookies, every header and body it sent or got. */
function watchWhatThePageSees(context: BrowserContext) {
  const seen: string[] = []
  context.on('request', (r) => {
    void r.allHeaders().then((h) => seen.push(JSON.stringify(h), r.postData() ?? ''))
  })
  context.on('response', (r) => {
    void r.allHeaders().then((h) => {
      // What a script can read of the answer: Set-Cookie never reaches it (fetch hides it).
      seen.push(JSON.stringify(Object.entries(h).filter(([n]) => n !== 'set-cookie')))
    })
    if (new URL(r.url()).pathname.startsWith('/assets/')) return
    void r.text().then(
      (t) => seen.push(t),
      () => undefined,
    )
  })
  return async (page: Page) => {
    const storage = await page.evaluate(() => ({
      cookie: document.cookie,
      local: JSON.stringify(Object.entries(localStorage)),
      session: JSON.stringify(Object.entries(sessionStorage)),
    }))
    return [...seen, storage.cookie, storage.local, storage.session].join('\n')
  }
}

test('the page never holds the token: not in storage, a readable cookie, a header or a body', async ({
  page,
  context,
}) => {
  const everything = watchWhatThePageSees(context)
  await signInAndWait(page, 'alice')
  await imagesLoaded(page)
  // A deep link in a new tab, a dialog's requests: more of what the page sends and gets.
  const tab = await context.newPage()
  await tab.goto(`/images/${imageId}?region=RegionOne`)
  await expect(tab.getByRole('heading', { level: 1 })).toHaveText(name)

  const cookie = await sessionCookie(context)
  expect(cookie).toMatchObject({
    name: 'isp-session',
    httpOnly: true,
    sameSite: 'Strict',
    path: '/',
  })
  // Plain HTTP on loopback here; behind TLS the cookie is __Host- and Secure (server/session.test.ts).
  expect(cookie.secure).toBe(false)
  const token = await tokenInCookie(context)
  expect(token).toMatch(/^gAAAAA/)
  expect(await keystoneSees(token)).toEqual({ validate: 200, catalog: 200 })

  const seen = (await everything(page)) + (await everything(tab))
  expect(seen).toContain('X-Panel-Session'.toLowerCase())
  expect(seen).not.toContain(token)
  // No Fernet token at all, whoever's.
  expect(seen).not.toMatch(/gAAAAA[\w-]{40}/)
  expect(await page.evaluate(() => document.cookie)).toBe('')
  await tab.close()
})

test('a deep link opened in a new tab is signed in by the cookie alone', async ({
  page,
  context,
}) => {
  await signInAndWait(page, 'alice')
  const tab = await context.newPage()
  await watchSignIn(tab)
  await tab.goto(`/images/${imageId}?region=RegionOne`)
  await expect(tab.getByRole('heading', { level: 1 })).toHaveText(name)
  await expect(tab.getByRole('button', { name: 'User menu for alice' })).toBeVisible()
  expect(new URL(tab.url()).pathname).toBe(`/images/${imageId}`)
  expect(await sawSignIn(tab)).toBe(false)
  await page.close()
  await tab.reload()
  await expect(tab.getByRole('heading', { level: 1 })).toHaveText(name)
  expect(await sawSignIn(tab)).toBe(false)
})

/** A page of another origin, on `host`, that tries what a CSRF attacker would. */
async function foreignSite(bobProject: string): Promise<{ server: Server; port: number }> {
  const attack = `
    const panel = ${JSON.stringify(panel)}
    const plain = { 'Content-Type': 'text/plain' }
    // A page of another origin can send, without a preflight, POSTs with a text/plain body only.
    const tries = [
      ['/proxy/image/RegionOne/v2/images/${imageId}/members', JSON.stringify({ member: ${JSON.stringify(bobProject)} })],
      ['/session', JSON.stringify({ method: 'password', username: 'bob', password: 'x', domain: 'Default' })],
      ['/session/project', JSON.stringify({ projectId: ${JSON.stringify(bobProject)} })],
    ]
    Promise.all(tries.map(([path, body]) =>
      fetch(panel + path, { method: 'POST', mode: 'no-cors', credentials: 'include', headers: plain, body })
        .then(() => 'sent', (e) => String(e))
    )).then((r) => { document.title = 'done ' + r.join(',') })`
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' })
    res.end(`<!doctype html><title>foreign</title><script>${attack}</script>`)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return { server, port: (server.address() as AddressInfo).port }
}

test('pages of another port or another site change nothing, whatever they POST', async ({
  page,
  context,
}) => {
  const bob = await glanceAs('bob', 'consumer-a', 'RegionOne')
  const alice = await glanceAs('alice', 'producer', 'RegionOne')
  const membersBefore = await listMembers(alice, imageId)
  await signInAndWait(page, 'alice')
  const { server, port } = await foreignSite(bob.projectId)
  try {
    // The same host on another port is the same site: the cookie goes along, and is refused.
    // localhost is another site: SameSite=Strict keeps the cookie home, and it is refused too.
    for (const origin of [`http://127.0.0.1:${port}`, `http://localhost:${port}`]) {
      const foreign = await context.newPage()
      await foreign.goto(`${origin}/`)
      await expect(foreign).toHaveTitle(/^done /)
      await foreign.close()
    }
  } finally {
    server.close()
  }
  // Glance's own state: no member added.
  expect(await listMembers(alice, imageId)).toEqual(membersBefore)
  // alice is still signed in, as herself, in her project.
  await page.reload()
  await expect(page.getByRole('button', { name: 'User menu for alice' })).toBeVisible()
  await imagesLoaded(page)
})

test('a session moves between the instances and survives a restart of one', async ({ page }) => {
  await signInAndWait(page, 'alice')
  await imagesLoaded(page)
  const sessionThrough = async () => {
    const r = await page.request.get('/session')
    return { status: r.status(), upstream: r.headers()['x-upstream'] ?? '' }
  }
  // Round robin: the one cookie opens the session on both.
  const answered = new Set<string>()
  for (let i = 0; i < 6; i++) {
    const r = await sessionThrough()
    expect(r.status).toBe(200)
    answered.add(r.upstream)
  }
  expect([...answered].sort()).toEqual([...instances])

  const pid = servePid(4182)
  process.kill(pid, 'SIGKILL')
  await expect.poll(() => isAlive(pid)).toBe(false)
  // panel.sh starts it again; its first answers are for the session it never saw being made.
  await expect
    .poll(async () => (await sessionThrough()).upstream, { timeout: 30_000 })
    .toBe('127.0.0.1:4182')
  expect(servePid(4182)).not.toBe(pid)
  for (let i = 0; i < 4; i++) expect((await sessionThrough()).status).toBe(200)
  await page.reload()
  await imagesLoaded(page)
  await expect(page.getByRole('button', { name: 'User menu for alice' })).toBeVisible()
})

test('sign-out in one tab signs out the other; Keystone revokes the token; the old cookie opens nothing', async ({
  page,
  context,
}) => {
  await signInAndWait(page, 'alice')
  const tab = await context.newPage()
  await tab.goto('/images')
  await expect(tab.getByRole('button', { name: 'User menu for alice' })).toBeVisible()
  const old = await sessionCookie(context)
  const token = await tokenInCookie(context)
  const sid = await page.evaluate(async () => {
    const r = await fetch('/session')
    return ((await r.json()) as { session: { id: string } }).session.id
  })
  expect(await keystoneSees(token)).toEqual({ validate: 200, catalog: 200 })

  await tab.getByRole('button', { name: 'User menu for alice' }).click()
  await tab.getByRole('menuitem', { name: 'Sign out' }).click()
  await expect(tab.getByText('You have signed out.')).toBeVisible()
  await expect(page.getByText('You have signed out.')).toBeVisible()
  await expect(page).toHaveURL(/\/sign-in/)
  expect(await context.cookies()).toEqual([])
  await expect.poll(() => keystoneSees(token)).toEqual({ validate: 404, catalog: 401 })

  // Someone who kept the cookie replays it, through both instances: nothing opens, nothing changes.
  const replay = await apiRequest.newContext({
    baseURL: panel,
    extraHTTPHeaders: { Cookie: `${old.name}=${old.value}`, 'X-Panel-Session': sid, Origin: panel },
  })
  const upstreams = new Set<string>()
  for (let i = 0; i < 4; i++) {
    const r = await replay.get('/session')
    expect(r.status()).toBe(401)
    const write = await replay.post(`/proxy/image/RegionOne/v2/images/${imageId}/members`, {
      data: { member: 'f'.repeat(32) },
    })
    expect(write.status()).toBe(401)
    // Round robin alternates: the reads and the writes may each land on one instance only.
    upstreams.add(`GET ${r.headers()['x-upstream'] ?? ''}`)
    upstreams.add(`POST ${write.headers()['x-upstream'] ?? ''}`)
  }
  await replay.dispose()
  // Both instances refused the replayed cookie.
  expect(new Set([...upstreams].map((u) => u.split(' ')[1])).size).toBe(2)
  const alice = await glanceAs('alice', 'producer', 'RegionOne')
  expect((await listMembers(alice, imageId)).map((m) => m.member_id)).not.toContain('f'.repeat(32))

  await page.goto('/images')
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible()
})

test('a project switch revokes the old token and the other tab follows without a sign-in', async ({
  page,
  context,
}) => {
  const producer = (await glanceAs('carol', 'producer', 'RegionOne')).projectId
  const consumerB = (await glanceAs('carol', 'consumer-b', 'RegionOne')).projectId
  await signIn(page, 'carol')
  await page.getByRole('button', { name: 'producer' }).click()
  await expect(page.getByRole('heading', { name: 'Saved Images' })).toBeVisible()

  const tab = await context.newPage()
  await watchSignIn(tab)
  await tab.goto('/images')
  const tabProject = tab.getByLabel('Project', { exact: true })
  await expect(tabProject).toHaveValue(producer)
  const old = await tokenInCookie(context)
  expect(await keystoneSees(old)).toEqual({ validate: 200, catalog: 200 })

  await page.getByLabel('Project', { exact: true }).selectOption({ label: 'consumer-b' })
  await expect(page.getByText('Switched to project consumer-b')).toBeVisible()
  const fresh = await tokenInCookie(context)
  expect(fresh).not.toBe(old)

  // The other tab moves to the new session: its picker, still carol, never signed out.
  await expect(tabProject).toHaveValue(consumerB)
  await expect(tab.getByRole('button', { name: 'User menu for carol' })).toBeVisible()
  await expect(tab.getByRole('heading', { name: 'Saved Images' })).toBeVisible()
  expect(await sawSignIn(tab)).toBe(false)

  await expect.poll(() => keystoneSees(old)).toEqual({ validate: 404, catalog: 401 })
  expect(await keystoneSees(fresh)).toEqual({ validate: 200, catalog: 200 })
})
