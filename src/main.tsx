import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import './index.css'
import { ConfigErrorPage } from '~/pages/config-error'
import { initRuntime, loadConfig, type DemoHooks } from '~/config/runtime'
import { startTheme } from '~/util/theme'

// Before anything renders, so a chosen theme never flashes the other one.
startTheme()

const root = createRoot(document.getElementById('root') as HTMLElement)

async function start() {
  let demo: DemoHooks | undefined
  try {
    const config = await loadConfig()
    // A cloud build (VITE_DEMO=false) drops this branch, and with it every line of mock code.
    if (config.mode === 'demo') {
      if (import.meta.env.VITE_DEMO === 'false') {
        throw new Error('This build has no demo cloud: set "mode": "cloud" in config.json.')
      }
      const { startDemoCloud, resetDemoData } = await import('../mocks/browser')
      const { demoUsers } = await import('../mocks/seed')
      await startDemoCloud()
      demo = { users: demoUsers, reset: resetDemoData }
    }
    initRuntime(config, demo)
  } catch (e) {
    root.render(<ConfigErrorPage message={e instanceof Error ? e.message : String(e)} />)
    return
  }
  // Whether this browser is signed in (the server's cookie) is asked while the app's code loads.
  const [{ App }] = await Promise.all([
    import('~/app/app'),
    import('~/session/session').then(({ loadSession }) => loadSession()),
  ])
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  )
}

void start()
