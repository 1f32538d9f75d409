// The local cloud of `npm run cloud:up`, for the benches that prepare data on it: where its
// cloud.json is (the rule of scripts/cloud/state.ts) and a project-scoped Keystone token.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'

/** cloud.json: authUrl, domain, regions (name → Glance URL), users (name → password, project). */
export function readCloud() {
  const dir = process.env.ISP_CLOUD_DIR || '/var/lib/image-sharing-panel/cloud'
  return JSON.parse(readFileSync(resolve(dir, 'cloud.json'), 'utf8'))
}

/** A password sign-in scoped to a project: its token and the project's ID. */
export async function projectToken(cloud, name, password, project) {
  const r = await fetch(`${cloud.authUrl}/auth/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(passwordAuth(cloud.domain, name, password, project)),
  })
  if (!r.ok) throw new Error(`sign-in of ${name} failed: ${r.status}`)
  return { token: r.headers.get('X-Subject-Token'), projectId: (await r.json()).token.project.id }
}

/** Keystone's body for a password sign-in scoped to a project, all in one domain. */
export function passwordAuth(domain, name, password, project) {
  return {
    auth: {
      identity: {
        methods: ['password'],
        password: { user: { name, domain: { name: domain }, password } },
      },
      scope: { project: { name: project, domain: { name: domain } } },
    },
  }
}
