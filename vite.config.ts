import { fileURLToPath, URL } from 'node:url'
import tailwindcss from '@tailwindcss/vite'
import react from '@vitejs/plugin-react'
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import { dirname, join, posix } from 'node:path'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { FastifyInstance } from 'fastify'
import { defineConfig, type Plugin, type ViteDevServer } from 'vite'
import { readServerConfig, type ServerConfig } from './server/config.ts'
import { securityHeaders } from './server/security-headers.ts'

const root = fileURLToPath(new URL('.', import.meta.url)).replace(/\/$/, '')

/**
 * A cloud build (VITE_DEMO=false) must carry no mock code and serve no source: main.tsx's demo
 * branch is dropped at build time; this removes MSW's service worker script that public/ would
 * otherwise copy in, and moves the (hidden) source maps out to <outDir>-sourcemaps/, kept for
 * reading stack traces but never deployed.
 */
const cloudBuildOutput = (): Plugin => ({
  name: 'cloud-build-output',
  apply: 'build',
  writeBundle(options, bundle) {
    if (process.env.VITE_DEMO !== 'false' || !options.dir) return
    rmSync(`${options.dir}/mockServiceWorker.js`, { force: true })
    const maps = `${options.dir}-sourcemaps`
    rmSync(maps, { recursive: true, force: true })
    for (const file of Object.keys(bundle).filter((f) => f.endsWith('.map'))) {
      mkdirSync(dirname(join(maps, file)), { recursive: true })
      renameSync(join(options.dir, file), join(maps, file))
    }
  },
})

type Middleware = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void

/**
 * The dev server serves the app, not the repository (issue 10, review finding 1): a request whose
 * first path segment names a top-level entry the app does not load (scripts/, e2e/, server/,
 * .cloud/, package.json, tsconfig*, *.config.*, …, or a file dropped there since the server
 * started), or any dotfile segment, is answered 404. The same holds for a file named through
 * /@fs/<this repo>/… and for a module id asked for through /@id/…, which Vite resolves as an import
 * (`/@id/package.json?import`, `/@id/~/../CONTRIBUTING.md?import&raw`, an absolute path, a file:
 * URL: security review, probe 107), so the guard resolves that id as Vite would and checks the
 * file it names. What Vite needs stays: /src/, /node_modules/ (.vite/deps included), /mocks/ in
 * demo mode, /@vite/, /@id/ for packages and virtual modules, /@react-refresh, public/ files,
 * index.html, SPA routes.
 */
const serveOnlyTheApp = (demo: boolean): Plugin => {
  const needed = new Set(['src', 'node_modules', 'index.html', ...(demo ? ['mocks'] : [])])
  /** A path under the repository's root, as `/package.json` or `/src/main.tsx`. */
  const refusedInRepo = (path: string): boolean => {
    const segments = path.split('/').filter(Boolean)
    const [first] = segments
    if (first !== undefined && !needed.has(first) && existsSync(join(root, first))) return true
    return segments.some(
      (s, i) => s.startsWith('.') && !(s === '.vite' && segments[i - 1] === 'node_modules'),
    )
  }
  /** An absolute path: within this repository, the rules above; elsewhere server.fs.allow decides. */
  const refusedFile = (abs: string): boolean =>
    abs.startsWith(`${root}/`) && refusedInRepo(abs.slice(root.length))
  const refusedPath = (pathname: string): boolean => {
    let path: string
    try {
      path = posix.normalize(decodeURIComponent(pathname))
    } catch {
      return true
    }
    if (path.startsWith('/@fs/')) return refusedFile(path.slice('/@fs'.length))
    // An id starting with / is tried from the root first, then as an absolute path.
    if (path.startsWith('/@id/')) {
      const id = path.slice('/@id'.length)
      return refusedInRepo(id) || refusedFile(id)
    }
    return refusedInRepo(path)
  }
  /** The file an /@id/ request names, resolved as Vite's transform middleware resolves it. */
  const refusedId = async (server: ViteDevServer, pathname: string): Promise<boolean> => {
    let id: string
    try {
      id = decodeURI(pathname).slice('/@id/'.length).replace('__x00__', '\0')
    } catch {
      return true
    }
    const resolved = await server.environments.client.pluginContainer.resolveId(id)
    return resolved !== null && refusedFile(resolved.id.split('?', 1)[0] ?? '')
  }
  const refuse = (res: ServerResponse) => {
    res.statusCode = 404
    res.setHeader('Content-Type', 'text/plain; charset=utf-8')
    res.end('Not found\n')
  }
  const guard =
    (server: ViteDevServer): Middleware =>
    (req, res, next) => {
      const pathname = (req.url ?? '/').split('?', 1)[0] ?? '/'
      if (refusedPath(pathname)) {
        refuse(res)
        return
      }
      if (!pathname.startsWith('/@id/')) {
        next()
        return
      }
      refusedId(server, pathname).then(
        (refused) => {
          if (refused) refuse(res)
          else next()
        },
        // The resolver failed: Vite's own attempt would fail the same way.
        () => refuse(res),
      )
    }
  return {
    name: 'serve-only-the-app',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use(guard(server))
    },
  }
}

/** The paths the panel server (server/app.ts) answers in `--mode cloud`; Vite serves the rest. */
const SERVER_PATHS = /^\/(proxy(\/|$)|session(\/|$)|config\.json$|healthz$|readyz$)/

/**
 * `--mode cloud` (npm run start:cloud / preview:cloud): the panel on a real cloud through the
 * production server's own Fastify app (server/app.ts, without static files), so dev, preview and
 * `serve` share one proxy, one /config.json, one set of health checks.
 */
const panelServer = (config: ServerConfig): Plugin => {
  let app: Promise<FastifyInstance> | undefined
  const ready = () =>
    (app ??= import('./server/app.ts').then(async ({ buildApp }) => {
      const a = await buildApp(config, { staticDir: false })
      await a.ready()
      return a
    }))
  const mount: Middleware = (req, res, next) => {
    if (!SERVER_PATHS.test((req.url ?? '/').split('?', 1)[0] ?? '/')) {
      next()
      return
    }
    ready().then((a) => a.routing(req, res), next)
  }
  const closeWith = (httpServer: { once(event: 'close', f: () => void): unknown } | null) =>
    httpServer?.once('close', () => void app?.then((a) => a.close()))
  return {
    name: 'panel-server',
    configureServer(server) {
      server.middlewares.use(mount)
      closeWith(server.httpServer)
    },
    configurePreviewServer(server) {
      server.middlewares.use(mount)
      closeWith(server.httpServer)
    },
  }
}

const port = Number(process.env.PORT ?? 5173)

/** Small modules the list and the detail page share (see codeSplitting below). */
const sharedSmallModules =
  /\/src\/(components\/(image-status-badge|member-status-badge|use-seen-rows)|api\/(answers-in-flight|ids|images|image-order|describe-error)|pages\/(admin-only|prefetch))\.tsx?$/

export default defineConfig(({ command, mode }) => {
  const cloud = mode === 'cloud'
  const config = cloud ? readServerConfig() : undefined
  return {
    plugins: [
      react(),
      tailwindcss(),
      cloudBuildOutput(),
      serveOnlyTheApp(!cloud),
      ...(config ? [panelServer(config)] : []),
    ],
    resolve: {
      alias: {
        '~': fileURLToPath(new URL('./src', import.meta.url)),
        '~mocks': fileURLToPath(new URL('./mocks', import.meta.url)),
        // React Router's package.json exports only its development build (dev warnings on, for
        // every bundler: remix-run/react-router#12532); a build takes the production one beside it.
        ...(command === 'build'
          ? {
              'react-router': fileURLToPath(
                new URL('./node_modules/react-router/dist/production/index.mjs', import.meta.url),
              ),
            }
          : {}),
      },
    },
    server: {
      port,
      strictPort: true,
      host: '127.0.0.1',
      // The panel's own origin only: no page on another localhost port may read what Vite serves.
      cors: false,
      // Vite's defaults, plus the local cloud's state (fernet keys, passwords) and private keys.
      fs: { deny: ['.env', '.env.*', '*.{crt,pem,key}', '**/.git/**', '**/.cloud/**'] },
      // No security headers here: the dev server's HMR client and React Refresh need inline
      // scripts, which the panel's CSP forbids. Preview (the built panel) has them, as serve does.
    },
    preview: {
      port,
      strictPort: true,
      host: '127.0.0.1',
      cors: false,
      // The demo build runs under the same policy as production (the e2e suite previews it);
      // MSW's worker is same-origin, so worker-src 'self' covers it.
      headers: securityHeaders({ hsts: config?.hsts ?? false }),
    },
    // Maps are written for reading stack traces, referenced by no file; a cloud build moves them
    // out of dist-cloud/ (cloudBuildOutput above).
    build: {
      sourcemap: 'hidden',
      rolldownOptions: {
        output: {
          // A screen's route module (src/pages/<screen>/route.tsx) names its chunk after the screen,
          // which is how scripts/bundle-size.mjs finds the code a page waits for.
          chunkFileNames: ({ facadeModuleId }) =>
            `assets/${/\/src\/pages\/([\w-]+)\/route\.tsx$/.exec(facadeModuleId ?? '')?.[1] ?? '[name]'}-[hash].js`,
          // Fewer, larger chunks on the way to a page's first rows: gzip compresses one file better
          // than many, and each file costs a request. The libraries every signed-in page needs go
          // together; so do src/ui's primitives (but the Radix wrappers, the toast and what only
          // Image Detail shows, which load later), src/util (but the tables' export), and the few small modules that the
          // list and the detail page share, each of which would otherwise be a file of its own.
          // Only the modules named move (their imports stay where they are), else React would be
          // pulled in and the split undone.
          codeSplitting: {
            includeDependenciesRecursively: false,
            groups: [
              {
                name: 'vendor',
                test: /\/node_modules\/(@tanstack\/(query-core|react-query)|react-router)\//,
              },
              {
                name: 'ui',
                test: (id) =>
                  (/\/src\/(ui|util)\/|\/node_modules\/clsx\//.test(id) ||
                    sharedSmallModules.test(id)) &&
                  // theme and focus-rescue start in main.tsx, before the app: they stay in the entry.
                  !/\/(dropdown-menu|tooltip|confirm-dialog-content|dialog|checkbox|toast-item|copy-button|description-list|export-file|theme|focus-rescue)\.tsx?$/.test(
                    id,
                  ),
              },
            ],
          },
        },
      },
    },
  }
})
