import { existsSync, statSync } from 'node:fs'
import { isIP } from 'node:net'
import { basename, dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as v from 'valibot'
import { readSessionKeys, type SessionKey } from './session-keys.ts'

/** Everything `serve` (and Vite's cloud mode) takes from the environment, validated. */
export type ServerConfig = {
  /** Keystone's v3 URL, no trailing slash, e.g. http://127.0.0.1:5000/v3 */
  authUrl: string
  defaultDomain: string
  port: number
  host: string
  /** Service types proxied besides identity (which always is). */
  serviceTypes: string[]
  bodyLimit: number
  upstreamTimeoutMs: number
  /** Fastify's trustProxy: false, true, a hop count, or addresses/CIDRs/proxy-addr names. */
  trustProxy: boolean | number | string[]
  hsts: boolean
  /** Absolute path of the built panel (dist-cloud/). */
  staticDir: string
  logLevel: LogLevel
  /** Keys of the session cookie, newest first; empty: none configured (main.ts refuses to start). */
  sessionKeys: SessionKey[]
  /** PANEL_SECURE_COOKIE: Secure and __Host- even when the request did not arrive over TLS. */
  secureCookie: boolean
  /** PANEL_PUBLIC_ORIGIN: the origin the browser uses, when the Host header does not say it. */
  publicOrigin: string | undefined
  /** PANEL_WEBSSO_CHOICES: the sign-in page's "Sign in with <label>" buttons (Keystone federation). */
  webSso: WebSsoChoice[]
  /** PANEL_WEBSSO_URL: Keystone's v3 URL as the browser reaches it (default OS_AUTH_URL). */
  webSsoUrl: string
}

/** One Web SSO choice: Keystone's identity provider (optional) and federation protocol. */
export type WebSsoChoice = { label: string; protocol: string; idp?: string | undefined }

/** Keystone's IDs of identity providers and protocols: URL-path-safe words. */
const keystoneId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9._~-]{1,255}$/))
const webSsoSchema = v.array(
  v.strictObject({
    label: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(100)),
    protocol: keystoneId,
    idp: v.optional(keystoneId),
  }),
)

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

type Env = Record<string, string | undefined>

/** server/ sits one level under the package root; built, it is dist-server/server/, two levels. */
const serverDir = dirname(fileURLToPath(import.meta.url))
const packageRoot = resolve(
  serverDir,
  basename(dirname(serverDir)) === 'dist-server' ? '../..' : '..',
)

function fail(name: string, value: string, problem: string, example: string): never {
  throw new Error(`${name}=${JSON.stringify(value)} ${problem}; for example ${name}=${example}`)
}

/** The value, or undefined when unset or blank (a blank line in an env file means "default"). */
function read(env: Env, name: string): string | undefined {
  const v = env[name]
  return v === undefined || v.trim() === '' ? undefined : v.trim()
}

function wholeNumber(
  env: Env,
  name: string,
  fallback: number,
  min: number,
  max: number,
  unit: string,
  example: string,
): number {
  const raw = read(env, name)
  if (raw === undefined) return fallback
  const range = `from ${min} to ${max}${unit}`
  if (!/^\d+$/.test(raw)) fail(name, raw, `is not a whole number (${range})`, example)
  const n = Number(raw)
  if (n < min || n > max) fail(name, raw, `must be ${range}`, example)
  return n
}

function authUrl(env: Env): string {
  return keystoneUrl(env, 'OS_AUTH_URL')
}

function keystoneUrl(env: Env, name: string): string {
  const example = 'http://127.0.0.1:5000/v3'
  const raw = read(env, name)
  if (raw === undefined) {
    throw new Error(`${name} is required: Keystone's v3 URL; for example ${name}=${example}`)
  }
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    fail(name, raw, 'is not a URL', example)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    fail(name, raw, 'must be an http or https URL', example)
  }
  // Node's fetch refuses URLs with credentials; Keystone takes none there anyway.
  if (url.username || url.password) {
    fail(name, raw, 'must not carry a user name or password', example)
  }
  if (url.search || url.hash) fail(name, raw, 'must have no query or fragment', example)
  const path = url.pathname.replace(/\/+$/, '')
  if (!path.endsWith('/v3')) fail(name, raw, "must be Keystone's v3 URL, ending in /v3", example)
  return `${url.origin}${path}`
}

function serviceTypes(env: Env): string[] {
  const name = 'PANEL_SERVICE_TYPES'
  const raw = read(env, name)
  if (raw === undefined) return ['image']
  const types = raw.split(',').map((t) => t.trim())
  for (const t of types) {
    // Catalog types are lower-case words (image, compute, key-manager, object-store).
    if (!/^[a-z][a-z0-9-]*$/.test(t)) {
      fail(name, raw, `holds ${JSON.stringify(t)}, which is not a service type`, 'image,compute')
    }
  }
  // identity is always proxied; naming it changes nothing.
  return [...new Set(types.filter((t) => t !== 'identity'))]
}

function isAddressOrCidr(s: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(s)) return true
  const [addr = '', prefix, ...rest] = s.split('/')
  const family = isIP(addr)
  if (family === 0 || rest.length > 0) return false
  if (prefix === undefined) return true
  if (!/^\d+$/.test(prefix)) return false
  return Number(prefix) <= (family === 4 ? 32 : 128)
}

function trustProxy(env: Env): ServerConfig['trustProxy'] {
  const name = 'PANEL_TRUST_PROXY'
  const raw = read(env, name)
  if (raw === undefined || raw === 'false') return false
  if (raw === 'true') return true
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw)
    if (hops > 100) fail(name, raw, 'is not a plausible number of proxy hops', '1')
    return hops
  }
  const list = raw.split(',').map((s) => s.trim())
  for (const item of list) {
    if (!isAddressOrCidr(item)) {
      fail(
        name,
        raw,
        `holds ${JSON.stringify(item)}, which is not true, false, a hop count, an IP address or a CIDR`,
        '127.0.0.1,10.0.0.0/8',
      )
    }
  }
  return list
}

function bool(env: Env, name: string): boolean {
  const raw = read(env, name)
  if (raw === undefined || raw === 'false') return false
  if (raw === 'true') return true
  fail(name, raw, 'must be true or false', 'true')
}

function host(env: Env): string {
  const name = 'HOST'
  const raw = read(env, name)
  if (raw === undefined) return '127.0.0.1'
  // An IP address, or a host name that resolves to one (RFC 1123 labels).
  const hostname =
    /^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/
  if (isIP(raw) === 0 && !hostname.test(raw)) {
    fail(name, raw, 'is not an IP address or host name to listen on', '0.0.0.0')
  }
  return raw
}

function defaultDomain(env: Env): string {
  const name = 'PANEL_DEFAULT_DOMAIN'
  const raw = read(env, name)
  if (raw === undefined) return 'Default'
  // Keystone domain names are at most 64 characters.
  if (raw.length > 64 || /\p{Cc}/u.test(raw)) {
    fail(name, raw, 'is not a Keystone domain name (at most 64 printable characters)', 'Default')
  }
  return raw
}

function logLevel(env: Env): LogLevel {
  const name = 'PANEL_LOG_LEVEL'
  const raw = read(env, name)
  if (raw === undefined) return 'info'
  const level = LOG_LEVELS.find((l) => l === raw)
  if (!level) fail(name, raw, `must be one of ${LOG_LEVELS.join(', ')}`, 'info')
  return level
}

function publicOrigin(env: Env): string | undefined {
  const name = 'PANEL_PUBLIC_ORIGIN'
  const raw = read(env, name)
  if (raw === undefined) return undefined
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    fail(name, raw, 'is not a URL', 'https://panel.example.com')
  }
  if (
    (url.protocol !== 'https:' && url.protocol !== 'http:') ||
    url.origin !== raw.replace(/\/+$/, '')
  ) {
    fail(name, raw, 'must be an origin: scheme, host and port only', 'https://panel.example.com')
  }
  return url.origin
}

function webSso(env: Env): WebSsoChoice[] {
  const name = 'PANEL_WEBSSO_CHOICES'
  const raw = read(env, name)
  if (raw === undefined) return []
  const example = `'[{"label":"University login","idp":"uni","protocol":"openid"}]'`
  let json: unknown
  try {
    json = JSON.parse(raw)
  } catch {
    fail(name, raw, 'is not JSON', example)
  }
  const parsed = v.safeParse(webSsoSchema, json)
  if (!parsed.success) {
    fail(
      name,
      raw,
      `is not a list of {label, protocol, idp?}: ${v.summarize(parsed.issues)}`,
      example,
    )
  }
  return parsed.output
}

function staticDir(env: Env): string {
  const raw = read(env, 'PANEL_STATIC_DIR')
  return raw === undefined ? join(packageRoot, 'dist-cloud') : resolve(raw)
}

/** Reads and validates the environment; throws an Error naming the variable and the problem. */
export function readServerConfig(env: Env = process.env): ServerConfig {
  return {
    authUrl: authUrl(env),
    defaultDomain: defaultDomain(env),
    port: wholeNumber(env, 'PORT', 8080, 0, 65535, '', '8080'),
    host: host(env),
    serviceTypes: serviceTypes(env),
    bodyLimit: wholeNumber(env, 'PANEL_BODY_LIMIT', 1 << 20, 1, 1 << 30, ' bytes', '1048576'),
    upstreamTimeoutMs: wholeNumber(
      env,
      'PANEL_UPSTREAM_TIMEOUT_MS',
      30_000,
      100,
      3_600_000,
      ' ms',
      '30000',
    ),
    trustProxy: trustProxy(env),
    hsts: bool(env, 'PANEL_HSTS'),
    staticDir: staticDir(env),
    logLevel: logLevel(env),
    sessionKeys: readSessionKeys(env),
    secureCookie: bool(env, 'PANEL_SECURE_COOKIE'),
    publicOrigin: publicOrigin(env),
    webSso: webSso(env),
    webSsoUrl: keystoneUrl(env, read(env, 'PANEL_WEBSSO_URL') ? 'PANEL_WEBSSO_URL' : 'OS_AUTH_URL'),
  }
}

/**
 * Only `serve` needs the built panel (Vite serves its own), so main checks it at start rather than
 * readServerConfig: a missing build is named with what to run.
 */
export function checkStaticDir(dir: string): void {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new Error(
      `PANEL_STATIC_DIR=${JSON.stringify(dir)} is not a directory; build the panel with npm run build:cloud, or point PANEL_STATIC_DIR at its output, for example PANEL_STATIC_DIR=/srv/panel/dist-cloud`,
    )
  }
  if (!existsSync(join(dir, 'index.html'))) {
    throw new Error(
      `PANEL_STATIC_DIR=${JSON.stringify(dir)} holds no index.html; build the panel with npm run build:cloud, for example PANEL_STATIC_DIR=/srv/panel/dist-cloud`,
    )
  }
}
