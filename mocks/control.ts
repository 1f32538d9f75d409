import { http } from 'msw'
import { z } from 'zod'
import { resetDb, transact, updateSettings } from '~mocks/db'
import { DEMO_PATH, json, noContent, readJson } from '~mocks/respond'

/**
 * Mock-only hooks for tests and the demo's "Reset" action: they change the world, not the
 * page, so e2e tests need no page.route stubs.
 */

const BASE = `${DEMO_PATH}/_control`

const settingsSchema = z
  .object({
    image_member_quota: z.number().int().optional(),
    policyMode: z.enum(['new-defaults', 'legacy']).optional(),
    tokenLifetimeSeconds: z.number().int().positive().optional(),
    failNext: z
      .object({
        // 0 drops the connection (a network error); otherwise the HTTP status to answer
        status: z.number().int().min(0).max(599),
        count: z.number().int().positive().default(1),
        method: z.string().optional(),
        path: z.string().optional(),
      })
      .nullable()
      .optional(),
  })
  .strict()

export const controlHandlers = [
  // ?keepTokens=1 keeps everyone signed in; by default the world is reset entirely.
  http.post(`${BASE}/reset`, ({ request }) => {
    resetDb({ keepTokens: new URL(request.url).searchParams.get('keepTokens') === '1' })
    return noContent()
  }),

  http.post(`${BASE}/expire-tokens`, () => {
    transact((db) => {
      const past = new Date(Date.now() - 1000).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z')
      for (const token of Object.values(db.tokens)) token.expiresAt = past
    })
    return noContent()
  }),

  http.get(`${BASE}/settings`, () => json(updateSettings({}))),

  http.post(`${BASE}/settings`, async ({ request }) => {
    const body = await readJson(request)
    const parsed = settingsSchema.safeParse(body.kind === 'json' ? body.value : undefined)
    if (!parsed.success) return json({ error: parsed.error.issues }, 400)
    const patch = Object.fromEntries(
      Object.entries(parsed.data).filter(([, value]) => value !== undefined),
    )
    return json(updateSettings(patch))
  }),
]
