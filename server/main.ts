import { realpathSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import type { FastifyInstance } from 'fastify'
import { buildApp } from './app.ts'
import { checkStaticDir, readServerConfig } from './config.ts'

/** What `serve` takes from the process; tests hand in their own. */
export type MainDeps = {
  env?: Record<string, string | undefined>
  exit?: (code: number) => void
  stderr?: { write(text: string): unknown }
  /** Where SIGTERM and SIGINT arrive (the process). */
  signals?: { on(event: 'SIGTERM' | 'SIGINT', listener: (signal: string) => void): unknown }
  /** How long in-flight requests get after a signal before the process gives up (exit 1). */
  graceMs?: number
  logStream?: NodeJS.WritableStream
}

const defaultExit = (code: number) => process.exit(code)

/**
 * On SIGTERM or SIGINT: stop accepting, let in-flight requests finish (idle keep-alive sockets are
 * closed at once), then exit 0. A second signal, or the grace running out, exits 1 at once.
 */
export function installShutdown(
  app: FastifyInstance,
  { signals = process, exit = defaultExit, graceMs = 30_000 }: MainDeps = {},
): void {
  let closing = false
  let grace: NodeJS.Timeout | undefined
  let sweep: NodeJS.Timeout | undefined
  const onSignal = (signal: string) => {
    if (closing) {
      app.log.warn({ signal }, 'second signal: exiting without waiting for requests')
      clearInterval(sweep)
      clearTimeout(grace)
      exit(1)
      return
    }
    closing = true
    app.log.info({ signal }, 'shutting down: no new connections, finishing requests in flight')
    grace = setTimeout(() => {
      app.log.error({ graceMs }, 'requests still in flight after the grace period: exiting')
      exit(1)
    }, graceMs)
    // A keep-alive socket whose request was in flight turns idle only once it is answered; close
    // it then, or server.close() waits for the client (or nginx's upstream pool) to hang up.
    sweep = setInterval(() => app.server.closeIdleConnections(), 100)
    const done = (code: number) => {
      clearTimeout(grace)
      clearInterval(sweep)
      exit(code)
    }
    app.close().then(
      () => {
        app.log.info('stopped')
        done(0)
      },
      (err: unknown) => {
        app.log.error({ err }, 'shutdown failed')
        done(1)
      },
    )
  }
  signals.on('SIGTERM', onSignal)
  signals.on('SIGINT', onSignal)
}

/** Keystone's URL as it may be logged: no user name or password, no query. */
function printable(authUrl: string): string {
  const u = new URL(authUrl)
  return `${u.origin}${u.pathname}`
}

/** `npm run serve`: read the environment, serve the panel and the proxy, stop cleanly on a signal. */
export async function main(deps: MainDeps = {}): Promise<FastifyInstance | undefined> {
  const { env = process.env, exit = defaultExit, stderr = process.stderr } = deps
  let config
  try {
    config = readServerConfig(env)
    checkStaticDir(config.staticDir)
    if (config.sessionKeys.length === 0) {
      // Without a key every instance would seal with its own: a session would not survive a
      // restart or move to another instance behind the load balancer.
      throw new Error(
        'PANEL_SESSION_KEYS (or PANEL_SESSION_KEYS_FILE) is required: the key every instance seals sessions with; for example PANEL_SESSION_KEYS=2026-12:$(openssl rand -base64 32)',
      )
    }
  } catch (e) {
    stderr.write(`The panel server cannot start: ${e instanceof Error ? e.message : String(e)}\n`)
    exit(1)
    return undefined
  }
  const services = ['identity', ...config.serviceTypes].join(', ')
  const app = await buildApp(config, {
    staticDir: config.staticDir,
    ...(deps.logStream ? { logStream: deps.logStream } : {}),
  })
  installShutdown(app, deps)
  try {
    await app.listen({
      host: config.host,
      port: config.port,
      // Fastify's own "listening" line, made the one start line an operator needs.
      listenTextResolver: (address) =>
        `Image Sharing Panel at ${address}: Keystone ${printable(config.authUrl)}, proxied services ${services}`,
    })
  } catch (e) {
    stderr.write(
      `The panel server cannot listen on ${config.host}:${config.port}: ${e instanceof Error ? e.message : String(e)} (set HOST and PORT)\n`,
    )
    exit(1)
    return undefined
  }
  return app
}

// Run when started as a program (node dist-server/server/main.js), not when imported by a test.
const entry = process.argv[1]
if (entry && import.meta.url === pathToFileURL(realpathSync(entry)).href) {
  void main()
}
