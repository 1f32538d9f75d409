import { http } from 'msw'
import * as v from 'valibot'
import { resetDb, transact, updateSettings } from '~mocks/db'
import { DEMO_PATH, json, noContent, readJson } from '~mocks/respond'

/**
 * Mock-only hooks for tests and the demo's "Reset" action: they change the world, not the
 * page, so e2e tests need no page.route stubs.
 */

const BASE = `${DEMO_PATH}/_control`
const seedNames = ['large', 'lens'] as const

const positiveInteger = v.pipe(v.number(), v.integer(), v.gtValue(0))

const settingsSchema = v.strictObject({
  image_member_quota: v.optional(v.pipe(v.number(), v.integer())),
  policyMode: v.optional(v.picklist(['new-defaults', 'legacy'])),
  tokenLifetimeSeconds: v.optional(positiveInteger),
  // Keystone's [receipt] expiration: short, so a test sees an MFA receipt expire.
  receiptLifetimeSeconds: v.optional(positiveInteger),
  // Keystone's [federation] trusted_dashboard list; null trusts the demo's receiver on any port.
  trustedDashboards: v.nullish(v.array(v.string())),
  // The next `count` requests to `service` that match `method` and a `path` substring fail
  // (mocks/faults.ts spends the plan).
  failNext: v.nullish(
    v.object({
      // 0 drops the connection (a network error); otherwise the HTTP status to answer
      status: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(599)),
      count: v.optional(positiveInteger, 1),
      method: v.optional(v.string()),
      path: v.optional(v.string()),
      // Glance by default, so plans written before Keystone could fail still mean Glance.
      service: v.optional(v.picklist(['image', 'identity'])),
      // Never answer, so that the client's timeout is what ends the request; `status` is then
      // not used.
      hang: v.optional(v.boolean()),
      // Every token expires as the fault answers: Keystone then agrees with the 401.
      expireTokens: v.optional(v.boolean()),
    }),
  ),
})

const grantSchema = v.strictObject({ user: v.string(), project: v.string(), role: v.string() })

export const controlHandlers = [
  // ?keepTokens=1 keeps everyone signed in; by default the world is reset entirely.
  // ?seed=large|lens puts a world of `npm run bench` in its place (mocks/seed.ts).
  http.post(`${BASE}/reset`, ({ request }) => {
    const params = new URL(request.url).searchParams
    resetDb({
      keepTokens: params.get('keepTokens') === '1',
      seed: seedNames.find((name) => name === params.get('seed')) ?? 'standard',
    })
    return noContent()
  }),

  http.post(`${BASE}/expire-tokens`, () => {
    transact((db) => {
      const past = new Date(Date.now() - 1000).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z')
      for (const token of Object.values(db.tokens)) token.expiresAt = past
    })
    return noContent()
  }),

  // A role for a user on a project, by names: what an admin does with `openstack role add`.
  // E.g. a second user in the admin's project, to check the panel never shows one user's
  // cached data to the next user of a tab.
  http.post(`${BASE}/grant-role`, async ({ request }) => {
    const body = await readJson(request)
    const parsed = v.safeParse(grantSchema, body.kind === 'json' ? body.value : undefined)
    if (!parsed.success) return json({ error: parsed.issues }, 400)
    const { user, project, role } = parsed.output
    const found = transact((db) => {
      const u = db.users.find((x) => x.name === user)
      const p = db.projects.find((x) => x.name === project)
      const r = db.roles.find((x) => x.name === role)
      if (!u || !p || !r) return false
      const exists = db.assignments.some(
        (a) => a.userId === u.id && a.projectId === p.id && a.roleId === r.id,
      )
      if (!exists) db.assignments.push({ userId: u.id, projectId: p.id, roleId: r.id })
      return true
    })
    return found ? noContent() : json({ error: 'no such user, project or role' }, 404)
  }),

  http.get(`${BASE}/settings`, () => json(updateSettings({}))),

  http.post(`${BASE}/settings`, async ({ request }) => {
    const body = await readJson(request)
    const parsed = v.safeParse(settingsSchema, body.kind === 'json' ? body.value : undefined)
    if (!parsed.success) return json({ error: parsed.issues }, 400)
    const patch = Object.fromEntries(
      Object.entries(parsed.output).filter(([, value]) => value !== undefined),
    )
    return json(updateSettings(patch))
  }),
]
