import { Suspense } from 'react'
import type * as React from 'react'
import { lazyWithPreload } from '~/ui/lazy'

export type ConfirmDialogProps = {
  open: boolean
  onOpenChange: (open: boolean) => void
  title: React.ReactNode
  description: React.ReactNode
  confirmLabel: string
  cancelLabel?: string
  variant?: 'danger' | 'primary'
  /**
   * Called on confirm. If it returns a promise the dialog stays open (busy) until it settles and
   * closes only on success; a rejection keeps it open so the caller can show the error (children).
   */
  // eslint-disable-next-line @typescript-eslint/no-invalid-void-type -- sync handlers return nothing
  onConfirm: () => Promise<unknown> | void
  /** External busy flag, e.g. a mutation's isPending. */
  pending?: boolean
  /** Extra content between the description and the buttons, e.g. an error Alert. */
  children?: React.ReactNode
  className?: string
}

// Radix's AlertDialog loads after the first render (app.tsx warms it) or when a confirmation first
// opens: no page waits for it to show.
const Content = lazyWithPreload(() => import('~/ui/confirm-dialog-content'))
export const preloadConfirmDialogCode = Content.preload

/**
 * Asks before an act that cannot be undone, or that others will see. Rendered only while open; a
 * closed ConfirmDialog costs nothing.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  if (!props.open) return null
  return (
    <Suspense>
      <Content {...props} />
    </Suspense>
  )
}
