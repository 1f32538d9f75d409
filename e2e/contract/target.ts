import { readFileSync } from 'node:fs'
import { cloudFile } from '../../scripts/cloud/state.ts'
import { passwordAuth, imageEndpointUrl } from '~/api/keystone'
import type { GlanceTarget } from '~/api/glance'
import { DEMO_AUTH_URL } from '~/config/config'

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
}

export const targetName = process.env.CONTRACT_TARGET === 'real' ? 'real' : 'mock'

async function mockControl(action: string, body: unknown) {
  const r = await fetch(`http://localhost/demo-cloud/_control/${action}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })
  if (!r.ok) throw new Error(`mock control ${action}: ${r.status}`)
}

type CloudFile = { authUrl: string; legacyGlance: string; imageMemberQuota: number }

function realTarget(): Target {
  const cloud = JSON.parse(readFileSync(cloudFile(), 'utf8')) as CloudFile
  return {
    name: 'real',
    authUrl: cloud.authUrl,
    legacy: (run) => run(cloud.legacyGlance),
    // The real Glance's quota is set in its config by cloud:up; tests read it, not set it.
    setMemberQuota: () => Promise.resolve(),
    memberQuota: cloud.imageMemberQuota,
  }
}

const MOCK_QUOTA = 8

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
