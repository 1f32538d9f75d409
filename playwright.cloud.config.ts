import { readFileSync } from 'node:fs'
import { defineConfig } from '@playwright/test'
import base from './playwright.config.ts'

/** The e2e suite against the real Keystone and Glance of `npm run cloud:up`, through the proxy. */
const port = Number(process.env.E2E_CLOUD_PORT ?? 4180)

function authUrl() {
  try {
    return (JSON.parse(readFileSync('.cloud/cloud.json', 'utf8')) as { authUrl: string }).authUrl
  } catch {
    throw new Error('No local cloud: run `npm run cloud:up` first (or `npm run test:cloud`).')
  }
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
    command: `npm run preview:cloud -- --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}/config.json`,
    env: { OS_AUTH_URL: authUrl() },
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
  },
})
