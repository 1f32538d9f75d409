import * as React from 'react'
import { AlertIcon } from '~/ui/alert'
import { cn, focusRing } from '~/ui/cn'

export type ToastVariant = 'info' | 'success' | 'warning' | 'error'

export type ToastOptions = {
  title: string
  description?: string
  variant?: ToastVariant
  /** e.g. { label: 'Undo', onClick }; clicking it also dismisses the toast. */
  action?: { label: string; onClick: () => void }
  /** Auto-dismiss delay; paused while hovered or focused. Infinity keeps the toast until dismissed. */
  durationMs?: number
}

export type Toast = ToastOptions & { id: string; variant: ToastVariant; durationMs: number }

const DEFAULT_DURATION_MS = 5000
const MAX_TOASTS = 5

// A tiny module-level store: toasts can be raised from anywhere (mutation callbacks included)
// without a provider, and <Toaster /> subscribes with useSyncExternalStore.
let toasts: readonly Toast[] = []
let nextId = 0
const listeners = new Set<() => void>()

function emit(next: readonly Toast[]) {
  toasts = next
  for (const listener of listeners) listener()
}

function subscribe(listener: () => void) {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

function getSnapshot() {
  return toasts
}

/** Shows a toast and returns its id (for dismissToast). */
export function addToast(options: ToastOptions): string {
  nextId += 1
  const id = `toast-${nextId}`
  const toast: Toast = {
    ...options,
    id,
    variant: options.variant ?? 'info',
    durationMs: options.durationMs ?? DEFAULT_DURATION_MS,
  }
  // Oldest toasts fall off so a burst of errors can't cover the page.
  emit([...toasts, toast].slice(-MAX_TOASTS))
  return id
}

export function dismissToast(id: string) {
  if (toasts.some((toast) => toast.id === id)) emit(toasts.filter((toast) => toast.id !== id))
}

/** Removes every toast; meant for test isolation and sign-out. */
export function clearToasts() {
  if (toasts.length > 0) emit([])
}

export function Toaster({ className, ...props }: React.ComponentProps<'section'>) {
  const current = React.useSyncExternalStore(subscribe, getSnapshot, getSnapshot)
  const urgent = current.filter((toast) => toast.variant === 'error')
  const polite = current.filter((toast) => toast.variant !== 'error')

  return (
    <section
      data-slot="toaster"
      aria-label="Notifications"
      className={cn(
        'pointer-events-none fixed right-4 bottom-4 z-100 flex w-[calc(100%-2rem)] max-w-sm flex-col gap-2',
        className,
      )}
      {...props}
    >
      {/* Both regions stay mounted (even empty) so screen readers announce what gets added. */}
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
    </section>
  )
}

const variantStyles: Record<ToastVariant, { box: string; icon: string }> = {
  info: { box: 'border-gray-200', icon: 'text-brand-700' },
  success: { box: 'border-green-300', icon: 'text-green-700' },
  warning: { box: 'border-amber-400', icon: 'text-amber-700' },
  error: { box: 'border-red-300', icon: 'text-red-700' },
}

function ToastItem({ toast }: { toast: Toast }) {
  const [hovered, setHovered] = React.useState(false)
  const [focused, setFocused] = React.useState(false)
  const remaining = React.useRef(toast.durationMs)
  const paused = hovered || focused

  // Runs the countdown only while unpaused; on pause the elapsed time is subtracted so resuming
  // continues where it left off instead of starting over.
  React.useEffect(() => {
    if (paused || !Number.isFinite(remaining.current)) return
    const startedAt = Date.now()
    const timer = setTimeout(() => {
      dismissToast(toast.id)
    }, remaining.current)
    return () => {
      clearTimeout(timer)
      remaining.current = Math.max(0, remaining.current - (Date.now() - startedAt))
    }
  }, [paused, toast.id])

  const styles = variantStyles[toast.variant]

  return (
    <li
      data-slot="toast"
      data-variant={toast.variant}
      onPointerEnter={() => {
        setHovered(true)
      }}
      onPointerLeave={() => {
        setHovered(false)
      }}
      onFocus={() => {
        setFocused(true)
      }}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget)) setFocused(false)
      }}
      className={cn(
        'animate-pop-in pointer-events-auto flex items-start gap-3 rounded-lg border border-l-4 bg-white p-4 text-sm shadow-lg',
        styles.box,
      )}
    >
      <AlertIcon variant={toast.variant} className={styles.icon} />
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        <p className="font-semibold text-gray-900">{toast.title}</p>
        {toast.description ? <p className="text-gray-700">{toast.description}</p> : null}
        {toast.action ? (
          <div className="mt-1">
            <button
              type="button"
              onClick={() => {
                toast.action?.onClick()
                dismissToast(toast.id)
              }}
              className={cn(
                'cursor-pointer rounded-md border border-gray-300 bg-white px-2.5 py-1 text-sm font-medium text-gray-900 hover:bg-gray-50',
                focusRing,
              )}
            >
              {toast.action.label}
            </button>
          </div>
        ) : null}
      </div>
      <button
        type="button"
        aria-label="Dismiss"
        onClick={() => {
          dismissToast(toast.id)
        }}
        className={cn(
          '-m-1 inline-flex size-7 shrink-0 cursor-pointer items-center justify-center rounded-md text-gray-600 hover:bg-gray-100 hover:text-gray-900',
          focusRing,
        )}
      >
        <svg viewBox="0 0 24 24" className="size-4" aria-hidden="true" focusable="false">
          <path
            d="M6 6l12 12M18 6L6 18"
            stroke="currentColor"
            strokeWidth="2"
            strokeLinecap="round"
          />
        </svg>
      </button>
    </li>
  )
}
