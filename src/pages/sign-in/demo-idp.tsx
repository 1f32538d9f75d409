import { useState, type SyntheticEvent } from 'react'
import { SESSION_WEBSSO_PATH, SSO_RETURN_PATH } from '~/api/session-flow'
import { DEMO_AUTH_URL } from '~/config/config'
import { Alert } from '~/ui/alert'
import { Button } from '~/ui/button'
import { TextField } from '~/ui/field'

/**
 * The demo's identity provider: what a real cloud's "Sign in with …" leads to (a university's or a
 * company's login page, then Keystone's WebSSO page that posts a token back). It plays both on
 * the demo Keystone (mocks/) and ends as the real flow does, with a full page load of the panel's
 * /sign-in?sso=… that the receiver sends the browser to. Loaded only on a demo (app.tsx).
 */
const WEBSSO = `${DEMO_AUTH_URL}/auth/OS-FEDERATION/identity_providers/localidp/protocols/mapped/websso`

/** The token in Keystone's WebSSO page: a hidden field of the form that posts it on. */
export function tokenInWebSsoPage(html: string): string | null {
  const page = new DOMParser().parseFromString(html, 'text/html')
  const field = page.querySelector<HTMLInputElement>('input[name="token"]')
  return field?.value || null
}

/**
 * Where the receiver's 303 led: sign-in with its `?sso=`, and nowhere else. Read from the URL, as
 * a redirect the demo's service worker answered reports `redirected: false`.
 */
export function landingOf(url: string): string {
  try {
    const u = new URL(url, location.origin)
    return u.origin === location.origin && u.pathname === SSO_RETURN_PATH
      ? u.pathname + u.search
      : SSO_RETURN_PATH
  } catch {
    return SSO_RETURN_PATH
  }
}

async function federatedSignIn(name: string): Promise<string> {
  const origin = encodeURIComponent(location.origin + SESSION_WEBSSO_PATH)
  const keystone = await fetch(`${WEBSSO}?origin=${origin}`, {
    // What the identity provider would assert, as Apache's mod_auth_* hands it to Keystone.
    headers: {
      'X-Remote-User': name,
      'X-Remote-Email': `${name}@example.org`,
      'X-Idp': 'local-idp',
    },
  })
  // Keystone refused (or is not there): the panel's page then says the sign-in did not finish.
  if (keystone.status !== 200) return SSO_RETURN_PATH
  const token = tokenInWebSsoPage(await keystone.text())
  const back = await fetch(SESSION_WEBSSO_PATH, {
    method: 'POST',
    body: new URLSearchParams(token ? { token } : {}),
    redirect: 'follow',
  })
  return landingOf(back.url)
}

export default function DemoIdentityProvider({
  go = (to: string) => {
    location.assign(to)
  },
}: {
  /** A full page load, as the real flow's redirects are (tests watch it instead). */
  go?: (to: string) => void
}) {
  const [name, setName] = useState('sam')
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)

  function onSubmit(e: SyntheticEvent) {
    e.preventDefault()
    setBusy(true)
    setFailure(null)
    federatedSignIn(name.trim()).then(
      (to) => {
        go(to)
      },
      (err: unknown) => {
        setBusy(false)
        setFailure(err instanceof Error ? err.message : String(err))
      },
    )
  }

  return (
    <main className="mx-auto mt-12 mb-12 max-w-lg px-4">
      <h1 className="text-2xl font-semibold">Demo identity provider</h1>
      <p className="mt-2 text-sm text-gray-700">
        This page stands in for the university or company login that a real cloud would send you to.
        Whoever you name here, the demo’s Keystone takes as a federated user and sends back to the
        panel.
      </p>
      <form
        onSubmit={onSubmit}
        aria-label="Demo identity provider"
        className="mt-6 space-y-4 rounded-lg border border-gray-200 bg-white p-6 shadow-sm"
      >
        {failure && (
          <Alert variant="error" title="The demo identity provider could not answer">
            {failure}
          </Alert>
        )}
        <TextField
          label="User name"
          autoComplete="username"
          required
          value={name}
          onChange={(e) => {
            setName(e.target.value)
          }}
        />
        <div className="flex flex-wrap gap-2">
          <Button type="submit" loading={busy} className="flex-1">
            Sign in
          </Button>
          <Button
            variant="secondary"
            disabled={busy}
            onClick={() => {
              go(SSO_RETURN_PATH)
            }}
          >
            Cancel
          </Button>
        </div>
      </form>
    </main>
  )
}
