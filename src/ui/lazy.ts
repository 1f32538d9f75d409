import { lazy, type ComponentType } from 'react'

type Module<P> = { default: ComponentType<P> }

/**
 * React.lazy plus `preload()`, which fetches the code ahead of need. Once the code is in, the
 * component renders at once instead of suspending for a tick (React.lazy takes a thenable that
 * resolves synchronously), so a toast or a confirmation shows in the render that asks for it, and
 * still shows if the network has dropped since the warm-up (app.tsx).
 */
export function lazyWithPreload<P extends object>(load: () => Promise<Module<P>>) {
  let loaded: Module<P> | undefined
  let loading: Promise<Module<P>> | undefined
  const preload = (): Promise<Module<P>> =>
    (loading ??= load().then(
      (module) => (loaded = module),
      (error: unknown) => {
        // A failed fetch (network down) is tried again next time, not remembered.
        loading = undefined
        throw error
      },
    ))
  const resolved = (module: Module<P>) =>
    // React.lazy types its loader as a Promise; it only calls then(), synchronously here.
    ({ then: (resolve: (m: Module<P>) => void) => resolve(module) }) as unknown as Promise<
      Module<P>
    >
  return Object.assign(
    lazy(() => (loaded ? resolved(loaded) : preload())),
    { preload },
  )
}
