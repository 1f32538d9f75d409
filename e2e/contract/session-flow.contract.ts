import {
  keystoneOverHttp,
  methodOf,
  rescope,
  revoke,
  secondStep,
  signIn,
  ssoSignIn,
  type PendingStep,
} from '~/api/session-flow'
import { demoSsoUser } from '~mocks/seed'
import { totpCode } from '~mocks/totp'
import { expect } from './helpers'
import { target } from './target'

/**
 * The panel's own sign-in flows (src/api/session-flow.ts, which the server and the demo's stand-in
 * both run) against the mock and the real Keystone: each way in ends in the token the panel
 * expects, and each refusal in the reason the page acts on.
 */

const keystone = keystoneOverHttp(target.authUrl, 30_000)

const { mfaUser: demoMfaUser, totpUser: demoTotpUser, applicationCredentials } = target.signIn
const { restricted, unrestricted } = applicationCredentials

async function pendingFor(body: Parameters<typeof signIn>[1]): Promise<PendingStep> {
  const first = await signIn(keystone, body)
  if (first.ok !== 'step') throw new Error(`expected a second step, got ${JSON.stringify(first)}`)
  return first.pending
}

describe('a second factor, through the panel’s flow', () => {
  it('password, then passcode: Keystone’s receipt carries the sign-in to a token of both', async () => {
    const pending = await pendingFor({
      method: 'password',
      username: demoMfaUser.name,
      password: demoMfaUser.password,
      domain: 'Default',
    })
    expect(pending).toMatchObject({ needs: 'passcode', username: demoMfaUser.name })
    expect(Date.parse(pending.expiresAt)).toBeGreaterThan(Date.now())

    const wrong = await secondStep(keystone, pending, { passcode: '000000' })
    expect(wrong).toMatchObject({ ok: false, status: 401, reason: 'wrong-passcode' })

    // Not single-use: the same receipt takes the right code after a wrong one.
    const done = await secondStep(keystone, pending, {
      passcode: await totpCode(demoMfaUser.totpSecret),
    })
    if (done.ok !== true) throw new Error(JSON.stringify(done))
    expect([...done.body.methods].sort()).toEqual(['password', 'totp'])
    expect(methodOf(done.body.methods)).toBe('password')
    // mia has two projects: the token stays unscoped for her to choose, and a re-scope keeps MFA.
    expect(done.body.project).toBeUndefined()
    const projects = await keystone('/auth/projects', {
      method: 'GET',
      headers: { 'X-Auth-Token': done.token },
    })
    const [first] = ((await projects.json()) as { projects: { id: string }[] }).projects
    const scoped = await rescope(keystone, done.token, first?.id ?? '')
    if (!scoped.ok) throw new Error(JSON.stringify(scoped))
    expect(scoped.body.project?.id).toBe(first?.id)
    await revoke(keystone, scoped.token)
    await revoke(keystone, done.token)
  })

  it('a passcode first, for the same user, asks for the password next', async () => {
    const pending = await pendingFor({
      method: 'totp',
      username: demoMfaUser.name,
      passcode: await totpCode(demoMfaUser.totpSecret),
      domain: 'Default',
    })
    expect(pending.needs).toBe('password')
    const done = await secondStep(keystone, pending, { password: demoMfaUser.password })
    expect(done.ok).toBe(true)
  })

  it('a passcode alone signs in a user whose rules want nothing more, scoped to the one project', async () => {
    const done = await signIn(keystone, {
      method: 'totp',
      username: demoTotpUser.name,
      passcode: await totpCode(demoTotpUser.totpSecret),
      domain: 'Default',
    })
    if (done.ok !== true) throw new Error(JSON.stringify(done))
    expect(done.body.project?.name).toBe('consumer-a')
    expect(methodOf(done.body.methods)).toBe('totp')
  })

  it('a wrong passcode alone is refused in words, with no second step', async () => {
    const done = await signIn(keystone, {
      method: 'totp',
      username: demoTotpUser.name,
      passcode: '000000',
      domain: 'Default',
    })
    expect(done).toMatchObject({ ok: false, status: 401 })
  })

  it('a receipt past its time is not sent: the sign-in starts over', async () => {
    const pending = await pendingFor({
      method: 'password',
      username: demoMfaUser.name,
      password: demoMfaUser.password,
      domain: 'Default',
    })
    const later = Date.parse(pending.expiresAt) + 1
    const late = await secondStep(keystone, pending, { passcode: '123456' }, later)
    expect(late).toMatchObject({ ok: false, reason: 'receipt-expired' })
  })
})

describe('an application credential, through the panel’s flow', () => {
  it('by ID: a token of the credential’s project, marked restricted', async () => {
    const done = await signIn(keystone, {
      method: 'application_credential',
      id: restricted.id,
      secret: restricted.secret,
    })
    if (done.ok !== true) throw new Error(JSON.stringify(done))
    expect(done.body.project?.name).toBe(restricted.project)
    expect(done.body.application_credential).toMatchObject({
      id: restricted.id,
      name: restricted.name,
      restricted: true,
    })
    expect(methodOf(done.body.methods)).toBe('application_credential')
    // The session cannot move: Keystone refuses a new token from this one.
    const moved = await rescope(keystone, done.token, done.body.project?.id ?? '')
    expect(moved).toMatchObject({ ok: false, status: 403 })
    await revoke(keystone, done.token)
  })

  it('by name, user and domain', async () => {
    const done = await signIn(keystone, {
      method: 'application_credential',
      name: unrestricted.name,
      user: unrestricted.user,
      domain: 'Default',
      secret: unrestricted.secret,
    })
    if (done.ok !== true) throw new Error(JSON.stringify(done))
    expect(done.body.application_credential?.restricted).toBe(false)
    await revoke(keystone, done.token)
  })

  it('an unknown (or deleted) one is refused with the same reason', async () => {
    const done = await signIn(keystone, {
      method: 'application_credential',
      id: 'ffffffffffffffffffffffffffffffff',
      secret: 'whatever',
    })
    expect(done).toMatchObject({ ok: false, status: 401, reason: 'credential-refused' })
  })

  it('a wrong secret is refused with the reason the page shows', async () => {
    const done = await signIn(keystone, {
      method: 'application_credential',
      id: restricted.id,
      secret: 'not-the-secret',
    })
    expect(done).toMatchObject({ ok: false, status: 401, reason: 'credential-refused' })
  })
})

describe('Web SSO, through the panel’s flow', () => {
  it('the token Keystone posts signs in, scoped to the federated user’s one project', async () => {
    const receiver = 'http://127.0.0.1:4180/session/websso'
    const page = await keystone(
      `/auth/OS-FEDERATION/identity_providers/${demoSsoUser.identityProvider}/protocols/${demoSsoUser.protocol}/websso?origin=${encodeURIComponent(receiver)}`,
      {
        method: 'GET',
        headers: {
          // What the auth module in front of Keystone sets (the test identity provider here).
          'X-Remote-User': demoSsoUser.name,
          'X-Remote-Email': demoSsoUser.email,
          'X-Idp': demoSsoUser.remoteId,
        },
      },
    )
    expect(page.status).toBe(200)
    const html = await page.text()
    const token = /name="token"[^>]*value="([^"]+)"/.exec(html)?.[1]
    expect(token).toBeTruthy()
    const done = await ssoSignIn(keystone, token ?? '')
    if (!done.ok) throw new Error(JSON.stringify(done))
    expect(done.body.user.name).toBe(demoSsoUser.name)
    expect(done.body.project?.name).toBe(demoSsoUser.project)
    expect(methodOf(done.body.methods)).toBe('sso')
    await revoke(keystone, done.token)
  })

  it('a token Keystone does not know is refused', async () => {
    const done = await ssoSignIn(keystone, 'gAAAAABforged')
    expect(done).toMatchObject({ ok: false, status: 401 })
  })
})
