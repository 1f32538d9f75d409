import { lazy, useEffect } from 'react'
import { Navigate, NavLink, Outlet, useLocation } from 'react-router'
import { expireSession, isExpired, isUsable, useSessionState } from '~/session/session'
import { Spinner } from '~/ui/spinner'
import { HeaderPickers } from '~/components/header-pickers'
import { PendingSharesCounter } from '~/components/pending-shares-counter'
import { UserMenuButton } from '~/components/user-menu-button'
import { Deferred } from '~/ui/deferred'
import { paths } from '~/util/paths'
import { isAdmin } from '~/api/caller'
import { SessionEndsSoon } from '~/components/session-ends-soon'

// The user menu's code loads after the page's first render: no page waits for it.
const UserMenu = lazy(() => import('~/components/user-menu'))

const navLinkClassName = ({ isActive }: { isActive: boolean }) =>
  isActive
    ? 'font-semibold text-blue-800 underline underline-offset-4'
    : 'text-gray-700 hover:text-gray-900'

/** Everything behind sign-in: without a scoped session, go to sign-in and come back here after. */
export function SignedInLayout() {
  const { session, reason, loading } = useSessionState()
  const location = useLocation()

  // Sign in again when the token runs out, rather than waiting for the next 401.
  const expiresAt = session?.expiresAt
  useEffect(() => {
    if (!expiresAt) return
    const ms = Date.parse(expiresAt) - Date.now()
    const timer = setTimeout(expireSession, Math.max(0, Math.min(ms, 2 ** 31 - 1)))
    return () => clearTimeout(timer)
  }, [expiresAt])

  // Until the server has said whether the browser is signed in, the panel's loading state: no
  // sign-in form flashes by.
  if (loading) {
    return (
      <div className="flex min-h-screen items-center justify-center">
        <Spinner label="Loading the panel" />
      </div>
    )
  }

  if (!session || !isUsable(session)) {
    const next = location.pathname + location.search + location.hash
    const to =
      session && !isExpired(session) && !session.project
        ? paths.signIn({ next, step: 'project' })
        : reason === 'expired' || (session && isExpired(session))
          ? paths.signIn({ next, reason: 'expired' })
          : paths.signIn({ next })
    return <Navigate to={to} replace />
  }

  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <header className="border-b border-gray-200 bg-white">
        {/* One row on a wide screen; on a phone (below sm), three short ones: the title and the
            user menu, the links and the count of shares waiting, then project and region
            behind one button (HeaderPickers). */}
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 max-sm:gap-x-4">
          <NavLink to={paths.images()} className="order-1 text-lg font-semibold text-gray-900">
            Image Sharing Panel
          </NavLink>
          <nav aria-label="Main" className="order-3 sm:order-2">
            <ul className="flex gap-4 text-sm">
              <li>
                <NavLink to={paths.images()} className={navLinkClassName}>
                  Saved Images
                </NavLink>
              </li>
              {isAdmin(session) && (
                <li>
                  <NavLink to={paths.inspect()} className={navLinkClassName}>
                    Inspect
                  </NavLink>
                </li>
              )}
            </ul>
          </nav>
          <div className="order-4 ml-auto sm:order-3">
            <PendingSharesCounter />
          </div>
          <div className="order-5 max-sm:w-full sm:order-4">
            <HeaderPickers />
          </div>
          <div className="order-2 ml-auto sm:order-5 sm:ml-0">
            <Deferred
              component={UserMenu}
              props={{}}
              trigger={<UserMenuButton name={session.user.name} />}
            />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-7xl flex-1 px-4 py-6">
        <SessionEndsSoon expiresAt={session.expiresAt} />
        <Outlet />
      </main>
    </div>
  )
}
