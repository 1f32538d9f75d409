import * as React from 'react'

/**
 * What an opener of the dialog needs: the dialog stays mounted from its first opening on, so closing
 * it never throws away what was typed, and focus goes back to `returnFocus` when it closes (the
 * menu item or button that opened it may be gone).
 */
export function useShareImageDialog(returnFocus: React.RefObject<HTMLElement | null>) {
  const [open, setOpen] = React.useState(false)
  const [mounted, setMounted] = React.useState(false)
  return {
    openDialog: () => {
      setMounted(true)
      setOpen(true)
    },
    /** Props for <ShareImageDialog>, or undefined until it is first opened. */
    dialog: mounted
      ? {
          open,
          onOpenChange: (next: boolean) => {
            setOpen(next)
            if (!next) requestAnimationFrame(() => returnFocus.current?.focus())
          },
        }
      : undefined,
  }
}
