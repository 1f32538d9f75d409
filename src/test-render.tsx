import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { render } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router'
import type { SeedUserName } from '~mocks/seed'
import { passwordOf } from '~mocks/test-helpers'
import type { Session } from '~/api/scope'
import { setRegion, signIn } from '~/session/session'
import { Toaster } from '~/ui/toast'

/**
 * Signs a seed user in to the demo cloud and renders `routes` at `path` with a fresh query
 * client, the way the app mounts a page: what component tests of signed-in pages start from.
 */
export async function renderSignedIn(
  routes: RouteObject[],
  {
    path,
    user = 'bob',
    region,
    before,
  }: {
    path: string
    user?: SeedUserName
    region?: string
    /** Runs after sign-in and before the first render, e.g. to fill the cache. */
    before?: (client: QueryClient, session: Session) => Promise<unknown>
  },
) {
  const session = await signIn({ username: user, password: passwordOf(user), domain: 'Default' })
  if (region) await setRegion(region)
  // Retries would hide the errors these tests plan.
  const client = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  })
  await before?.(client, session)
  const router = createMemoryRouter(routes, { initialEntries: [path] })
  render(
    <QueryClientProvider client={client}>
      <RouterProvider router={router} />
      <Toaster />
    </QueryClientProvider>,
  )
  return { session, client, router, user: userEvent.setup() }
}
