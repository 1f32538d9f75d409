import type * as React from 'react'
import { Dialog as DialogPrimitive } from 'radix-ui'
import { cn, dialogPanelClassName, iconButton } from '~/ui/cn'
import { CloseIcon } from '~/ui/icons'
import { styled } from '~/ui/styled'

export function Dialog(props: React.ComponentProps<typeof DialogPrimitive.Root>) {
  return <DialogPrimitive.Root data-slot="dialog" {...props} />
}

export function DialogTrigger(props: React.ComponentProps<typeof DialogPrimitive.Trigger>) {
  return <DialogPrimitive.Trigger data-slot="dialog-trigger" {...props} />
}

export function DialogClose(props: React.ComponentProps<typeof DialogPrimitive.Close>) {
  return <DialogPrimitive.Close data-slot="dialog-close" {...props} />
}

export const DialogOverlay = styled(
  DialogPrimitive.Overlay,
  'dialog-overlay',
  'animate-fade-in fixed inset-0 z-50 bg-gray-950/50',
)

type DialogContentProps = React.ComponentProps<typeof DialogPrimitive.Content> & {
  /** The corner × button; its label is visually hidden. */
  showCloseButton?: boolean
}

/**
 * Dialogs without a DialogDescription should pass `aria-describedby={undefined}` to silence
 * Radix's warning; it is forwarded untouched.
 */
export function DialogContent({
  className,
  children,
  showCloseButton = true,
  ...props
}: DialogContentProps) {
  return (
    <DialogPrimitive.Portal>
      <DialogOverlay />
      <DialogPrimitive.Content
        data-slot="dialog-content"
        className={dialogPanelClassName(className)}
        {...props}
      >
        {children}
        {showCloseButton && (
          <DialogPrimitive.Close
            data-slot="dialog-close"
            className={cn(iconButton, 'absolute top-3 right-3 size-8')}
          >
            <CloseIcon />
            <span className="sr-only">Close</span>
          </DialogPrimitive.Close>
        )}
      </DialogPrimitive.Content>
    </DialogPrimitive.Portal>
  )
}

// Right padding keeps long titles clear of the close button.
export const DialogHeader = styled('div', 'dialog-header', 'flex flex-col gap-1.5 pr-8')

export const DialogFooter = styled(
  'div',
  'dialog-footer',
  'flex flex-col-reverse gap-2 sm:flex-row sm:justify-end',
)

export const DialogTitle = styled(
  DialogPrimitive.Title,
  'dialog-title',
  'text-lg font-semibold text-gray-900',
)

export const DialogDescription = styled(
  DialogPrimitive.Description,
  'dialog-description',
  'text-sm text-gray-600',
)
