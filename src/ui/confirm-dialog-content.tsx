import * as React from 'react'
import { AlertDialog } from 'radix-ui'
import { Button } from '~/ui/button'
import { cn, dialogPanelClassName } from '~/ui/cn'
import type { ConfirmDialogProps } from '~/ui/confirm-dialog'

// Radix's AlertDialog, loaded by ConfirmDialog (confirm-dialog.tsx) the first time one opens.
export default function ConfirmDialogContent({
  open,
  onOpenChange,
  title,
  description,
  confirmLabel,
  cancelLabel = 'Cancel',
  variant = 'danger',
  onConfirm,
  pending = false,
  children,
  className,
}: ConfirmDialogProps) {
  const [awaiting, setAwaiting] = React.useState(false)
  const busy = pending || awaiting
  const confirmRef = React.useRef<HTMLButtonElement>(null)
  const wasBusy = React.useRef(false)

  // Disabling the focused confirm button drops focus to <body>; put it back when a failed attempt
  // re-enables the button so keyboard users stay inside the dialog.
  React.useEffect(() => {
    if (wasBusy.current && !busy && open && document.activeElement === document.body) {
      confirmRef.current?.focus()
    }
    wasBusy.current = busy
  }, [busy, open])

  async function handleConfirm() {
    const result = onConfirm()
    if (!(result instanceof Promise)) {
      onOpenChange(false)
      return
    }
    setAwaiting(true)
    try {
      await result
      onOpenChange(false)
    } catch {
      // Deliberately swallowed: the caller owns error reporting and the dialog stays open to retry.
    } finally {
      setAwaiting(false)
    }
  }

  return (
    <AlertDialog.Root
      open={open}
      onOpenChange={(next) => {
        // Escape can't close the dialog mid-request: the outcome would otherwise go unseen.
        if (!next && busy) return
        onOpenChange(next)
      }}
    >
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="animate-fade-in fixed inset-0 z-50 bg-gray-950/50" />
        <AlertDialog.Content
          data-slot="confirm-dialog"
          className={dialogPanelClassName(cn('max-w-md', className))}
        >
          <div className="flex flex-col gap-1.5">
            <AlertDialog.Title className="text-lg font-semibold text-gray-900">
              {title}
            </AlertDialog.Title>
            <AlertDialog.Description className="text-sm text-gray-600">
              {description}
            </AlertDialog.Description>
          </div>
          {children}
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <AlertDialog.Cancel asChild>
              <Button variant="secondary" disabled={busy}>
                {cancelLabel}
              </Button>
            </AlertDialog.Cancel>
            {/* A plain Button, not AlertDialog.Action, which would close before the work is done. */}
            <Button
              ref={confirmRef}
              variant={variant}
              loading={busy}
              onClick={() => void handleConfirm()}
            >
              {confirmLabel}
            </Button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  )
}
