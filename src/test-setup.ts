// The app's zod settings (src/main.tsx imports them first): English messages, no eval.
import '~/zod-config'
import '@testing-library/jest-dom/vitest'
import { cleanup } from '@testing-library/react'
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest'
import { server } from '~mocks/node'
import { resetDb } from '~mocks/db'
import { clearToasts } from '~/ui/toast'

// jsdom has no ResizeObserver, and Radix's tooltip and popper measure with it.
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
}

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
beforeEach(() => {
  resetDb()
  sessionStorage.clear()
})
afterEach(() => {
  cleanup()
  clearToasts()
  server.resetHandlers()
})
afterAll(() => server.close())
