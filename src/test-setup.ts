import '@testing-library/jest-dom/vitest'
import { cleanup } from '@testing-library/react'
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest'
import { server } from '~mocks/node'
import { resetDb } from '~mocks/db'
import { clearToasts } from '~/ui/toast-store'
import { preloadToastCode } from '~/ui/toast'

// jsdom has no ResizeObserver, and Radix's tooltip and popper measure with it.
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
}

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
// As the app does after its first render (app.tsx): a toast then shows in the render that adds it.
beforeAll(() => preloadToastCode())
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
