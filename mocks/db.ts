import type { Catalog, Image, MemberStatus } from '~/api/schemas'
import type { PolicyMode } from '~/api/glance-policy'
import { largeSeed, seed } from '~mocks/seed'

/** The demo cloud's whole state: one Keystone and one Glance per region, as plain JSON. */

export type DemoDomain = { id: string; name: string; enabled: boolean }

export type DemoProject = {
  id: string
  name: string
  domainId: string
  description: string
  enabled: boolean
}

export type DemoUser = {
  id: string
  name: string
  password: string
  domainId: string
  enabled: boolean
  /** Keystone scopes a token to this project when the request names no scope. */
  defaultProjectId: string | null
}

export type DemoRole = { id: string; name: string }

export type RoleAssignment = { userId: string; projectId: string; roleId: string }

export type DemoToken = {
  id: string
  userId: string
  /** null for an unscoped token */
  projectId: string | null
  methods: string[]
  issuedAt: string
  expiresAt: string
  auditIds: string[]
}

/** A row of glance's image_members table; deletion is soft, as in Glance. */
export type StoredMember = {
  imageId: string
  memberId: string
  status: MemberStatus
  createdAt: string
  updatedAt: string
  deleted: boolean
}

/** Each region runs its own Glance: an image lives in exactly one region. */
export type RegionWorld = { images: Image[]; members: StoredMember[] }

/** A fault the next matching Glance requests answer with; status 0 drops the connection. */
export type FaultPlan = { status: number; count: number; method?: string; path?: string }

export type MockSettings = {
  image_member_quota: number
  policyMode: PolicyMode
  tokenLifetimeSeconds: number
  failNext: FaultPlan | null
}

export type DbState = {
  version: 1
  /** 'large' in the large world of `npm run bench` (`_control/reset?seed=large`). */
  seed?: 'large'
  domains: DemoDomain[]
  projects: DemoProject[]
  users: DemoUser[]
  roles: DemoRole[]
  assignments: RoleAssignment[]
  tokens: Record<string, DemoToken>
  catalog: Catalog
  regions: string[]
  glance: Record<string, RegionWorld>
  settings: MockSettings
}

export const STORAGE_KEY = 'isp-demo-db-v1'
/** Changed whenever a tab writes the large world, so the other tabs know to read it again. */
const REVISION_KEY = `${STORAGE_KEY}:revision`
/** How long the large world's changes wait before this tab writes them to storage. */
const FLUSH_MS = 5000

export type SeedName = 'standard' | 'large'

const initial: DbState = seed()
let memory: DbState = structuredClone(initial)
let browserMode = false

/**
 * The large world is megabytes of JSON: reading and writing it on every request would make the
 * bench measure the mock. So this tab keeps it parsed, writes it back FLUSH_MS after a request and
 * when the page is hidden, and reads it again only when another tab has written a newer one.
 * Other tabs see a change up to FLUSH_MS late; the standard world is written at once, as before.
 */
let held: { db: DbState; revision: string | null; flush: number | null } | null = null

function flushHeld() {
  if (held === null) return
  if (held.flush !== null) clearTimeout(held.flush)
  const revision = crypto.randomUUID()
  localStorage.setItem(STORAGE_KEY, JSON.stringify(held.db))
  localStorage.setItem(REVISION_KEY, revision)
  held = { ...held, revision, flush: null }
}

/**
 * In the browser the world lives in localStorage and is re-read on every request, so all tabs share
 * one world and it survives reloads. Vitest keeps it in memory (jsdom has localStorage too, so this
 * is an explicit switch rather than feature detection).
 */
export function enableBrowserMode() {
  browserMode = true
  addEventListener('pagehide', flushHeld)
}

/** Browser mode also adds latency, so loading states are visible in the demo. */
export function isBrowserMode() {
  return browserMode
}

// A shallow check: the version key is bumped whenever the shape changes.
function isDbState(value: unknown): value is DbState {
  return typeof value === 'object' && value !== null && 'version' in value && value.version === 1
}

function load(): DbState {
  if (!browserMode) return memory
  if (held !== null && localStorage.getItem(REVISION_KEY) === held.revision) return held.db
  held = null
  const raw = localStorage.getItem(STORAGE_KEY)
  if (raw !== null) {
    try {
      const parsed: unknown = JSON.parse(raw)
      if (isDbState(parsed) && parsed.seed === 'large') {
        held = { db: parsed, revision: localStorage.getItem(REVISION_KEY), flush: null }
      }
      if (isDbState(parsed)) return parsed
    } catch {
      // A corrupt entry falls back to the seed rather than breaking the demo.
    }
  }
  return structuredClone(initial)
}

function save(db: DbState) {
  if (!browserMode) return
  const now = Date.now()
  // Expired tokens are useless; drop them so storage does not grow without bound.
  for (const [id, token] of Object.entries(db.tokens)) {
    if (Date.parse(token.expiresAt) < now - 86_400_000) Reflect.deleteProperty(db.tokens, id)
  }
  if (db.seed === 'large') {
    // A handler that throws halfway keeps its partial change here: a price of not copying.
    const flush = held?.flush ?? window.setTimeout(flushHeld, FLUSH_MS)
    held = { db, revision: held?.revision ?? null, flush }
    return
  }
  localStorage.setItem(STORAGE_KEY, JSON.stringify(db))
}

/** Load the world, let fn read or change it, save it. Nothing is saved when fn throws. */
export function transact<T>(fn: (db: DbState) => T): T {
  const db = load()
  const result = fn(db)
  save(db)
  return result
}

/**
 * Restore the seed, the standard one unless told (and forget the stored copy in the browser).
 * With keepTokens, signed-in tabs stay signed in: the demo's "Reset" button should not sign
 * everyone out.
 */
export function resetDb(options: { keepTokens?: boolean; seed?: SeedName } = {}) {
  const tokens = options.keepTokens === true ? load().tokens : {}
  memory = options.seed === 'large' ? largeSeed() : structuredClone(initial)
  memory.tokens = tokens
  if (!browserMode) return
  if (held !== null && held.flush !== null) clearTimeout(held.flush)
  held = null
  localStorage.removeItem(STORAGE_KEY)
  localStorage.removeItem(REVISION_KEY)
  if (memory.seed === 'large') {
    held = { db: memory, revision: null, flush: null }
    flushHeld()
    return
  }
  if (options.keepTokens === true) transact((db) => Object.assign(db.tokens, tokens))
}

export function getSettings(): MockSettings {
  return transact((db) => structuredClone(db.settings))
}

export function updateSettings(patch: Partial<MockSettings>): MockSettings {
  return transact((db) => {
    db.settings = { ...db.settings, ...patch }
    return structuredClone(db.settings)
  })
}

/** Glance's timestamp format (glance/common/timeutils.py::isotime): no fractional seconds. */
export function glanceTime(ms: number = Date.now()): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/** Keystone writes microseconds: 2026-11-25T01:45:59.000000Z. */
export function keystoneTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z')
}
