import type { StatusVariant } from '~/ui/tone'

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
// without a provider, and <Toaster /> (toast.tsx) subscribes with useSyncExternalStore.
let toasts: readonly Toast[] = []
let nextId = 0
const listeners = new Set<() => void>()

function emit(next: readonly Toast[]) {
  toasts = next
  for (const listener of listeners) listener()
}

export function subscribeToToasts(listener: () => void) {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

export function currentToasts() {
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
