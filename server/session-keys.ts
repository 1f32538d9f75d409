import { createHash, randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { EncryptJWT, jwtDecrypt } from 'jose'
import type { StoredSession } from '../src/api/session-flow.ts'

/**
 * The session cookie is a JWE (dir + A256GCM, by jose) under a key every instance shares: any
 * instance reads what another wrote, a restart loses nothing, and nothing is stored server-side.
 * Rotation: the first key seals, every listed key opens (by the JWE's `kid`), so a new key is put
 * first and the old one kept until the longest token sealed under it has expired (docs/sessions.md).
 */

export type SessionKey = { id: string; key: Uint8Array }

const KEY_ID = /^[A-Za-z0-9._-]{1,32}$/
const AUDIENCE = 'image-sharing-panel/session'

function fail(name: string, problem: string): never {
  throw new Error(
    `${name} ${problem}; for example ${name}=2026-12:$(openssl rand -base64 32), newest first, comma-separated`,
  )
}

/** `id:base64` entries, comma- or newline-separated; `#` starts a comment line (a key file). */
export function parseSessionKeys(raw: string, name: string): SessionKey[] {
  const entries = raw
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '' && !s.startsWith('#'))
  if (entries.length === 0) fail(name, 'holds no key')
  const seen = new Set<string>()
  return entries.map((entry) => {
    const colon = entry.indexOf(':')
    const id = colon < 0 ? '' : entry.slice(0, colon)
    if (!KEY_ID.test(id))
      fail(name, `has an entry without a key ID (letters, digits, . _ -) before ":"`)
    if (seen.has(id)) fail(name, `names the key ID ${JSON.stringify(id)} twice`)
    seen.add(id)
    const b64 = entry
      .slice(colon + 1)
      .replace(/-/g, '+')
      .replace(/_/g, '/')
    const key = Buffer.from(b64, 'base64')
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64) || key.length !== 32) {
      fail(name, `has key ${JSON.stringify(id)} that is not 32 bytes of base64`)
    }
    return { id, key: new Uint8Array(key) }
  })
}

/** PANEL_SESSION_KEYS, or the file PANEL_SESSION_KEYS_FILE names (systemd credentials, a secret mount). */
export function readSessionKeys(env: Record<string, string | undefined>): SessionKey[] {
  const inline = env.PANEL_SESSION_KEYS?.trim()
  const file = env.PANEL_SESSION_KEYS_FILE?.trim()
  if (inline && file) {
    throw new Error('Set PANEL_SESSION_KEYS or PANEL_SESSION_KEYS_FILE, not both.')
  }
  if (inline) return parseSessionKeys(inline, 'PANEL_SESSION_KEYS')
  if (file) {
    let text: string
    try {
      text = readFileSync(file, 'utf8')
    } catch (e) {
      throw new Error(
        `PANEL_SESSION_KEYS_FILE=${JSON.stringify(file)} cannot be read: ${e instanceof Error ? e.message : String(e)}`,
      )
    }
    return parseSessionKeys(text, `The file ${file}`)
  }
  return []
}

/** A key for one process only (tests, the dev server): sessions end with the process. */
export function ephemeralKey(): SessionKey {
  return { id: 'ephemeral', key: new Uint8Array(randomBytes(32)) }
}

/** What else the server hands the browser sealed: a sign-in half done, a Web SSO hand-off. */
export type SealedKind = 'step' | 'sso'

export type SessionSealer = {
  seal(session: StoredSession): Promise<string>
  /** The session, or null when the value is forged, sealed under an unknown key, or expired. */
  open(value: string): Promise<StoredSession | null>
  /**
   * A short-lived value of another kind, under its own audience: one kind never opens as another,
   * nor as a session.
   */
  sealAs(kind: SealedKind, claims: Record<string, unknown>, expiresAtMs: number): Promise<string>
  openAs(kind: SealedKind, value: string): Promise<Record<string, unknown> | null>
}

/** Cookies opened lately: opening one costs ~250 µs of WebCrypto, and a page sends it with every call. */
const OPENED_MAX = 1000

export function sessionSealer(keys: readonly SessionKey[]): SessionSealer {
  const [current] = keys
  if (!current) throw new Error('No session key.')
  const byId = new Map(keys.map((k) => [k.id, k.key]))
  // A sealed value always opens to the same session, so what it opened to can be kept: by its
  // hash, bounded, and never past the token's expiry. Keys change only with a restart.
  const opened = new Map<string, StoredSession>()
  const open = async (value: string): Promise<StoredSession | null> => {
    const hash = createHash('sha256').update(value).digest('base64url')
    const hit = opened.get(hash)
    if (hit) {
      if (Date.parse(hit.expiresAt) > Date.now()) return hit
      opened.delete(hash)
      return null
    }
    const session = await openSealed(value)
    if (session) {
      if (opened.size >= OPENED_MAX) opened.delete(opened.keys().next().value ?? '')
      opened.set(hash, session)
    }
    return session
  }
  return {
    open,
    sealAs: (kind, claims, expiresAtMs) =>
      new EncryptJWT(claims)
        .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', kid: current.id })
        .setAudience(`${AUDIENCE}/${kind}`)
        .setIssuedAt()
        .setExpirationTime(Math.floor(expiresAtMs / 1000))
        .encrypt(current.key),
    async openAs(kind, value) {
      try {
        const { payload } = await decrypt(value, `${AUDIENCE}/${kind}`)
        return payload
      } catch {
        return null
      }
    },
    async seal(s) {
      return new EncryptJWT({ sid: s.sid, tok: s.token, reg: s.region, xat: s.expiresAt })
        .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', kid: current.id })
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(Math.floor(Date.parse(s.expiresAt) / 1000))
        .encrypt(current.key)
    },
  }

  function decrypt(value: string, audience: string) {
    return jwtDecrypt(
      value,
      (header) => {
        const key = header.kid === undefined ? undefined : byId.get(header.kid)
        if (!key) throw new Error('unknown session key')
        return key
      },
      { audience, keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A256GCM'] },
    )
  }

  async function openSealed(value: string): Promise<StoredSession | null> {
    try {
      const { payload } = await decrypt(value, AUDIENCE)
      const { sid, tok, reg, xat } = payload
      if (typeof sid !== 'string' || typeof tok !== 'string') return null
      if (typeof reg !== 'string' || typeof xat !== 'string') return null
      return { sid, token: tok, region: reg, expiresAt: xat }
    } catch {
      return null
    }
  }
}
