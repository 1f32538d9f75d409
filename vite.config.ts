import { fileURLToPath, URL } from 'node:url'
import tailwindcss from '@tailwindcss/vite'
import react from '@vitejs/plugin-react'
import { rmSync } from 'node:fs'
import { defineConfig, type Plugin } from 'vite'
import { openstackProxy } from './scripts/proxy/openstack-proxy.ts'

// A cloud build (VITE_DEMO=false) must carry no mock code: main.tsx's demo branch is dropped at build
// time, and this removes MSW's service worker script that public/ would otherwise copy in.
const dropMockWorker = (): Plugin => ({
  name: 'drop-mock-worker',
  apply: 'build',
  writeBundle(options) {
    if (process.env.VITE_DEMO === 'false' && options.dir) {
      rmSync(`${options.dir}/mockServiceWorker.js`, { force: true })
    }
  },
})

const port = Number(process.env.PORT ?? 5173)

/**
 * `--mode cloud` (npm run start:cloud / preview:cloud): the panel on a real cloud through the
 * same-origin proxy, which also answers /config.json so the build needs no edits.
 */
const cloudProxy = (): Plugin => {
  const authUrl = process.env.OS_AUTH_URL
  if (!authUrl) {
    throw new Error(
      'Cloud mode needs OS_AUTH_URL, Keystone v3, e.g. OS_AUTH_URL=http://127.0.0.1:5000/v3 npm run start:cloud',
    )
  }
  const middleware = openstackProxy({
    authUrl,
    defaultDomain: process.env.OS_USER_DOMAIN_NAME ?? 'Default',
  })
  return {
    name: 'openstack-proxy',
    configureServer(server) {
      server.middlewares.use(middleware)
    },
    configurePreviewServer(server) {
      server.middlewares.use(middleware)
    },
  }
}

export default defineConfig(({ mode }) => ({
  plugins: [react(), tailwindcss(), dropMockWorker(), ...(mode === 'cloud' ? [cloudProxy()] : [])],
  resolve: {
    alias: {
      '~': fileURLToPath(new URL('./src', import.meta.url)),
      '~mocks': fileURLToPath(new URL('./mocks', import.meta.url)),
    },
  },
  server: { port, strictPort: true, host: '127.0.0.1' },
  preview: { port, strictPort: true, host: '127.0.0.1' },
  build: { sourcemap: true },
}))
