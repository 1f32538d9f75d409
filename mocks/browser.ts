import { setupWorker } from 'msw/browser'
import { enableBrowserMode, resetDb } from '~mocks/db'
import { handlers } from '~mocks/handlers'

const worker = setupWorker(...handlers)

/** Start the demo cloud in this tab; its world is shared with every other tab through localStorage. */
export async function startDemoCloud() {
  enableBrowserMode()
  await worker.start({
    onUnhandledRequest: 'bypass',
    serviceWorker: { url: '/mockServiceWorker.js' },
    quiet: true,
  })
}

/**
 * Put the demo world back to its seed, for every tab (they re-read storage on each request).
 * Sessions survive, so the user who pressed "Reset" stays signed in.
 */
export function resetDemoData() {
  resetDb({ keepTokens: true })
}
