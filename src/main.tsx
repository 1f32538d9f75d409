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
      const [{ startDemoCloud, resetDemoData }, seed, { totpCode }] = await Promise.all([
        import('../mocks/browser'),
        import('../mocks/seed'),
        import('../mocks/totp'),
      ])
      await startDemoCloud()
      const [credential] = seed.demoApplicationCredentials
      demo = {
        users: seed.demoUsers,
        reset: resetDemoData,
        mfa: {
          name: seed.demoMfaUser.name,
          password: seed.demoMfaUser.password,
          code: () => totpCode(seed.demoMfaUser.totpSecret),
        },
        totpOnly: {
          name: seed.demoTotpUser.name,
          code: () => totpCode(seed.demoTotpUser.totpSecret),
        },
        applicationCredential: {
          id: credential.id,
          secret: credential.secret,
          name: credential.name,
          user: credential.user,
          domain: credential.domain,
        },
        // The demo's identity provider is a page of the panel itself (src/pages/sign-in/demo-idp.tsx).
        sso: [{ label: 'Demo identity provider', url: '/sign-in/demo-idp' }],
      }
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
