import { readFileSync } from 'node:fs'
import { cloudFile } from '../../scripts/cloud/state.ts'
import { passwordAuth, imageEndpointUrl } from '~/api/keystone'
import type { GlanceTarget } from '~/api/glance'
import { DEMO_AUTH_URL } from '~/config/config'
import {
  demoApplicationCredentials,
  demoMfaUser,
  demoSsoUser,
  demoTotpUser,
  seedProjectId,
  seedUserId,
  SSO_DOMAIN,
  SSO_PROJECT,
} from '~mocks/seed'

/**
 * Where the contract suite runs: the demo cloud's handlers under msw/node, or the real Keystone and
 * Glance that `npm run cloud:up` starts. The tests are the same; only this file knows the difference.
 */
export type Target = {
  name: 'mock' | 'real'
  authUrl: string
  /** Glance under the legacy (pre-2023.1) policy, over the same images as RegionOne. */
  legacy: (run: (glanceBase: string) => Promise<void>) => Promise<void>
  setMemberQuota: (quota: number) => Promise<void>
  memberQuota: number
  /** The users, credentials and identity provider of the sign-in methods (issue 24). */
  signIn: SignInFixtures
  /** Keystone's [receipt] expiration, seconds (the mock is set to the real cloud's). */
  receiptLifetimeSeconds: number
  /**
   * Runs `run` while MFA receipts live `lifetime` seconds: the mock's are shortened to 1 s, the
   * real cloud's stay what its keystone.conf says (30 s), which a test then waits out.
   */
  withShortReceipts: (run: (lifetime: number) => Promise<void>) => Promise<void>
  /** Makes the mock's Keystone as the real test cloud's: receipt lifetime, trusted dashboards. */
  configureIdentity: () => Promise<void>
}

type TotpUser = { id: string; name: string; totpSecret: string; projects: string[] }
type AppCred = {
  id: string
  name: string
  secret: string
  user: string
  userId: string
  project: string
  projectId: string
  unrestricted: boolean
  roles: string[]
}

export type SignInFixtures = {
  /** MFA rules [["password","totp"]]: member on consumer-a and consumer-b */
  mfaUser: TotpUser & { password: string }
  /** no MFA rules, a password nobody knows: member on consumer-a */
  totpUser: TotpUser
  applicationCredentials: { restricted: AppCred; unrestricted: AppCred }
  sso: {
    identityProvider: string
    protocol: string
    /** the IdP's entity ID, which Keystone reads from the X-Idp header */
    remoteId: string
    user: string
    domain: string
    domainId: string
    project: string
    projectId: string
    /** a trusted dashboard: WebSSO posts its token there */
    origin: string
  }
}

/** The real test cloud's trusted dashboards (scripts/cloud/up.sh), also set on the mock. */
const TRUSTED_DASHBOARDS = [
  'http://127.0.0.1:4180/session/websso',
  'http://localhost:4180/session/websso',
]

export const targetName = process.env.CONTRACT_TARGET === 'real' ? 'real' : 'mock'

async function mockControl(action: string, body: unknown) {
  const r = await fetch(`http://localhost/demo-cloud/_control/${action}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })
  if (!r.ok) throw new Error(`mock control ${action}: ${r.status}`)
}

/** What scripts/cloud/seed.mjs writes to cloud.json (the parts the contract suite reads). */
type CloudFile = {
  authUrl: string
  legacyGlance: string
  imageMemberQuota: number
  receiptExpirationSeconds: number
  totpUsers: Record<
    'mia' | 'tess',
    { id: string; password: string | null; totpSecret: string; projects: string[] }
  >
  applicationCredentials: Record<'alice-ci' | 'alice-admin-tools', AppCred>
  sso: {
    domain: string
    domainId: string
    project: string
    projectId: string
    identityProvider: string
    protocol: string
    remoteId: string
    trustedDashboards: string[]
  }
}

function realTarget(): Target {
  const cloud = JSON.parse(readFileSync(cloudFile(), 'utf8')) as CloudFile
  const { mia, tess } = cloud.totpUsers
  return {
    name: 'real',
    authUrl: cloud.authUrl,
    legacy: (run) => run(cloud.legacyGlance),
    // The real Glance's quota is set in its config by cloud:up; tests read it, not set it.
    setMemberQuota: () => Promise.resolve(),
    memberQuota: cloud.imageMemberQuota,
    signIn: {
      mfaUser: { ...mia, name: 'mia', password: mia.password ?? '' },
      totpUser: { ...tess, name: 'tess' },
      applicationCredentials: {
        restricted: cloud.applicationCredentials['alice-ci'],
        unrestricted: cloud.applicationCredentials['alice-admin-tools'],
      },
      sso: {
        identityProvider: cloud.sso.identityProvider,
        protocol: cloud.sso.protocol,
        remoteId: cloud.sso.remoteId,
        user: demoSsoUser.name,
        domain: cloud.sso.domain,
        domainId: cloud.sso.domainId,
        project: cloud.sso.project,
        projectId: cloud.sso.projectId,
        origin: cloud.sso.trustedDashboards[0] ?? '',
      },
    },
    receiptLifetimeSeconds: cloud.receiptExpirationSeconds,
    withShortReceipts: (run) => run(cloud.receiptExpirationSeconds),
    configureIdentity: () => Promise.resolve(),
  }
}

const MOCK_QUOTA = 8
// The real test cloud's [receipt] expiration.
const MOCK_RECEIPT_LIFETIME = 30

function mockCredential(c: (typeof demoApplicationCredentials)[number]): AppCred {
  return {
    id: c.id,
    name: c.name,
    secret: c.secret,
    user: c.user,
    userId: seedUserId(c.user),
    project: c.project,
    projectId: seedProjectId(c.project),
    unrestricted: c.unrestricted,
    roles: [...c.roles],
  }
}

function mockSignIn(): SignInFixtures {
  const [restricted, unrestricted] = demoApplicationCredentials
  return {
    mfaUser: {
      id: seedUserId('mia'),
      name: demoMfaUser.name,
      password: demoMfaUser.password,
      totpSecret: demoMfaUser.totpSecret,
      projects: ['consumer-a', 'consumer-b'],
    },
    totpUser: {
      id: seedUserId('tess'),
      name: demoTotpUser.name,
      totpSecret: demoTotpUser.totpSecret,
      projects: ['consumer-a'],
    },
    applicationCredentials: {
      restricted: mockCredential(restricted),
      unrestricted: mockCredential(unrestricted),
    },
    sso: {
      identityProvider: demoSsoUser.identityProvider,
      protocol: demoSsoUser.protocol,
      remoteId: demoSsoUser.remoteId,
      user: demoSsoUser.name,
      domain: SSO_DOMAIN.name,
      domainId: SSO_DOMAIN.id,
      project: SSO_PROJECT.name,
      projectId: SSO_PROJECT.id,
      origin: TRUSTED_DASHBOARDS[0] ?? '',
    },
  }
}

function mockTarget(): Target {
  return {
    name: 'mock',
    authUrl: `http://localhost${DEMO_AUTH_URL}`,
    legacy: async (run) => {
      await mockControl('settings', { policyMode: 'legacy' })
      try {
        await run('http://localhost/demo-cloud/image/RegionOne')
      } finally {
        await mockControl('settings', { policyMode: 'new-defaults' })
      }
    },
    setMemberQuota: (quota) => mockControl('settings', { image_member_quota: quota }),
    memberQuota: MOCK_QUOTA,
    signIn: mockSignIn(),
    receiptLifetimeSeconds: MOCK_RECEIPT_LIFETIME,
    withShortReceipts: async (run) => {
      await mockControl('settings', { receiptLifetimeSeconds: 1 })
      try {
        await run(1)
      } finally {
        await mockControl('settings', { receiptLifetimeSeconds: MOCK_RECEIPT_LIFETIME })
      }
    },
    configureIdentity: () =>
      mockControl('settings', {
        receiptLifetimeSeconds: MOCK_RECEIPT_LIFETIME,
        trustedDashboards: TRUSTED_DASHBOARDS,
      }),
  }
}

export const target: Target = targetName === 'real' ? realTarget() : mockTarget()

export type Actor = {
  user: string
  projectId: string
  token: string
  glance: (region?: string) => GlanceTarget
}

const passwords: Record<string, string> = {
  alice: 'alice-demo',
  bob: 'bob-demo',
  carol: 'carol-demo',
  rita: 'rita-demo',
  admin: 'admin-demo',
}

const actors = new Map<string, Promise<Actor>>()

/** A project-scoped token for a seeded user, through the panel's own Keystone client. */
export function as(user: string, project: string): Promise<Actor> {
  const key = `${user}@${project}`
  let actor = actors.get(key)
  if (!actor) {
    actor = passwordAuth(target.authUrl, {
      username: user,
      password: passwords[user] ?? '',
      domain: 'Default',
      project,
    }).then(({ token, body }) => ({
      user,
      token,
      projectId: body.project?.id ?? '',
      glance: (region = 'RegionOne') => {
        const url = imageEndpointUrl(body.catalog ?? [], region)
        if (!url) throw new Error(`no image endpoint in ${region}`)
        return { baseUrl: new URL(url, 'http://localhost').href, token }
      },
    }))
    actors.set(key, actor)
  }
  return actor
}
