import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { BrowserContext, Cookie } from '@playwright/test'
import { jwtDecrypt } from 'jose'
import { cloudDir } from '../../scripts/cloud/state.ts'

/**
 * The panel as scripts/cloud/panel.sh deploys it for this suite: nginx in front of two `serve`
 * instances, and the cloud's Glances, which tests may stop and start again.
 */
export const instances = ['127.0.0.1:4181', '127.0.0.1:4182'] as const

/** The pid of the serve instance on `port`, checked to be one (a pid file may outlive its process). */
export function servePid(port: number): number {
  const pid = Number(readFileSync(join(cloudDir(), 'panel', 'run', `serve-${port}.pid`), 'utf8'))
  const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
  if (!cmdline.includes('dist-server/server/main.js'))
    throw new Error(`pid ${pid} is not a serve instance`)
  return pid
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

const run = promisify(execFile)

/** Stops or starts one Glance of the local cloud; `start` returns once it answers. */
export async function glance(action: 'stop' | 'start', which: 'one' | 'two') {
  await run('bash', ['scripts/cloud/glance.sh', action, which], { timeout: 120_000 })
}

/**
 * Restarts Keystone with tokens that live `seconds` (scripts/cloud/up.sh restarts it when
 * keystone.conf changes; tokens already issued stay valid), or with the usual hour when undefined.
 */
export async function keystoneTokenLifetime(seconds?: number) {
  const env = { ...process.env }
  if (seconds === undefined) delete env.CLOUD_TOKEN_EXPIRATION
  else env.CLOUD_TOKEN_EXPIRATION = String(seconds)
  await run('bash', ['scripts/cloud/up.sh'], { timeout: 300_000, env })
}

/** The whole text of one of the stack's logs: `panel/logs/serve-4181.log`, `logs/glance-one.log`… */
export function logText(path: string): string {
  // A missing log throws: an absent file must not pass for "nothing was logged".
  return readFileSync(join(cloudDir(), path), 'utf8')
}

/** The panel's session cookie in the browser: there must be exactly one. */
export async function sessionCookie(context: BrowserContext): Promise<Cookie> {
  const cookies = (await context.cookies()).filter((c) => c.name.endsWith('isp-session'))
  if (cookies.length !== 1 || !cookies[0]) throw new Error(`${cookies.length} session cookies`)
  return cookies[0]
}

/**
 * The Keystone token sealed in the browser's session cookie, opened with the key panel.sh gave
 * both instances: what only the operator can do, for a test to ask Keystone about the token.
 */
export async function tokenInCookie(context: BrowserContext): Promise<string> {
  const { value } = await sessionCookie(context)
  const [entry = ''] = readFileSync(join(cloudDir(), 'panel', 'session-keys'), 'utf8')
    .split('\n')
    .filter((l) => l.includes(':'))
  const key = Buffer.from(entry.slice(entry.indexOf(':') + 1), 'base64')
  const { payload } = await jwtDecrypt(value, new Uint8Array(key))
  if (typeof payload.tok !== 'string') throw new Error('no token in the session cookie')
  return payload.tok
}
