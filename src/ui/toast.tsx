import * as React from 'react'
import { cn, focusRing, iconButton } from '~/ui/cn'
import { CloseIcon, StatusIcon } from '~/ui/icons'
import { variantTone, type StatusVariant } from '~/ui/tone'

export type ToastVariant = StatusVariant

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

  const tone = variantTone(toast.variant)

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
        tone.edge,
      )}
    >
      <StatusIcon variant={toast.variant} className={tone.icon} />
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
        className={cn(iconButton, '-m-1 size-7')}
      >
        <CloseIcon />
      </button>
    </li>
  )
}
