import { resolve } from 'node:path'

/**
 * Where `npm run cloud:up` keeps the local cloud's state: outside the repository, because it holds
 * Keystone's fernet keys and service passwords, which no dev server or build may ever serve. The
 * same rule as `scripts/cloud/lib.sh`: ISP_CLOUD_DIR, else the default, resolved from the cwd.
 */
export const CLOUD_DEFAULT_DIR = '/var/lib/image-sharing-panel/cloud'

export function cloudDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.ISP_CLOUD_DIR || CLOUD_DEFAULT_DIR)
}

/** URLs and credentials of the running cloud, written by cloud:up once everything answers. */
export function cloudFile(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(cloudDir(env), 'cloud.json')
}
