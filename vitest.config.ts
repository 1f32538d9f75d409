import { defineConfig, mergeConfig } from 'vitest/config'
import viteConfig from './vite.config.ts'

export default defineConfig((env) =>
  mergeConfig(viteConfig(env), {
    test: {
      globals: true,
      restoreMocks: true,
      projects: [
        {
          extends: true,
          test: {
            name: 'app',
            environment: 'jsdom',
            include: ['src/**/*.test.{ts,tsx}', 'mocks/**/*.test.ts'],
            setupFiles: ['./src/test-setup.ts'],
          },
        },
        {
          // The contract suite against the demo cloud's handlers (msw/node)...
          extends: true,
          test: {
            name: 'contract-mock',
            environment: 'node',
            include: ['e2e/contract/**/*.contract.ts'],
            setupFiles: ['./e2e/contract/setup-mock.ts'],
            env: { CONTRACT_TARGET: 'mock' },
          },
        },
        {
          // ...and the same tests against the real Keystone and Glance of `npm run cloud:up`.
          extends: true,
          test: {
            name: 'contract-real',
            environment: 'node',
            include: ['e2e/contract/**/*.contract.ts'],
            setupFiles: ['./e2e/contract/setup-real.ts'],
            env: { CONTRACT_TARGET: 'real' },
            testTimeout: 30_000,
            hookTimeout: 60_000,
            // One cloud, shared: files run one at a time so they never race on quotas.
            fileParallelism: false,
          },
        },
        {
          // What runs in Node beside the app (the production server, the proxy, scripts): real
          // sockets, no MSW.
          extends: true,
          test: {
            name: 'node',
            environment: 'node',
            include: ['scripts/**/*.test.ts', 'server/**/*.test.ts'],
          },
        },
      ],
    },
  }),
)
