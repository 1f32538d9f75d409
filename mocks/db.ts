import type { Catalog, Image, MemberStatus } from '~/api/schemas'
import type { PolicyMode } from '~/api/glance-policy'
import { largeSeed, lensSeed, seed } from '~mocks/seed'

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
  /** null: no password signs this user in (one with TOTP alone, or made by WebSSO). */
  password: string | null
  domainId: string
  enabled: boolean
  /** Keystone scopes a token to this project when the request names no scope. */
  defaultProjectId: string | null
  /** The base32 secret of the user's Keystone credential of type `totp`. */
  totpSecret?: string
  /**
   * The user option multi_factor_auth_rules (with multi_factor_auth_enabled): each rule a set of
   * methods that together suffice. Absent: a single method suffices.
   */
  mfaRules?: string[][]
  /** A shadow user Keystone made at a WebSSO sign-in: who vouched for it. */
  federated?: { idpId: string; protocolId: string; uniqueId: string; email: string | null }
}

/** An application credential (keystone/application_credential); its secret is kept in clear. */
export type DemoApplicationCredential = {
  id: string
  name: string
  userId: string
  /** null when made with an unscoped token, which Keystone allows */
  projectId: string | null
  secret: string
  roleIds: string[]
  /** null when the creator did not say: Keystone then treats it as restricted */
  unrestricted: boolean | null
  /** Keystone's own format for it, without a zone: 2026-12-07T21:09:07.495000 */
  expiresAt: string | null
  description: string | null
}

/** An MFA auth receipt: proof of the methods done so far, for a short while (stateless in Keystone). */
export type DemoReceipt = {
  id: string
  userId: string
  methods: string[]
  issuedAt: string
  expiresAt: string
}

/** What a WebSSO protocol's mapping makes of the headers an auth module in front of Keystone sets. */
export type DemoFederationProtocol = {
  /** remote_id_attribute, as the HTTP header it comes from (HTTP_X_IDP is the header X-Idp) */
  remoteIdHeader: string
  userHeader: string
  emailHeader: string
  /** Projects of the IdP's domain (made if missing) the user gets these roles on. */
  projects: { name: string; roles: string[] }[]
}

export type DemoIdentityProvider = {
  id: string
  domainId: string
  enabled: boolean
  remoteIds: string[]
  protocols: Record<string, DemoFederationProtocol>
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
  /** Set on a token an application credential got: its roles and project are the credential's. */
  applicationCredentialId?: string
  /** Set on a token WebSSO got, and on tokens re-scoped from it. */
  federation?: { idpId: string; protocolId: string }
  /** Revoked (DELETE /v3/auth/tokens): kept, so validating it says so as Keystone does. */
  revoked?: boolean
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

/** Which demo service a planned fault hits: Glance (the default) or Keystone. */
export type FaultService = 'image' | 'identity'

/**
 * A fault the next matching requests answer with; status 0 drops the connection, `hang` never
 * answers (mocks/faults.ts).
 */
export type FaultPlan = {
  status: number
  count: number
  method?: string
  path?: string
  service?: FaultService
  hang?: boolean
  /** Every token dies with the fault: a token's expiry meeting this very request. */
  expireTokens?: boolean
}

export type MockSettings = {
  image_member_quota: number
  policyMode: PolicyMode
  tokenLifetimeSeconds: number
  /** Keystone's [receipt] expiration: how long an MFA receipt waits for the next step. */
  receiptLifetimeSeconds: number
  /**
   * Keystone's [federation] trusted_dashboard: the origins WebSSO hands a token to. null trusts
   * any http(s) URL whose path is exactly /session/websso, the panel's receiver, because the demo
   * runs on whatever port Vite picks; a list makes the mock as strict as Keystone.
   */
  trustedDashboards: string[] | null
  failNext: FaultPlan | null
}

export type DbState = {
  version: 2
  /** The bench's worlds (`_control/reset?seed=large|lens`); absent in the standard one. */
  seed?: 'large' | 'lens'
  domains: DemoDomain[]
  projects: DemoProject[]
  users: DemoUser[]
  roles: DemoRole[]
  assignments: RoleAssignment[]
  applicationCredentials: DemoApplicationCredential[]
  identityProviders: DemoIdentityProvider[]
  tokens: Record<string, DemoToken>
  receipts: Record<string, DemoReceipt>
  catalog: Catalog
  regions: string[]
  glance: Record<string, RegionWorld>
  settings: MockSettings
}

export const STORAGE_KEY = 'isp-demo-db-v1'
/** Changed whenever a tab writes the world, so the other tabs know to read it again. */
const REVISION_KEY = `${STORAGE_KEY}:revision`
/** How long a bench world's changes wait before this tab writes them to storage. */
const FLUSH_MS = 5000

export type SeedName = 'standard' | 'large' | 'lens'

const initial: DbState = seed()
let memory: DbState = structuredClone(initial)
let browserMode = false

/**
 * The world as this tab last read or wrote it, and the revision it had then. Reading and parsing
 * hundreds of kilobytes on every request would make the demo (and the bench) measure the mock,
 * so a tab parses the world again only when another tab has written a newer revision. The
 * standard world is written at once; a bench world (megabytes) FLUSH_MS after a request and when
 * the page is hidden, so other tabs see its changes up to FLUSH_MS late.
 */
let held: { db: DbState; revision: string | null; flush: number | null } | null = null

function write(db: DbState) {
  const revision = crypto.randomUUID()
  localStorage.setItem(STORAGE_KEY, JSON.stringify(db))
  localStorage.setItem(REVISION_KEY, revision)
  held = { db, revision, flush: null }
}

/** Writes a bench world's changes now, if any wait; a world only read is never written back. */
function flushHeld() {
  if (held === null || held.flush === null) return
  clearTimeout(held.flush)
  write(held.db)
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
  return typeof value === 'object' && value !== null && 'version' in value && value.version === 2
}

function parseStored(raw: string | null): DbState {
  if (raw !== null) {
    try {
      const parsed: unknown = JSON.parse(raw)
      if (isDbState(parsed)) return parsed
    } catch {
      // A corrupt entry falls back to the seed rather than breaking the demo.
    }
  }
  return structuredClone(initial)
}

function load(): DbState {
  if (!browserMode) return memory
  const revision = localStorage.getItem(REVISION_KEY)
  if (held !== null && revision === held.revision) return held.db
  held = { db: parseStored(localStorage.getItem(STORAGE_KEY)), revision, flush: null }
  return held.db
}

function save(db: DbState) {
  if (!browserMode) return
  const now = Date.now()
  // Expired tokens and receipts are useless; drop them so storage does not grow without bound.
  for (const [id, token] of Object.entries(db.tokens)) {
    if (keystoneTimeMs(token.expiresAt) < now - 86_400_000) Reflect.deleteProperty(db.tokens, id)
  }
  for (const [id, receipt] of Object.entries(db.receipts)) {
    if (keystoneTimeMs(receipt.expiresAt) < now) Reflect.deleteProperty(db.receipts, id)
  }
  if (db.seed !== undefined) {
    // A handler that throws halfway keeps its partial change here: a price of not copying.
    const flush = held?.flush ?? window.setTimeout(flushHeld, FLUSH_MS)
    held = { db, revision: held?.revision ?? null, flush }
    return
  }
  write(db)
}

/** Load the world, let fn read or change it, save it. Nothing is saved when fn throws. */
export function transact<T>(fn: (db: DbState) => T): T {
  const db = load()
  const result = fn(db)
  save(db)
  return result
}

/** Load the world for fn to read only: nothing is written, so a read costs no serialising. */
export function read<T>(fn: (db: DbState) => T): T {
  return fn(load())
}

/**
 * Restore the seed, the standard one unless told (and forget the stored copy in the browser).
 * With keepTokens, signed-in tabs stay signed in: the demo's "Reset" button should not sign
 * everyone out.
 */
export function resetDb(options: { keepTokens?: boolean; seed?: SeedName } = {}) {
  const tokens = options.keepTokens === true ? load().tokens : {}
  memory =
    options.seed === 'large'
      ? largeSeed()
      : options.seed === 'lens'
        ? lensSeed()
        : structuredClone(initial)
  memory.tokens = tokens
  if (!browserMode) return
  if (held !== null && held.flush !== null) clearTimeout(held.flush)
  held = null
  localStorage.removeItem(STORAGE_KEY)
  localStorage.removeItem(REVISION_KEY)
  if (memory.seed !== undefined) {
    write(memory)
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

/**
 * A Keystone time as milliseconds. Some come without a zone (an application credential's
 * expires_at, and a token it cuts short), and are UTC all the same: Date.parse would read them
 * as local time.
 */
export function keystoneTimeMs(time: string): number {
  return Date.parse(/(Z|[+-]\d\d:\d\d)$/.test(time) ? time : `${time}Z`)
}
