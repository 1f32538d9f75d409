import { useEffect } from 'react'
import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { createBrowserRouter, Navigate, RouterProvider, type LoaderFunction } from 'react-router'
import { ApiError } from '~/api/http'
import { getRuntime } from '~/config/runtime'
import { Spinner } from '~/ui/spinner'
import { preloadTooltipCode } from '~/ui/button'
import { preloadConfirmDialogCode } from '~/ui/confirm-dialog'
import { preloadToastCode, Toaster } from '~/ui/toast'
import { RouteError } from '~/pages/route-error'
import { startTabSync } from '~/session/session'
import { paths } from '~/util/paths'
import { clearCacheWhenSessionEnds } from './session-cache'
import { SignedInLayout } from './signed-in-layout'
import { imageDetailLoader } from '~/pages/image-detail/loader'
import { inspectLoader } from '~/pages/inspect/loader'
import { projectLensLoader } from '~/pages/project-lens/loader'
import { reviewLoader } from '~/pages/review-shares/loader'
import { savedImagesLoader } from '~/pages/saved-images/loader'
import { signedInLoader } from './loaders'

declare module '@tanstack/react-query' {
  // Every query and mutation fails with our one error type (src/api/http.ts).
  interface Register {
    defaultError: ApiError
  }
}

export function makeQueryClient() {
  return new QueryClient({
    queryCache: new QueryCache(),
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        // A 4xx will not change by asking again; a flaky network might.
        retry: (count, error) =>
          count < 2 && error instanceof ApiError && (error.status === 0 || error.status >= 500),
        refetchOnWindowFocus: true,
      },
      mutations: { retry: false },
    },
  })
}

export const queryClient = makeQueryClient()

// Once per tab, before React subscribes: the cache is gone before any view re-renders.
clearCacheWhenSessionEnds(queryClient)
startTabSync()

const routeModule = (load: () => Promise<{ default: React.ComponentType }>) => async () => ({
  Component: (await load()).default,
})

/** A screen's route: its loader starts the data while `load` fetches its code. */
const screen = (
  path: string,
  loader: (qc: QueryClient) => LoaderFunction,
  load: () => Promise<{ default: React.ComponentType }>,
) => ({ path, loader: loader(queryClient), lazy: routeModule(load) })

// Shown while a lazy route module loads on the first visit.
const loading = (
  <div className="flex min-h-screen items-center justify-center">
    <Spinner label="Loading the panel" />
  </div>
)

export const routes = [
  {
    path: '/sign-in',
    lazy: routeModule(() => import('~/pages/sign-in/route')),
    errorElement: <RouteError />,
    hydrateFallbackElement: loading,
  },
  {
    // The demo's stand-in for an identity provider (Web SSO); a cloud has a real one, and a cloud
    // build (VITE_DEMO=false) leaves the page out.
    path: '/sign-in/demo-idp',
    lazy: routeModule(() =>
      import.meta.env.VITE_DEMO !== 'false' && getRuntime().demo
        ? import('~/pages/sign-in/demo-idp')
        : import('~/pages/not-found'),
    ),
    errorElement: <RouteError />,
    hydrateFallbackElement: loading,
  },
  {
    element: <SignedInLayout />,
    loader: signedInLoader(queryClient),
    errorElement: <RouteError />,
    hydrateFallbackElement: loading,
    children: [
      {
        // Inside the layout's <main>: the error is a section of it, not a second main landmark.
        errorElement: <RouteError within="layout" />,
        children: [
          { index: true, element: <Navigate to={paths.images()} replace /> },
          // Loaders here, not in the lazy modules: their requests leave while the chunk loads.
          screen('images', savedImagesLoader, () => import('~/pages/saved-images/route')),
          screen('images/:imageId', imageDetailLoader, () => import('~/pages/image-detail/route')),
          screen('review', reviewLoader, () => import('~/pages/review-shares/route')),
          screen('inspect', inspectLoader, () => import('~/pages/inspect/route')),
          screen('inspect/project', projectLensLoader, () => import('~/pages/project-lens/route')),
          { path: '*', lazy: routeModule(() => import('~/pages/not-found')) },
        ],
      },
    ],
  },
]

const router = createBrowserRouter(routes)

/**
 * After the first render, fetches the code a toast, a confirmation and a disabled button's tooltip
 * need, so that none waits for the network when asked for, and none fails when the network drops;
 * and starts the focus rescue (src/ui/focus-rescue.ts).
 */
function useWarmDeferredCode() {
  useEffect(() => {
    const timer = setTimeout(() => {
      for (const preload of [preloadToastCode, preloadConfirmDialogCode, preloadTooltipCode]) {
        // Not fatal: the code is fetched again when it is needed.
        preload().catch(() => undefined)
      }
      // Needed from the first keystroke, not for the first paint: off the way to the first rows.
      import('~/ui/focus-rescue')
        .then(({ startFocusRescue }) => {
          startFocusRescue()
        })
        .catch(() => undefined)
    }, 0)
    return () => {
      clearTimeout(timer)
    }
  }, [])
}

export function App() {
  useWarmDeferredCode()
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
      <Toaster />
    </QueryClientProvider>
  )
}
