import { existsSync } from 'node:fs'
import { defineConfig } from '@playwright/test'
import base from './playwright.config.ts'
import { cloudFile } from './scripts/cloud/state.ts'

/**
 * The e2e suite against the real Keystone and Glance of `npm run cloud:up`, through the panel as
 * deployed: nginx (deploy/nginx's rules) in front of two `serve` instances, no Vite.
 */
const port = Number(process.env.E2E_CLOUD_PORT ?? 4180)

if (!existsSync(cloudFile())) {
  throw new Error('No local cloud: run `npm run cloud:up` first (or `npm run test:cloud`).')
}

export default defineConfig({
  ...base,
  // Fixtures here use the panel's own client, imported through the ~/ alias.
  tsconfig: './tsconfig.node.json',
  testDir: './e2e/cloud',
  testMatch: /.*\.cloud\.ts/,
  // One real cloud shared by every test: keep them from racing on the same projects.
  fullyParallel: false,
  workers: 1,
  use: { ...base.use, baseURL: `http://127.0.0.1:${port}` },
  webServer: {
    // Builds dist-cloud/ and dist-server/ when stale, then nginx on `port` and serve on 4181, 4182.
    command: 'bash scripts/cloud/panel.sh',
    url: `http://127.0.0.1:${port}/readyz`,
    env: { PANEL_NGINX_PORT: String(port) },
    // The deploy tests need this very stack (its instances and logs), never a server left running.
    reuseExistingServer: false,
    // SIGTERM lets panel.sh stop nginx and both instances; nothing is left behind.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
    timeout: 300_000,
  },
})
