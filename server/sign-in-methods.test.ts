import type { FastifyInstance } from 'fastify'
import type { AddressInfo } from 'node:net'
import { buildApp } from './app.ts'
import { readServerConfig } from './config.ts'
import {
  FAKE_CREDENTIAL,
  FAKE_PASSCODE,
  keystoneAndStaticDirForFile,
  MIA_PASSWORD,
} from './test-support.ts'

/**
 * The ways in besides a password (docs/sessions.md): a second factor after Keystone's auth
 * receipt, an application credential, and Web SSO's receiver and hand-off, on the production app
 * against a loopback Keystone. The same flows run against the real Keystone in the contract and
 * cloud e2e suites.
 */

const world = keystoneAndStaticDirForFile()
const KEYS = `k:${'K'.repeat(43)}=`

const started: FastifyInstance[] = []
afterEach(async () => {
  await Promise.all(started.splice(0).map((a) => a.close()))
  world.keystone.receiptMs = 300_000
})

async function instance() {
  const config = readServerConfig({
    OS_AUTH_URL: world.keystone.url,
    PANEL_SESSION_KEYS: KEYS,
    PANEL_LOG_LEVEL: 'silent',
  })
  const app = await buildApp(config, { staticDir: world.stat.dir })
  started.push(app)
  await app.listen({ host: '127.0.0.1', port: 0 })
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
}

/** A browser of one panel: keeps its cookies, sends what the panel's page sends. */
function browser(base: string) {
  const jar = new Map<string, string>()
  const remember = (r: Response) => {
    for (const line of r.headers.getSetCookie()) {
      const [pair = ''] = line.split(';')
      const eq = pair.indexOf('=')
      const name = pair.slice(0, eq)
      const value = pair.slice(eq + 1)
      if (value === '' || /Max-Age=0/.test(line)) jar.delete(name)
      else jar.set(name, value)
    }
    return r
  }
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
  return {
    jar,
    async send(method: string, path: string, body?: unknown) {
      return remember(
        await fetch(`${base}${path}`, {
          method,
          redirect: 'manual',
          headers: {
            'X-Panel-Session': 'none',
            Origin: base,
            Cookie: cookie(),
            ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        }),
      )
    },
    /** Keystone's WebSSO page posting the token: a cross-site form, no panel header. */
    async postForm(path: string, form: string) {
      return remember(
        await fetch(`${base}${path}`, {
          method: 'POST',
          redirect: 'manual',
          headers: {
            'Content-Type': 'application/x-www-form-urlencoded',
            Origin: 'http://keystone.example',
            'Sec-Fetch-Site': 'cross-site',
            Cookie: cookie(),
          },
          body: form,
        }),
      )
    },
  }
}

const mia = { method: 'password', username: 'mia', password: MIA_PASSWORD, domain: 'Default' }

describe('a second factor (Keystone MFA rules and auth receipts)', () => {
  it('asks for a passcode, keeps the receipt sealed on the server, then signs in', async () => {
    const b = browser(await instance())
    const first = await b.send('POST', '/session', mia)
    expect(first.status).toBe(202)
    const { step } = (await first.json()) as { step: Record<string, unknown> }
    expect(step).toMatchObject({ needs: 'passcode', user: 'mia' })
    expect(Date.parse(String(step.expiresAt))).toBeGreaterThan(Date.now())
    // The receipt is not in what the page can read: only in an HttpOnly cookie, sealed.
    expect(JSON.stringify(step)).not.toContain('receipt-of-mia')
    const stepCookie = first.headers.getSetCookie().join('\n')
    expect(stepCookie).toMatch(/^isp-step=[\w.-]+; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Strict/)
    expect(stepCookie).not.toContain('receipt-of-mia')
    expect(b.jar.has('isp-session')).toBe(false)

    const done = await b.send('POST', '/session/step', { passcode: FAKE_PASSCODE })
    expect(done.status).toBe(201)
    const { session } = (await done.json()) as {
      session: { user: { name: string }; method: string }
    }
    expect(session.user.name).toBe('mia')
    expect(session.method).toBe('password')
    expect(b.jar.has('isp-session')).toBe(true)
    expect(b.jar.has('isp-step')).toBe(false)
  })

  it('a wrong passcode is said, and the step stays for another try', async () => {
    const b = browser(await instance())
    await b.send('POST', '/session', mia)
    const wrong = await b.send('POST', '/session/step', { passcode: '000000' })
    expect(wrong.status).toBe(401)
    const said = (await wrong.json()) as { reason: string; message: string }
    expect(said.reason).toBe('wrong-passcode')
    expect(said.message).toMatch(/passcode is not right/)
    expect(b.jar.has('isp-step')).toBe(true)
    expect((await b.send('POST', '/session/step', { passcode: FAKE_PASSCODE })).status).toBe(201)
  })

  it('once the receipt has expired, the sign-in starts over, saying why', async () => {
    world.keystone.receiptMs = 1_000
    const b = browser(await instance())
    expect((await b.send('POST', '/session', mia)).status).toBe(202)
    // The cookie lasts as long as the receipt: past it, the browser no longer sends it.
    await new Promise((resolve) => setTimeout(resolve, 1_100))
    b.jar.delete('isp-step')
    const late = await b.send('POST', '/session/step', { passcode: FAKE_PASSCODE })
    expect(late.status).toBe(401)
    const said = (await late.json()) as { reason: string; message: string }
    expect(said.reason).toBe('receipt-expired')
    expect(said.message).toMatch(/Sign in again from the start/)
  })

  it('refuses a passcode that is not digits, before asking Keystone', async () => {
    const b = browser(await instance())
    await b.send('POST', '/session', mia)
    const before = world.keystone.received.length
    const r = await b.send('POST', '/session/step', { passcode: '12ab56' })
    expect(r.status).toBe(400)
    expect(world.keystone.received.length).toBe(before)
  })
})

describe('an application credential', () => {
  it('signs in to the credential’s project; the secret is in no answer and no cookie', async () => {
    const b = browser(await instance())
    const r = await b.send('POST', '/session', {
      method: 'application_credential',
      ...FAKE_CREDENTIAL,
    })
    expect(r.status).toBe(201)
    const text = await r.text()
    expect(text).not.toContain(FAKE_CREDENTIAL.secret)
    const { session } = JSON.parse(text) as {
      session: { method: string; applicationCredential: unknown; project: { id: string } }
    }
    expect(session.method).toBe('application_credential')
    expect(session.applicationCredential).toEqual({ id: 'ac1', name: 'ci', restricted: true })
    expect(session.project.id).toBe('p1')
    // No scope was asked for: Keystone refuses one with an application credential.
    expect(world.keystone.received.at(-1)).toBe('POST /v3/auth/tokens')
  })

  it('a wrong secret is said in words', async () => {
    const b = browser(await instance())
    const r = await b.send('POST', '/session', {
      method: 'application_credential',
      id: FAKE_CREDENTIAL.id,
      secret: 'nope',
    })
    expect(r.status).toBe(401)
    const said = (await r.json()) as { reason: string; message: string }
    expect(said.reason).toBe('credential-refused')
    expect(said.message).toMatch(/expired or been deleted/)
  })

  it('is named by its ID, or by its name, user and domain', async () => {
    const b = browser(await instance())
    const r = await b.send('POST', '/session', {
      method: 'application_credential',
      name: 'ci',
      secret: 'x',
    })
    expect(r.status).toBe(400)
  })
})

describe('Web SSO', () => {
  it('receives Keystone’s form, then signs in only the tab that claims it', async () => {
    const base = await instance()
    const b = browser(base)
    const token = world.keystone.federatedToken()
    const received = await b.postForm('/session/websso', `token=${encodeURIComponent(token)}`)
    expect(received.status).toBe(303)
    expect(received.headers.get('location')).toBe('/sign-in?sso=ready')
    expect(received.headers.get('cache-control')).toBe('no-store')
    // The token waits sealed in a cookie, not in the URL, and no session exists yet.
    expect(received.headers.get('location')).not.toContain(token)
    expect(b.jar.has('isp-sso')).toBe(true)
    expect(b.jar.has('isp-session')).toBe(false)

    const claimed = await b.send('POST', '/session/sso', {})
    expect(claimed.status).toBe(201)
    const { session } = (await claimed.json()) as {
      session: { method: string; user: { name: string } }
    }
    expect(session).toMatchObject({ method: 'sso', user: { name: 'sam' } })
    expect(b.jar.has('isp-sso')).toBe(false)
    // Claimed once: a second claim finds nothing.
    const again = await b.send('POST', '/session/sso', {})
    expect(again.status).toBe(401)
    expect(await again.json()).toMatchObject({ reason: 'sso-expired' })
  })

  it('a token Keystone does not know, or none, sends the browser back saying so', async () => {
    const b = browser(await instance())
    const refused = await b.postForm('/session/websso', 'token=forged')
    expect(refused.headers.get('location')).toBe('/sign-in?sso=refused')
    expect(b.jar.has('isp-sso')).toBe(false)
    const none = await b.postForm('/session/websso', 'other=1')
    expect(none.headers.get('location')).toBe('/sign-in?sso=no-token')
  })

  it('a hand-off the tab did not ask for is declined: the token is revoked', async () => {
    const b = browser(await instance())
    const token = world.keystone.federatedToken()
    await b.postForm('/session/websso', `token=${encodeURIComponent(token)}`)
    const r = await b.send('DELETE', '/session/sso')
    expect(r.status).toBe(204)
    expect(b.jar.has('isp-sso')).toBe(false)
    await expect.poll(() => world.keystone.live.has(token)).toBe(false)
  })

  it('the claim, unlike the receiver, must come from the panel’s own page', async () => {
    const base = await instance()
    const token = world.keystone.federatedToken()
    const b = browser(base)
    await b.postForm('/session/websso', `token=${encodeURIComponent(token)}`)
    const r = await fetch(`${base}/session/sso`, {
      method: 'POST',
      headers: {
        Cookie: `isp-sso=${b.jar.get('isp-sso') ?? ''}`,
        'Content-Type': 'text/plain',
        'Sec-Fetch-Site': 'cross-site',
      },
      body: '{}',
    })
    expect(r.status).toBe(403)
  })

  it('refuses a form body beyond what a token needs', async () => {
    const b = browser(await instance())
    const r = await b.postForm('/session/websso', `token=${'a'.repeat(20_000)}`)
    expect(r.status).toBe(413)
  })
})
