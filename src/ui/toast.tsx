import * as React from 'react'
import { cn } from '~/ui/cn'
import { lazyWithPreload } from '~/ui/lazy'
import { currentToasts, subscribeToToasts } from '~/ui/toast-store'

// A toast's own code loads after the first render (app.tsx warms it) or with the first toast,
// whichever comes first: no page waits for it to show.
const ToastItem = lazyWithPreload(() => import('~/ui/toast-item'))
// Loaded with the toasts' own code: nothing to keep clear before the first toast.
const StayClear = lazyWithPreload(async () => ({
  default: (await import('~/ui/toast-item')).StayClear,
}))
export const preloadToastCode = () => Promise.all([ToastItem.preload(), StayClear.preload()])

export function Toaster({ className, ...props }: React.ComponentProps<'section'>) {
  const current = React.useSyncExternalStore(subscribeToToasts, currentToasts, currentToasts)
  const section = React.useRef<HTMLElement>(null)
  const urgent = current.filter((toast) => toast.variant === 'error')
  const polite = current.filter((toast) => toast.variant !== 'error')

  return (
    <section
      ref={section}
      data-slot="toaster"
      aria-label="Notifications"
      className={cn(
        'pointer-events-none fixed right-4 bottom-4 z-100 flex w-[calc(100%-2rem)] max-w-sm flex-col gap-2',
        className,
      )}
      {...props}
    >
      {/* Both regions stay mounted (even empty) so screen readers announce what gets added. */}
      <React.Suspense>
        {current.length > 0 && <StayClear section={section} count={current.length} />}
        <ol aria-live="assertive" className="flex flex-col gap-2">
          {urgent.map((toast) => (
            <ToastItem key={toast.id} toast={toast} />
          ))}
        </ol>
        <ol aria-live="polite" className="flex flex-col gap-2">
          {polite.map((toast) => (
            <ToastItem key={toast.id} toast={toast} />
          ))}
        </ol>
      </React.Suspense>
    </section>
  )
}
