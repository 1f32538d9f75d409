import { fileURLToPath, URL } from 'node:url'
import tailwindcss from '@tailwindcss/vite'
import react from '@vitejs/plugin-react'
import { rmSync } from 'node:fs'
import { defineConfig, type Plugin } from 'vite'

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

export default defineConfig({
  plugins: [react(), tailwindcss(), dropMockWorker()],
  resolve: {
    alias: {
      '~': fileURLToPath(new URL('./src', import.meta.url)),
      '~mocks': fileURLToPath(new URL('./mocks', import.meta.url)),
    },
  },
  server: { port, strictPort: true, host: '127.0.0.1' },
  preview: { port, strictPort: true, host: '127.0.0.1' },
  build: { sourcemap: true },
})
