import * as v from 'valibot'
import { tokenSchema } from '~/api/schemas'
import { demoImageEndpoint } from '~/config/config'
import {
  demoApplicationCredentials,
  demoMfaUser,
  demoSsoUser,
  demoTotpUser,
  demoUsers,
  seedProjectId,
  seedUserId,
  SSO_PROJECT,
} from '~mocks/seed'
import { totpCode } from '~mocks/totp'
import {
  control,
  glance,
  KEYSTONE,
  keystoneMessage,
  passwordAuth,
  tokenFor,
} from '~mocks/test-helpers'

// The demo Keystone (contract §12): sign-in, re-scope, projects, catalog, revoke, expiry.

const PRODUCER = seedProjectId('producer')
const UNAUTHORIZED = 'The request you have made requires authentication.'

function withToken(token: string, path: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers)
  headers.set('Accept', 'application/json')
  headers.set('X-Auth-Token', token)
  return fetch(`${KEYSTONE}${path}`, { ...init, headers })
}

function rescope(token: string, scope: unknown) {
  return fetch(`${KEYSTONE}/auth/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      auth: { identity: { methods: ['token'], token: { id: token } }, scope },
    }),
  })
}

describe('POST /v3/auth/tokens (password)', () => {
  test('project-scoped by id: 201, X-Subject-Token, roles with implied ones, catalog', async () => {
    const response = await passwordAuth('alice', 'alice-demo', { project: { id: PRODUCER } })
    expect(response.status).toBe(201)
    expect(response.headers.get('X-Subject-Token')).toMatch(/^gAAAAA/)
    expect(response.headers.get('x-openstack-request-id')).toMatch(/^req-/)
    const body = v.parse(tokenSchema, await response.json())
    expect(body.token.user).toMatchObject({
      id: seedUserId('alice'),
      name: 'alice',
      domain: { id: 'default', name: 'Default' },
    })
    expect(body.token.project).toMatchObject({ id: PRODUCER, name: 'producer' })
    expect(body.token.roles?.map((r) => r.name).sort()).toEqual(['member', 'reader'])
    expect(body.token.methods).toEqual(['password'])
    expect(body.token.expires_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/)
    const image = body.token.catalog?.find((s) => s.type === 'image')
    const publicTwo = image?.endpoints.find(
      (e) => e.interface === 'public' && e.region_id === 'RegionTwo',
    )
    expect(publicTwo?.url).toBe(demoImageEndpoint('RegionTwo'))
  })

  test('scoped by project name and domain name', async () => {
    const response = await passwordAuth('carol', 'carol-demo', {
      project: { name: 'producer', domain: { name: 'Default' } },
    })
    expect(response.status).toBe(201)
    expect(v.parse(tokenSchema, await response.json()).token.project?.id).toBe(PRODUCER)
  })

  test('admin gets admin, member and reader', async () => {
    const response = await passwordAuth('admin', 'admin-demo', {
      project: { id: seedProjectId('admin') },
    })
    const roles = v.parse(tokenSchema, await response.json()).token.roles?.map((r) => r.name)
    expect(roles?.sort()).toEqual(['admin', 'member', 'reader'])
  })

  test('"unscoped", or no scope and no default project → unscoped token without catalog', async () => {
    for (const scope of ['unscoped', undefined] as const) {
      const response = await passwordAuth('alice', 'alice-demo', scope)
      expect(response.status).toBe(201)
      const body = v.parse(tokenSchema, await response.json())
      expect(body.token.project).toBeUndefined()
      expect(body.token.catalog).toBeUndefined()
    }
  })

  test('no scope with a default project → scoped to it', async () => {
    const response = await passwordAuth('bob', 'bob-demo')
    expect(v.parse(tokenSchema, await response.json()).token.project?.name).toBe('consumer-a')
  })

  test('wrong password and unknown user → the same 401', async () => {
    for (const [user, password] of [
      ['alice', 'wrong'],
      ['nobody', 'x'],
    ] as const) {
      const response = await passwordAuth(user, password)
      expect(response.status).toBe(401)
      expect(await response.json()).toEqual({
        error: { code: 401, title: 'Unauthorized', message: UNAUTHORIZED },
      })
    }
  })

  test('disabled user → the same generic 401 as a wrong password', async () => {
    const response = await passwordAuth('dave', 'dave-demo')
    expect(response.status).toBe(401)
    expect(await keystoneMessage(response)).toBe(UNAUTHORIZED)
    expect(await keystoneMessage(await passwordAuth('dave', 'nope'))).toBe(UNAUTHORIZED)
  })

  test('a project without a role, or an unknown project → 401', async () => {
    for (const id of [seedProjectId('consumer-b'), 'f'.repeat(32)]) {
      const response = await passwordAuth('alice', 'alice-demo', { project: { id } })
      expect(response.status).toBe(401)
      expect(await keystoneMessage(response)).toBe(UNAUTHORIZED)
    }
  })

  test('bad bodies → 400', async () => {
    const post = (body: string) =>
      fetch(`${KEYSTONE}/auth/tokens`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body,
      })
    expect((await post('{')).status).toBe(400)
    expect((await post('{}')).status).toBe(400)
    const noPassword = await post(JSON.stringify({ auth: { identity: { methods: ['password'] } } }))
    expect(noPassword.status).toBe(400)
    expect(await keystoneMessage(noPassword)).toMatch(/^Expecting to find password in identity/)
  })

  test('the sign-in page list matches the world', async () => {
    for (const user of demoUsers.filter((u) => u.name !== 'dave')) {
      expect((await passwordAuth(user.name, user.password)).status).toBe(201)
    }
  })
})

describe('re-scope (token method)', () => {
  test('carol switches from consumer-b to producer; the expiry is kept', async () => {
    const first = await passwordAuth('carol', 'carol-demo', {
      project: { id: seedProjectId('consumer-b') },
    })
    const token = first.headers.get('X-Subject-Token') ?? ''
    const before = v.parse(tokenSchema, await first.json())
    const response = await rescope(token, { project: { id: PRODUCER } })
    expect(response.status).toBe(201)
    const next = response.headers.get('X-Subject-Token')
    expect(next).not.toBe(token)
    const after = v.parse(tokenSchema, await response.json())
    expect(after.token.project?.name).toBe('producer')
    expect(after.token.expires_at).toBe(before.token.expires_at)
    expect(after.token.methods).toContain('token')
  })

  test('an unscoped token can be scoped', async () => {
    const unscoped = await passwordAuth('alice', 'alice-demo', 'unscoped')
    const response = await rescope(unscoped.headers.get('X-Subject-Token') ?? '', {
      project: { id: PRODUCER },
    })
    expect(response.status).toBe(201)
  })

  test('to a project without a role → 401; with an invalid token → 401', async () => {
    const token = await tokenFor('alice')
    expect((await rescope(token, { project: { id: seedProjectId('qa') } })).status).toBe(401)
    expect((await rescope('nope', { project: { id: PRODUCER } })).status).toBe(401)
  })
})

describe('token validation, revocation and expiry', () => {
  test('GET /auth/tokens validates X-Subject-Token: 200 or 404', async () => {
    const token = await tokenFor('alice')
    const ok = await withToken(token, '/auth/tokens', { headers: { 'X-Subject-Token': token } })
    expect(ok.status).toBe(200)
    expect(v.parse(tokenSchema, await ok.json()).token.user.name).toBe('alice')
    const missing = await withToken(token, '/auth/tokens', { headers: { 'X-Subject-Token': 'x' } })
    expect(missing.status).toBe(404)
    expect(await keystoneMessage(missing)).toBe('Could not recognize Fernet token')
  })

  test('a revoked or expired token fails validation; one never issued is not recognised', async () => {
    const token = await tokenFor('alice')
    const other = await tokenFor('alice')
    await withToken(other, '/auth/tokens', {
      method: 'DELETE',
      headers: { 'X-Subject-Token': token },
    })
    const revoked = await withToken(other, '/auth/tokens', {
      headers: { 'X-Subject-Token': token },
    })
    expect(revoked.status).toBe(404)
    expect(await keystoneMessage(revoked)).toBe('Failed to validate token')
    const again = await withToken(other, '/auth/tokens', {
      method: 'DELETE',
      headers: { 'X-Subject-Token': token },
    })
    expect(await keystoneMessage(again)).toBe('Failed to validate token')
    const forged = await withToken(other, '/auth/tokens', {
      headers: { 'X-Subject-Token': 'gAAAAABforged' },
    })
    expect(await keystoneMessage(forged)).toBe('Could not recognize Fernet token')
  })

  test('DELETE revokes at once, for Keystone and Glance', async () => {
    const token = await tokenFor('alice')
    const other = await tokenFor('alice')
    const revoke = await withToken(other, '/auth/tokens', {
      method: 'DELETE',
      headers: { 'X-Subject-Token': token },
    })
    expect(revoke.status).toBe(204)
    expect((await withToken(token, '/auth/projects')).status).toBe(401)
    expect((await glance(token, '/images')).status).toBe(401)
    expect((await glance(other, '/images')).status).toBe(200)
  })

  test('_control/expire-tokens makes every token 401 everywhere', async () => {
    const token = await tokenFor('bob')
    await control('expire-tokens')
    const projects = await withToken(token, '/auth/projects')
    expect(projects.status).toBe(401)
    expect(await keystoneMessage(projects)).toBe(UNAUTHORIZED)
    expect((await withToken(token, '/auth/catalog')).status).toBe(401)
    expect((await glance(token, '/images')).status).toBe(401)
    expect((await rescope(token, { project: { id: seedProjectId('consumer-a') } })).status).toBe(
      401,
    )
    // a new sign-in works again
    expect((await glance(await tokenFor('bob'), '/images')).status).toBe(200)
  })

  test('tokenLifetimeSeconds sets expires_at', async () => {
    await control('settings', { tokenLifetimeSeconds: 60 })
    const response = await passwordAuth('alice', 'alice-demo', { project: { id: PRODUCER } })
    const expires = Date.parse(v.parse(tokenSchema, await response.json()).token.expires_at)
    expect(expires - Date.now()).toBeGreaterThan(50_000)
    expect(expires - Date.now()).toBeLessThanOrEqual(60_000)
  })
})

describe('planned faults (failNext with service: identity)', () => {
  test("answer in Keystone's error shape for the given count, then Keystone recovers", async () => {
    await control('settings', { failNext: { status: 503, count: 2, service: 'identity' } })
    const first = await passwordAuth('alice', 'alice-demo')
    expect(first.status).toBe(503)
    expect(await keystoneMessage(first)).toBe('Service Unavailable')
    expect((await passwordAuth('alice', 'alice-demo')).status).toBe(503)
    // Spent after two: Keystone answers again.
    expect((await passwordAuth('alice', 'alice-demo')).status).toBe(201)
  })

  test('status 0 drops the connection of the matching Keystone call only', async () => {
    const token = await tokenFor('alice')
    await control('settings', {
      failNext: { status: 0, service: 'identity', path: '/auth/tokens', method: 'POST' },
    })
    expect((await withToken(token, '/auth/projects')).status).toBe(200)
    expect((await glance(token, '/images')).status).toBe(200)
    await expect(passwordAuth('alice', 'alice-demo')).rejects.toThrow()
    expect((await passwordAuth('alice', 'alice-demo')).status).toBe(201)
  })
})

describe('_control/grant-role', () => {
  test('gives a user a role on a project, by names, as `openstack role add` does', async () => {
    const before = await passwordAuth('bob', 'bob-demo', {
      project: { id: seedProjectId('admin') },
    })
    expect(before.status).toBe(401)
    await control('grant-role', { user: 'bob', project: 'admin', role: 'member' })
    const after = await passwordAuth('bob', 'bob-demo', { project: { id: seedProjectId('admin') } })
    expect(after.status).toBe(201)
    const roles = v.parse(tokenSchema, await after.json()).token.roles?.map((r) => r.name)
    expect(roles?.sort()).toEqual(['member', 'reader'])
  })

  test('refuses names it does not know', async () => {
    await expect(
      control('grant-role', { user: 'bob', project: 'nowhere', role: 'member' }),
    ).rejects.toThrow('404')
  })
})

describe('projects and catalog', () => {
  test('GET /auth/projects lists the projects where the user has a role', async () => {
    const token = await tokenFor('carol')
    const response = await withToken(token, '/auth/projects')
    expect(response.status).toBe(200)
    const body = (await response.json()) as { projects: { name: string; domain_id: string }[] }
    expect(body.projects.map((p) => p.name).sort()).toEqual(['consumer-b', 'producer'])
    expect(body.projects.every((p) => p.domain_id === 'default')).toBe(true)
  })

  test('works with an unscoped token too', async () => {
    const unscoped = await passwordAuth('carol', 'carol-demo', 'unscoped')
    const token = unscoped.headers.get('X-Subject-Token') ?? ''
    expect((await withToken(token, '/auth/projects')).status).toBe(200)
  })

  test('GET /auth/catalog for a scoped token; 401 without a valid one', async () => {
    const token = await tokenFor('alice')
    const response = await withToken(token, '/auth/catalog')
    expect(response.status).toBe(200)
    const body = (await response.json()) as { catalog: { type: string }[] }
    expect(body.catalog.map((s) => s.type)).toContain('image')
    expect((await withToken('bad', '/auth/catalog')).status).toBe(401)
  })

  test('GET /projects/{id}: the scoped project or admin → 200; others → 403', async () => {
    const alice = await tokenFor('alice')
    const own = await withToken(alice, `/projects/${PRODUCER}`)
    expect(own.status).toBe(200)
    expect(await own.json()).toMatchObject({ project: { id: PRODUCER, name: 'producer' } })
    const other = await withToken(alice, `/projects/${seedProjectId('consumer-a')}`)
    expect(other.status).toBe(403)
    expect(await other.json()).toMatchObject({ error: { code: 403, title: 'Forbidden' } })
    const admin = await tokenFor('admin')
    expect((await withToken(admin, `/projects/${seedProjectId('consumer-a')}`)).status).toBe(200)
    expect((await withToken(admin, `/projects/${'0'.repeat(32)}`)).status).toBe(404)
  })
})

describe('Glance with an unscoped token', () => {
  test('every Glance policy is project-scoped → 403', async () => {
    const unscoped = await passwordAuth('alice', 'alice-demo', 'unscoped')
    const response = await glance(unscoped.headers.get('X-Subject-Token') ?? '', '/images')
    expect(response.status).toBe(403)
  })
})

// The sign-in methods' answers are proven against the real Keystone in
// e2e/contract/sign-in-methods.contract.ts; here, what only the demo has: its knobs and its table.

function signIn(identity: unknown, scope?: unknown, headers: Record<string, string> = {}) {
  return fetch(`${KEYSTONE}/auth/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ auth: { identity, ...(scope === undefined ? {} : { scope }) } }),
  })
}

const miaPassword = {
  methods: ['password'],
  password: {
    user: { name: demoMfaUser.name, domain: { name: 'Default' }, password: demoMfaUser.password },
  },
}
const totpOf = async (name: string, secret: string) => ({
  methods: ['totp'],
  totp: { user: { name, domain: { name: 'Default' }, passcode: await totpCode(secret) } },
})

describe('the demo sign-in table’s users and credentials', () => {
  test('mia: her password earns a receipt, her code then a token', async () => {
    const first = await signIn(miaPassword)
    expect(first.status).toBe(401)
    const receipt = first.headers.get('Openstack-Auth-Receipt') ?? ''
    const second = await signIn(
      await totpOf(demoMfaUser.name, demoMfaUser.totpSecret),
      { project: { id: seedProjectId('consumer-b') } },
      { 'Openstack-Auth-Receipt': receipt },
    )
    expect(second.status).toBe(201)
    expect(v.parse(tokenSchema, await second.json()).token.user.id).toBe(seedUserId('mia'))
  })

  test('tess: a code alone; no password signs her in', async () => {
    const alone = await signIn(await totpOf(demoTotpUser.name, demoTotpUser.totpSecret))
    expect(alone.status).toBe(201)
    expect(v.parse(tokenSchema, await alone.json()).token.methods).toEqual(['totp'])
    for (const password of ['', 'null', 'tess-demo']) {
      expect((await passwordAuth('tess', password)).status).toBe(401)
    }
  })

  test('each application credential signs in, and its token reads producer’s images', async () => {
    for (const c of demoApplicationCredentials) {
      const response = await signIn({
        methods: ['application_credential'],
        application_credential: { id: c.id, secret: c.secret },
      })
      expect(response.status).toBe(201)
      const token = response.headers.get('X-Subject-Token') ?? ''
      expect((await glance(token, '/images')).status).toBe(200)
    }
  })
})

describe('receipt lifetime and trusted dashboards (_control/settings)', () => {
  test('receipts live receiptLifetimeSeconds: Keystone’s 300 s unless set', async () => {
    const lifetime = async () => {
      const body = (await (await signIn(miaPassword)).json()) as {
        receipt: { issued_at: string; expires_at: string }
      }
      return (Date.parse(body.receipt.expires_at) - Date.parse(body.receipt.issued_at)) / 1000
    }
    expect(await lifetime()).toBe(300)
    await control('settings', { receiptLifetimeSeconds: 5 })
    expect(await lifetime()).toBe(5)
  })

  const websso = (origin: string) =>
    fetch(
      `${KEYSTONE}/auth/OS-FEDERATION/identity_providers/${demoSsoUser.identityProvider}/protocols/${demoSsoUser.protocol}/websso?origin=${encodeURIComponent(origin)}`,
      {
        headers: {
          'X-Remote-User': demoSsoUser.name,
          'X-Remote-Email': demoSsoUser.email,
          'X-Idp': demoSsoUser.remoteId,
        },
      },
    )

  test('by default the panel’s receiver on any port is trusted, nothing else', async () => {
    for (const origin of [
      'http://localhost:5173/session/websso',
      'http://127.0.0.1:4179/session/websso',
      'https://panel.example/session/websso',
    ]) {
      const page = await websso(origin)
      expect(page.status).toBe(200)
      expect(await page.text()).toContain(`action="${origin}"`)
    }
    for (const origin of [
      'http://localhost:5173/session/websso/',
      'http://localhost:5173/session/websso?next=/',
      'http://localhost:5173/elsewhere',
      'javascript:alert(1)//session/websso',
      'http://LOCALHOST:5173/session/websso',
    ]) {
      expect((await websso(origin)).status).toBe(401)
    }
  })

  test('a list of trusted dashboards makes the mock as strict as Keystone', async () => {
    await control('settings', { trustedDashboards: ['http://Panel.example:8443/session/websso'] })
    // Keystone lower-cases the host names of its list, not the origin's.
    expect((await websso('http://panel.example:8443/session/websso')).status).toBe(200)
    expect((await websso('http://localhost:5173/session/websso')).status).toBe(401)
    await control('settings', { trustedDashboards: null })
    expect((await websso('http://localhost:5173/session/websso')).status).toBe(200)
  })

  test('a WebSSO user is made once, and works in the seeded sso-consumer', async () => {
    const tokens: string[] = []
    for (let i = 0; i < 2; i++) {
      const html = await (await websso('http://localhost:5173/session/websso')).text()
      tokens.push(/id="token" value="([^"]+)"/.exec(html)?.[1] ?? '')
    }
    const ids = await Promise.all(
      tokens.map(async (t) => {
        const r = await withToken(t, '/auth/tokens', { headers: { 'X-Subject-Token': t } })
        return v.parse(tokenSchema, await r.json()).token.user.id
      }),
    )
    expect(ids[0]).toBe(ids[1])
    const scoped = await rescope(tokens[0] ?? '', { project: { id: SSO_PROJECT.id } })
    expect(scoped.status).toBe(201)
    const token = scoped.headers.get('X-Subject-Token') ?? ''
    expect((await glance(token, '/images')).status).toBe(200)
  })
})
