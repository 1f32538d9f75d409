import '@testing-library/jest-dom/vitest'
import { cleanup } from '@testing-library/react'
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest'
import { server } from '~mocks/node'
import { resetDb } from '~mocks/db'
import { resetPanelSession } from '~mocks/panel-server'
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
  resetPanelSession()
  sessionStorage.clear()
  // A user's last region choice outlives sign-out (src/session/session.ts), not a test.
  for (const key of Object.keys(localStorage))
    if (key.startsWith('isp-region:')) localStorage.removeItem(key)
})
afterEach(() => {
  cleanup()
  clearToasts()
  server.resetHandlers()
})
afterAll(() => server.close())
