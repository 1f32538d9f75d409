import { afterAll } from 'vitest'
import { totpCode } from '~mocks/totp'
import { expect, run } from './helpers'
import { target } from './target'

/**
 * Keystone's raw answers to the sign-in methods of issue 24 (TOTP with MFA rules and auth
 * receipts, application credentials, WebSSO), status, headers and bodies, as Debian bookworm's
 * Keystone 22 gives them: the panel's server and the demo's stand-in read exactly these.
 *
 * Where Keystone lists methods from a Python set (the 201 that issues a token, a receipt's
 * rules), their order differs from one Keystone process to the next: those are compared sorted.
 * A validated token (GET /v3/auth/tokens) lists them in one order, from the highest bit of the
 * test cloud's [auth] methods down: mapped, application_credential, totp, token, password.
 */

const { mfaUser, totpUser, applicationCredentials, sso } = target.signIn
const DEFAULT = { id: 'default', name: 'Default' }
const KEYSTONE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/
const RECEIPT = /^gAAAAA[\w-]+$/
const UNAUTHORIZED = {
  error: {
    code: 401,
    message: 'The request you have made requires authentication.',
    title: 'Unauthorized',
  },
}

type Answer = { status: number; headers: Headers; body: unknown; text: string }

async function call(url: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(url, init)
  const text = await response.text()
  let body: unknown = null
  try {
    body = JSON.parse(text) as unknown
  } catch {
    // HTML (WebSSO's page) or empty (204): the text is what counts.
  }
  return { status: response.status, headers: response.headers, body, text }
}

function post(auth: unknown, headers: Record<string, string> = {}) {
  return call(`${target.authUrl}/auth/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...headers },
    body: JSON.stringify({ auth }),
  })
}

const withToken = (token: string, path: string, init: RequestInit = {}) =>
  call(`${target.authUrl}${path}`, {
    ...init,
    headers: {
      Accept: 'application/json',
      ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(init.headers as Record<string, string> | undefined),
      'X-Auth-Token': token,
    },
  })

/** GET /v3/auth/tokens: Keystone's view of a token, asked with the token itself. */
const validate = (token: string) =>
  withToken(token, '/auth/tokens?nocatalog', { headers: { 'X-Subject-Token': token } })

const subject = (a: Answer) => a.headers.get('X-Subject-Token') ?? ''

type TokenJson = {
  token: {
    methods: string[]
    user: { id: string; name: string; domain: { id: string; name: string } } & Record<
      string,
      unknown
    >
    project?: { id: string; name: string; domain: { id: string; name: string } }
    roles?: { id: string; name: string }[]
    catalog?: unknown[]
    expires_at: string
    issued_at: string
    application_credential?: { id: string; name: string; restricted: boolean }
  }
}
const tokenOf = (a: Answer) => (a.body as TokenJson).token
const sorted = (list: readonly string[]) => [...list].sort()
const roleNames = (a: Answer) => sorted((tokenOf(a).roles ?? []).map((r) => r.name))

const project = (name: string) => ({ project: { name, domain: { name: 'Default' } } })
const password = (name: string, secret: string) => ({
  methods: ['password'],
  password: { user: { name, domain: { name: 'Default' }, password: secret } },
})
const totp = (user: Record<string, unknown>, passcode: string) => ({
  methods: ['totp'],
  totp: { user: { ...user, passcode } },
})
const byName = (name: string) => ({ name, domain: { name: 'Default' } })
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Waits until the 30 s TOTP window is at least a second from its edge, so a code worked out for
 * the window before or after is still that when Keystone reads it.
 */
async function awayFromWindowEdge() {
  const into = Date.now() % 30_000
  if (into < 1_000) await sleep(1_000 - into)
  else if (into > 29_000) await sleep(30_000 - into + 1_000)
}

/** Step one for the MFA user: her password, which earns a receipt. */
async function receiptFor(scope: unknown = project('consumer-a')) {
  const first = await post({ identity: password(mfaUser.name, mfaUser.password), scope })
  expect(first.status).toBe(401)
  return first.headers.get('Openstack-Auth-Receipt') ?? ''
}

describe('TOTP and MFA rules: auth receipts', () => {
  it('a password alone earns a 401 with a receipt, saying what else the rules want', async () => {
    const answer = await post({
      identity: password(mfaUser.name, mfaUser.password),
      scope: project('consumer-a'),
    })
    expect(answer.status).toBe(401)
    expect(answer.headers.get('Openstack-Auth-Receipt')).toMatch(RECEIPT)
    expect(answer.headers.get('Content-Type')).toBe('application/json')
    // Not a challenge to authenticate again: the receipt is the way on.
    expect(answer.headers.get('WWW-Authenticate')).toBeNull()
    const body = answer.body as {
      receipt: { expires_at: string; issued_at: string }
      required_auth_methods: string[][]
    }
    expect(body).toEqual({
      receipt: {
        methods: ['password'],
        user: { id: mfaUser.id, name: mfaUser.name, domain: DEFAULT },
        expires_at: expect.stringMatching(KEYSTONE_TIME) as string,
        issued_at: expect.stringMatching(KEYSTONE_TIME) as string,
      },
      required_auth_methods: [expect.any(Array)],
    })
    expect(body.required_auth_methods.map(sorted)).toEqual([['password', 'totp']])
    // Whole seconds, [receipt] expiration apart.
    expect(body.receipt.issued_at).toMatch(/\.000000Z$/)
    expect(Date.parse(body.receipt.expires_at) - Date.parse(body.receipt.issued_at)).toBe(
      target.receiptLifetimeSeconds * 1000,
    )
  })

  it('a wrong password is the plain 401: no receipt', async () => {
    const answer = await post({ identity: password(mfaUser.name, 'not-her-password') })
    expect(answer.status).toBe(401)
    expect(answer.headers.get('Openstack-Auth-Receipt')).toBeNull()
    expect(answer.headers.get('WWW-Authenticate')).toMatch(/^Keystone uri=/)
    expect(answer.body).toEqual(UNAUTHORIZED)
  })

  it('the receipt and a code, with the scope again, give a token of both methods', async () => {
    const receipt = await receiptFor()
    const second = await post(
      {
        identity: totp(byName(mfaUser.name), await totpCode(mfaUser.totpSecret)),
        scope: project('consumer-a'),
      },
      { 'Openstack-Auth-Receipt': receipt },
    )
    expect(second.status).toBe(201)
    expect(subject(second)).toMatch(/^gAAAAA/)
    expect(sorted(tokenOf(second).methods)).toEqual(['password', 'totp'])
    expect(tokenOf(second).project?.name).toBe('consumer-a')
    expect(tokenOf(second).user).toMatchObject({ id: mfaUser.id, name: mfaUser.name })
    expect(roleNames(second)).toEqual(['member', 'reader'])
    // The user may be named by id in the second step too.
    const byId = await post(
      {
        identity: totp({ id: mfaUser.id }, await totpCode(mfaUser.totpSecret)),
        scope: project('consumer-a'),
      },
      { 'Openstack-Auth-Receipt': receipt },
    )
    expect(byId.status).toBe(201)
    const checked = await validate(subject(second))
    expect(checked.status).toBe(200)
    expect(tokenOf(checked).methods).toEqual(['totp', 'password'])
  })

  it('a wrong code is the plain 401; the receipt still works, and again after a success', async () => {
    const receipt = await receiptFor()
    const wrong = await post(
      { identity: totp(byName(mfaUser.name), '000000'), scope: project('consumer-a') },
      { 'Openstack-Auth-Receipt': receipt },
    )
    expect(wrong.status).toBe(401)
    expect(wrong.headers.get('Openstack-Auth-Receipt')).toBeNull()
    expect(wrong.body).toEqual(UNAUTHORIZED)
    for (let use = 0; use < 2; use++) {
      const right = await post(
        {
          identity: totp(byName(mfaUser.name), await totpCode(mfaUser.totpSecret)),
          scope: project('consumer-a'),
        },
        { 'Openstack-Auth-Receipt': receipt },
      )
      expect(right.status).toBe(201)
    }
  })

  it('a receipt with another user’s code, or a forged one, is “Could not find auth receipt”', async () => {
    const receipt = await receiptFor()
    const other = await post(
      { identity: totp(byName(totpUser.name), await totpCode(totpUser.totpSecret)) },
      { 'Openstack-Auth-Receipt': receipt },
    )
    expect(other.status).toBe(401)
    expect(other.headers.get('WWW-Authenticate')).toMatch(/^Keystone uri=/)
    expect(other.body).toEqual({
      error: {
        code: 401,
        message: `Could not find auth receipt: ${receipt}.`,
        title: 'Unauthorized',
      },
    })
    const forged = await post(
      { identity: totp(byName(mfaUser.name), await totpCode(mfaUser.totpSecret)) },
      { 'Openstack-Auth-Receipt': 'gAAAAABforged' },
    )
    expect(forged.status).toBe(401)
    expect(forged.body).toEqual({
      error: {
        code: 401,
        message: 'Could not find auth receipt: gAAAAABforged.',
        title: 'Unauthorized',
      },
    })
  })

  it('a code first earns a receipt of totp; both in one request give a token', async () => {
    const codeFirst = await post({
      identity: totp(byName(mfaUser.name), await totpCode(mfaUser.totpSecret)),
    })
    expect(codeFirst.status).toBe(401)
    expect(codeFirst.headers.get('Openstack-Auth-Receipt')).toMatch(RECEIPT)
    expect(codeFirst.body).toMatchObject({ receipt: { methods: ['totp'] } })

    const both = await post({
      identity: {
        methods: ['password', 'totp'],
        password: password(mfaUser.name, mfaUser.password).password,
        totp: { user: { ...byName(mfaUser.name), passcode: await totpCode(mfaUser.totpSecret) } },
      },
      scope: project('consumer-b'),
    })
    expect(both.status).toBe(201)
    expect(sorted(tokenOf(both).methods)).toEqual(['password', 'totp'])
    expect(tokenOf(both).project?.name).toBe('consumer-b')
  })

  it('a project without a role still earns a receipt; the second step is then refused', async () => {
    const receipt = await receiptFor(project('producer'))
    expect(receipt).toMatch(RECEIPT)
    const second = await post(
      {
        identity: totp(byName(mfaUser.name), await totpCode(mfaUser.totpSecret)),
        scope: project('producer'),
      },
      { 'Openstack-Auth-Receipt': receipt },
    )
    expect(second.status).toBe(401)
    expect(second.body).toEqual(UNAUTHORIZED)
  })

  it('without MFA rules a code alone signs in; the last window’s code too, not the next', async () => {
    await awayFromWindowEdge()
    const alone = await post({
      identity: totp(byName(totpUser.name), await totpCode(totpUser.totpSecret)),
    })
    expect(alone.status).toBe(201)
    expect(tokenOf(alone).methods).toEqual(['totp'])
    expect(tokenOf(alone).user).toMatchObject({
      id: totpUser.id,
      name: totpUser.name,
      domain: DEFAULT,
    })
    // Unscoped: no default project; she picks one.
    expect(tokenOf(alone).project).toBeUndefined()
    const previous = await post({
      identity: totp(
        byName(totpUser.name),
        await totpCode(totpUser.totpSecret, Date.now() - 30_000),
      ),
    })
    expect(previous.status).toBe(201)
    const next = await post({
      identity: totp(
        byName(totpUser.name),
        await totpCode(totpUser.totpSecret, Date.now() + 30_000),
      ),
    })
    expect(next.status).toBe(401)
    const older = await post({
      identity: totp(
        byName(totpUser.name),
        await totpCode(totpUser.totpSecret, Date.now() - 60_000),
      ),
    })
    expect(older.status).toBe(401)
  })

  it('an MFA token re-scopes with the token method, keeping its methods and expiry', async () => {
    const unscoped = await post({
      identity: {
        methods: ['password', 'totp'],
        password: password(mfaUser.name, mfaUser.password).password,
        totp: { user: { ...byName(mfaUser.name), passcode: await totpCode(mfaUser.totpSecret) } },
      },
    })
    expect(unscoped.status).toBe(201)
    expect(tokenOf(unscoped).project).toBeUndefined()
    const projects = await withToken(subject(unscoped), '/auth/projects')
    expect(
      sorted((projects.body as { projects: { name: string }[] }).projects.map((p) => p.name)),
    ).toEqual(sorted(mfaUser.projects))
    const scoped = await post({
      identity: { methods: ['token'], token: { id: subject(unscoped) } },
      scope: project('consumer-b'),
    })
    expect(scoped.status).toBe(201)
    expect(sorted(tokenOf(scoped).methods)).toEqual(['password', 'token', 'totp'])
    expect(tokenOf(scoped).expires_at).toBe(tokenOf(unscoped).expires_at)
    expect(tokenOf(scoped).project?.name).toBe('consumer-b')
    expect(tokenOf(await validate(subject(scoped))).methods).toEqual(['totp', 'token', 'password'])
  })

  it('an expired receipt is “Could not find auth receipt”, with no new one', async () => {
    await target.withShortReceipts(async (lifetime) => {
      const receipt = await receiptFor()
      await sleep(lifetime * 1000 + 1_500)
      const late = await post(
        {
          identity: totp(byName(mfaUser.name), await totpCode(mfaUser.totpSecret)),
          scope: project('consumer-a'),
        },
        { 'Openstack-Auth-Receipt': receipt },
      )
      expect(late.status).toBe(401)
      expect(late.headers.get('Openstack-Auth-Receipt')).toBeNull()
      expect(late.body).toEqual({
        error: {
          code: 401,
          message: `Could not find auth receipt: ${receipt}.`,
          title: 'Unauthorized',
        },
      })
      // A wrong code is found out first: the plain 401.
      const wrong = await post(
        { identity: totp(byName(mfaUser.name), '000000') },
        { 'Openstack-Auth-Receipt': receipt },
      )
      expect(wrong.body).toEqual(UNAUTHORIZED)
    })
  }, 90_000)
})

// ---- Application credentials ----

const appCred = (ref: Record<string, unknown>) => ({
  identity: { methods: ['application_credential'], application_credential: ref },
})

/** Credentials a test made, deleted at the end whatever happened. */
const made: { userId: string; id: string; token: () => Promise<string> }[] = []
afterAll(async () => {
  for (const c of made) {
    await withToken(await c.token(), `/users/${c.userId}/application_credentials/${c.id}`, {
      method: 'DELETE',
    }).catch(() => undefined)
  }
})

async function aliceToken() {
  const signedIn = await post({
    identity: password('alice', 'alice-demo'),
    scope: project('producer'),
  })
  expect(signedIn.status).toBe(201)
  return subject(signedIn)
}

type CredentialJson = {
  application_credential: {
    id: string
    name: string
    secret: string
    project_id: string | null
    unrestricted: boolean | null
    expires_at: string | null
    roles: { name: string }[]
  }
}

async function createCredential(token: string, userId: string, body: Record<string, unknown>) {
  const answer = await withToken(token, `/users/${userId}/application_credentials`, {
    method: 'POST',
    body: JSON.stringify({ application_credential: body }),
  })
  if (answer.status === 201) {
    const id = (answer.body as CredentialJson).application_credential.id
    made.push({ userId, id, token: () => Promise.resolve(token) })
  }
  return answer
}

const MANAGING =
  "You are not authorized to perform the requested action: Using method 'application_credential' is not allowed for managing additional application credentials.."

describe('application credentials', () => {
  const { restricted, unrestricted } = applicationCredentials

  it('sign in by id: a token of the credential’s project, its roles and its name', async () => {
    const answer = await post(appCred({ id: restricted.id, secret: restricted.secret }))
    expect(answer.status).toBe(201)
    const token = tokenOf(answer)
    expect(token.methods).toEqual(['application_credential'])
    expect(token.user).toMatchObject({ id: restricted.userId, name: 'alice', domain: DEFAULT })
    expect(token.project).toEqual({ id: restricted.projectId, name: 'producer', domain: DEFAULT })
    // Exactly the credential's roles: Keystone adds none that they imply.
    expect(roleNames(answer)).toEqual(sorted(restricted.roles))
    expect(token.catalog?.length).toBeGreaterThan(0)
    expect(token.application_credential).toEqual({
      id: restricted.id,
      name: restricted.name,
      restricted: true,
    })
    // Validated, the token says the same.
    const checked = tokenOf(await validate(subject(answer)))
    expect(checked.methods).toEqual(['application_credential'])
    expect(checked.application_credential).toEqual(token.application_credential)
    expect(checked.project?.id).toBe(restricted.projectId)
  })

  it('sign in by name with the user by id or by name and domain', async () => {
    for (const user of [{ id: unrestricted.userId }, byName('alice')]) {
      const answer = await post(
        appCred({ name: unrestricted.name, secret: unrestricted.secret, user }),
      )
      expect(answer.status).toBe(201)
      expect(tokenOf(answer).application_credential).toEqual({
        id: unrestricted.id,
        name: unrestricted.name,
        restricted: false,
      })
    }
  })

  it('asking for a scope is refused with Keystone’s reason, whatever the secret', async () => {
    const refusal = {
      error: {
        code: 401,
        identity: {},
        message:
          'Error authenticating with application credential: Application credentials cannot request a scope.',
        title: 'Unauthorized',
      },
    }
    for (const [secret, scope] of [
      [restricted.secret, { project: { id: restricted.projectId } }],
      [restricted.secret, 'unscoped'],
      ['wrong', { project: { id: restricted.projectId } }],
    ] as const) {
      const answer = await post({ ...appCred({ id: restricted.id, secret }), scope })
      expect(answer.status).toBe(401)
      expect(answer.body).toEqual(refusal)
    }
  })

  it('a wrong secret or an unknown name is the plain 401; an unknown id is a 404', async () => {
    const wrong = await post(appCred({ id: restricted.id, secret: 'not-the-secret' }))
    expect(wrong.status).toBe(401)
    expect(wrong.body).toEqual(UNAUTHORIZED)
    const noName = await post(
      appCred({ name: `${run}-none`, secret: 'x', user: { id: restricted.userId } }),
    )
    expect(noName.body).toEqual(UNAUTHORIZED)
    const unknown = 'f'.repeat(32)
    const noId = await post(appCred({ id: unknown, secret: 'x' }))
    expect(noId.status).toBe(404)
    expect(noId.body).toEqual({
      error: {
        code: 404,
        message: `Could not find Application Credential: ${unknown}.`,
        title: 'Not Found',
      },
    })
  })

  it('its token cannot become another token, scoped or not (403)', async () => {
    const token = subject(await post(appCred({ id: unrestricted.id, secret: unrestricted.secret })))
    for (const scope of [{ project: { id: unrestricted.projectId } }, undefined]) {
      const answer = await post({
        identity: { methods: ['token'], token: { id: token } },
        ...(scope === undefined ? {} : { scope }),
      })
      expect(answer.status).toBe(403)
      expect(answer.body).toEqual({
        error: {
          code: 403,
          message:
            'You are not authorized to perform the requested action: Using a delegated token to create another token is not allowed..',
          title: 'Forbidden',
        },
      })
    }
  })

  it('a restricted credential’s token cannot make credentials; an unrestricted one’s can', async () => {
    const restrictedToken = subject(
      await post(appCred({ id: restricted.id, secret: restricted.secret })),
    )
    const refused = await createCredential(restrictedToken, restricted.userId, {
      name: `${run}-nested`,
    })
    expect(refused.status).toBe(403)
    expect(refused.body).toEqual({ error: { code: 403, message: MANAGING, title: 'Forbidden' } })

    const unrestrictedToken = subject(
      await post(appCred({ id: unrestricted.id, secret: unrestricted.secret })),
    )
    const nested = await createCredential(unrestrictedToken, unrestricted.userId, {
      name: `${run}-nested`,
    })
    expect(nested.status).toBe(201)
    const id = (nested.body as CredentialJson).application_credential.id
    const gone = await withToken(
      unrestrictedToken,
      `/users/${unrestricted.userId}/application_credentials/${id}`,
      {
        method: 'DELETE',
      },
    )
    expect(gone.status).toBe(204)
  })

  it('made with a user token: the secret once, its roles; deleted, it is a 404', async () => {
    const alice = await aliceToken()
    const createdAnswer = await createCredential(alice, restricted.userId, {
      name: `${run}-reader`,
      roles: [{ name: 'reader' }],
    })
    expect(createdAnswer.status).toBe(201)
    const created = (createdAnswer.body as CredentialJson).application_credential
    expect(created).toMatchObject({
      name: `${run}-reader`,
      project_id: restricted.projectId,
      // Not given: null, which Keystone treats as restricted.
      unrestricted: null,
      expires_at: null,
      roles: [expect.objectContaining({ name: 'reader' })],
    })
    expect(created.secret.length).toBeGreaterThan(20)

    const signedIn = await post(appCred({ id: created.id, secret: created.secret }))
    expect(signedIn.status).toBe(201)
    expect(roleNames(signedIn)).toEqual(['reader'])
    expect(tokenOf(signedIn).application_credential?.restricted).toBe(true)

    const path = `/users/${restricted.userId}/application_credentials/${created.id}`
    expect((await withToken(alice, path, { method: 'DELETE' })).status).toBe(204)
    const notFound = {
      error: {
        code: 404,
        message: `Could not find Application Credential: ${created.id}.`,
        title: 'Not Found',
      },
    }
    const again = await post(appCred({ id: created.id, secret: created.secret }))
    expect(again.status).toBe(404)
    expect(again.body).toEqual(notFound)
    // Its token is found out when validated.
    const checked = await withToken(alice, '/auth/tokens', {
      headers: { 'X-Subject-Token': subject(signedIn) },
    })
    expect(checked.status).toBe(404)
    expect(checked.body).toEqual(notFound)
    expect((await withToken(alice, path, { method: 'DELETE' })).body).toEqual(notFound)
  })

  it('an expiring credential cuts its tokens short; expired, it is the plain 401', async () => {
    const alice = await aliceToken()
    const createdAnswer = await createCredential(alice, restricted.userId, {
      name: `${run}-brief`,
      expires_at: new Date(Date.now() + 2_500).toISOString(),
      unrestricted: false,
      secret: `${run}-brief-secret`,
    })
    expect(createdAnswer.status).toBe(201)
    const created = (createdAnswer.body as CredentialJson).application_credential
    // Microseconds and no zone: Keystone writes the credential's expiry as it stores it.
    expect(created.expires_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/)
    expect(created.unrestricted).toBe(false)
    const signedIn = await post(appCred({ id: created.id, secret: `${run}-brief-secret` }))
    expect(signedIn.status).toBe(201)
    expect(tokenOf(signedIn).expires_at).toBe(created.expires_at)
    await sleep(Date.parse(`${created.expires_at ?? ''}Z`) - Date.now() + 1_000)
    const late = await post(appCred({ id: created.id, secret: `${run}-brief-secret` }))
    expect(late.status).toBe(401)
    expect(late.body).toEqual(UNAUTHORIZED)
    const checked = await withToken(alice, '/auth/tokens', {
      headers: { 'X-Subject-Token': subject(signedIn) },
    })
    expect(checked.status).toBe(404)
    expect(checked.body).toEqual({
      error: { code: 404, message: 'Failed to validate token', title: 'Not Found' },
    })
  })

  it('an MFA user’s credential earns a receipt that no rule can complete', async () => {
    const mfa = await post({
      identity: {
        methods: ['password', 'totp'],
        password: password(mfaUser.name, mfaUser.password).password,
        totp: { user: { ...byName(mfaUser.name), passcode: await totpCode(mfaUser.totpSecret) } },
      },
      scope: project('consumer-a'),
    })
    expect(mfa.status).toBe(201)
    const createdAnswer = await createCredential(subject(mfa), mfaUser.id, { name: `${run}-mia` })
    expect(createdAnswer.status).toBe(201)
    const created = (createdAnswer.body as CredentialJson).application_credential
    const answer = await post(appCred({ id: created.id, secret: created.secret }))
    expect(answer.status).toBe(401)
    expect(answer.headers.get('Openstack-Auth-Receipt')).toMatch(RECEIPT)
    expect(answer.body).toMatchObject({
      receipt: { methods: ['application_credential'], user: { id: mfaUser.id } },
      // No rule holds application_credential: the rules must name it for such a sign-in.
      required_auth_methods: [],
    })
  })
})

// ---- WebSSO ----

const websso = {
  byIdp: `${target.authUrl}/auth/OS-FEDERATION/identity_providers/${sso.identityProvider}/protocols/${sso.protocol}/websso`,
  byProtocol: `${target.authUrl}/auth/OS-FEDERATION/websso/${sso.protocol}`,
}
/** What an auth module in front of Keystone sets once the identity provider vouched for a user. */
const asserted = (user = sso.user) => ({
  'X-Remote-User': user,
  'X-Remote-Email': `${user}@example.org`,
  'X-Idp': sso.remoteId,
})
const withOrigin = (url: string, origin: string) => `${url}?origin=${encodeURIComponent(origin)}`

/** Debian's /etc/keystone/sso_callback_template.html, as Keystone fills it in. */
const callbackPage = (host: string) => `<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml">
  <head>
    <title>Keystone WebSSO redirect</title>
  </head>
  <body>
     <form id="sso" name="sso" action="${host}" method="post">
       Please wait...
       <br/>
       <input type="hidden" name="token" id="token" value="TOKEN"/>
       <noscript>
         <input type="submit" name="submit_no_javascript" id="submit_no_javascript"
            value="If your JavaScript is disabled, please click to continue"/>
       </noscript>
     </form>
     <script type="text/javascript">
       window.onload = function() {
         document.forms['sso'].submit();
       }
     </script>
  </body>
</html>`

const tokenInPage = (html: string) =>
  /name="token" id="token" value="([^"]+)"/.exec(html)?.[1] ?? ''

describe('WebSSO through the mapped method', () => {
  it('both routes, GET and POST, answer the page that posts an unscoped token to the origin', async () => {
    const users = new Set<string>()
    for (const url of [websso.byIdp, websso.byProtocol]) {
      for (const method of ['GET', 'POST']) {
        const answer = await call(withOrigin(url, sso.origin), { method, headers: asserted() })
        expect(answer.status).toBe(200)
        expect(answer.headers.get('Content-Type')).toBe('text/html')
        const token = tokenInPage(answer.text)
        expect(token).toMatch(/^gAAAAA[\w-]+$/)
        expect(answer.text.replace(token, 'TOKEN')).toBe(callbackPage(sso.origin))
        const checked = await validate(token)
        expect(checked.status).toBe(200)
        const body = tokenOf(checked)
        expect(body.methods).toEqual(['mapped'])
        expect(body.project).toBeUndefined()
        expect(body.user).toEqual({
          domain: { id: sso.domainId, name: sso.domain },
          id: expect.stringMatching(/^[0-9a-f]{64}$/) as string,
          name: sso.user,
          'OS-FEDERATION': {
            groups: [],
            identity_provider: { id: sso.identityProvider },
            protocol: { id: sso.protocol },
          },
        })
        users.add(body.user.id)
      }
    }
    // The same shadow user every time.
    expect(users.size).toBe(1)
  })

  it('the unscoped token lists the mapped project, has no catalog, and re-scopes', async () => {
    const page = await call(withOrigin(websso.byIdp, sso.origin), { headers: asserted() })
    const token = tokenInPage(page.text)
    const projects = await withToken(token, '/auth/projects')
    expect(projects.status).toBe(200)
    expect((projects.body as { projects: unknown[] }).projects).toEqual([
      expect.objectContaining({ id: sso.projectId, name: sso.project, domain_id: sso.domainId }),
    ])
    expect((await withToken(token, '/auth/catalog')).status).toBe(403)

    const scoped = await post({
      identity: { methods: ['token'], token: { id: token } },
      scope: { project: { id: sso.projectId } },
    })
    expect(scoped.status).toBe(201)
    expect(sorted(tokenOf(scoped).methods)).toEqual(['mapped', 'token'])
    expect(tokenOf(scoped).project).toEqual({
      id: sso.projectId,
      name: sso.project,
      domain: { id: sso.domainId, name: sso.domain },
    })
    expect(roleNames(scoped)).toEqual(['member', 'reader'])
    // A federated token's roles as the role API shows them.
    expect(tokenOf(scoped).roles).toContainEqual(
      expect.objectContaining({ name: 'member', domain_id: null, description: null }),
    )
    expect(tokenOf(scoped).catalog?.length).toBeGreaterThan(0)
    const checked = tokenOf(await validate(subject(scoped)))
    expect(checked.methods).toEqual(['mapped', 'token'])
    expect(checked.user['OS-FEDERATION']).toEqual({
      groups: [],
      identity_provider: { id: sso.identityProvider },
      protocol: { id: sso.protocol },
    })
    // By name in the IdP's domain too.
    const byName = await post({
      identity: { methods: ['token'], token: { id: token } },
      scope: { project: { name: sso.project, domain: { name: sso.domain } } },
    })
    expect(byName.status).toBe(201)
  })

  it('without an origin: 400; an origin not trusted exactly: the plain 401', async () => {
    const missing = {
      error: {
        code: 400,
        message: 'Request must have an origin query parameter',
        title: 'Bad Request',
      },
    }
    for (const url of [websso.byIdp, websso.byProtocol]) {
      for (const bare of [url, `${url}?origin=`]) {
        const answer = await call(bare, { headers: asserted() })
        expect(answer.status).toBe(400)
        expect(answer.body).toEqual(missing)
      }
      for (const origin of [
        'http://evil.example/session/websso',
        `${sso.origin}/`,
        // Keystone lower-cases the trusted dashboards' host names, never the origin's.
        'http://LOCALHOST:4180/session/websso',
        sso.origin.replace('/session/websso', '/elsewhere'),
      ]) {
        const answer = await call(withOrigin(url, origin), { headers: asserted() })
        expect(answer.status).toBe(401)
        expect(answer.body).toEqual(UNAUTHORIZED)
      }
    }
  })

  it('without what the identity provider vouched for: the plain 401', async () => {
    const { 'X-Idp': idp, 'X-Remote-User': user } = asserted()
    for (const url of [websso.byIdp, websso.byProtocol]) {
      const partial: Record<string, string>[] = [
        {},
        { 'X-Idp': idp },
        { 'X-Idp': idp, 'X-Remote-User': user },
      ]
      for (const headers of partial) {
        const answer = await call(withOrigin(url, sso.origin), { headers })
        expect(answer.status).toBe(401)
        expect(answer.body).toEqual(UNAUTHORIZED)
      }
    }
    // By protocol alone the IdP is found first: no X-Idp is a 401 before `origin` is read.
    expect((await call(websso.byProtocol)).status).toBe(401)
    // By IdP, the user mapped but X-Idp missing: the plain 401 too.
    const noIdp = await call(withOrigin(websso.byIdp, sso.origin), {
      headers: { 'X-Remote-User': user, 'X-Remote-Email': `${user}@example.org` },
    })
    expect(noIdp.body).toEqual(UNAUTHORIZED)
  })

  it('an entity ID or identity provider Keystone does not know', async () => {
    const other = { ...asserted(), 'X-Idp': 'other-idp' }
    const byIdp = await call(withOrigin(websso.byIdp, sso.origin), { headers: other })
    expect(byIdp.status).toBe(403)
    expect(byIdp.body).toEqual({
      error: {
        code: 403,
        message: 'You are not authorized to perform the requested action.',
        title: 'Forbidden',
      },
    })
    const byProtocol = await call(withOrigin(websso.byProtocol, sso.origin), { headers: other })
    expect(byProtocol.status).toBe(404)
    expect(byProtocol.body).toEqual({
      error: {
        code: 404,
        message: 'Could not find Identity Provider: other-idp.',
        title: 'Not Found',
      },
    })
    const unknownIdp = websso.byIdp.replace(`/${sso.identityProvider}/`, '/nope/')
    const noIdp = await call(withOrigin(unknownIdp, sso.origin), { headers: asserted() })
    expect(noIdp.status).toBe(404)
    expect(noIdp.body).toEqual({
      error: { code: 404, message: 'Could not find Identity Provider: nope.', title: 'Not Found' },
    })
  })
})
