import * as v from 'valibot'
import { configSchema, DEMO_AUTH_URL, type PanelConfig, type SsoChoice } from './config'

export type DemoUser = { name: string; password: string; description: string }

/** What main.tsx hands over from the demo cloud, so src never imports mocks itself. */
export type DemoHooks = {
  users: DemoUser[]
  reset: () => Promise<void> | void
  /** A user whose Keystone rules want a password and then a passcode; `code` is the passcode now. */
  mfa?: { name: string; password: string; code: () => Promise<string> }
  /** A user who signs in with a passcode alone. */
  totpOnly?: { name: string; code: () => Promise<string> }
  /** An application credential of a demo user, to sign in with by ID or by name. */
  applicationCredential?: { id: string; secret: string; name: string; user: string; domain: string }
  /** The demo's identity providers, shown beside those of config.json. */
  sso?: SsoChoice[]
}

export type Runtime = {
  config: PanelConfig
  /** Keystone's URL as the user knows it: what names their cloud (share requests, saved names). */
  authUrl: string
  demo: DemoHooks | undefined
}

let runtime: Runtime | undefined

export class ConfigError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ConfigError'
  }
}

export async function loadConfig(url = '/config.json'): Promise<PanelConfig> {
  let response: Response
  try {
    response = await fetch(url, { cache: 'no-store', headers: { Accept: 'application/json' } })
  } catch {
    throw new ConfigError(
      `The configuration file ${url} could not be loaded: the server did not answer.`,
    )
  }
  if (!response.ok) {
    throw new ConfigError(
      `The configuration file ${url} could not be loaded: the server answered ${response.status}.`,
    )
  }
  let json: unknown
  try {
    json = await response.json()
  } catch {
    throw new ConfigError(`The configuration file ${url} is not valid JSON.`)
  }
  const parsed = v.safeParse(configSchema, json)
  if (!parsed.success) {
    throw new ConfigError(`The configuration file ${url} is invalid: ${v.summarize(parsed.issues)}`)
  }
  return parsed.output
}

export function initRuntime(config: PanelConfig, demo?: DemoHooks): Runtime {
  runtime =
    config.mode === 'demo'
      ? { config, authUrl: DEMO_AUTH_URL, demo }
      : { config, authUrl: config.authUrl.replace(/\/+$/, ''), demo: undefined }
  return runtime
}

export function getRuntime(): Runtime {
  if (!runtime) throw new Error('The runtime configuration was read before it was loaded.')
  return runtime
}
