import { Suspense, useState, type ReactNode } from 'react'
import type { MenuAction } from '~/ui/action-menu'
import { lazyWithPreload } from '~/ui/lazy'

// Loaded when the user menu's "Project names" is first chosen: the header never waits for it.
const AddressBookDialog = lazyWithPreload(() => import('./address-book-dialog'))

/** The menu button a focused menu item belongs to: Radix labels a menu by its trigger. */
function menuTrigger(): HTMLElement | null {
  const menu = document.activeElement?.closest('[role="menu"]')
  const id = menu?.getAttribute('aria-labelledby')
  return id ? document.getElementById(id) : null
}

/**
 * The user menu's "Project names" item and the address book's dialog it opens, which lives
 * beside the menu (a menu item is gone once the menu closes).
 */
export function useAddressBookMenu(): { action: MenuAction; dialog: ReactNode } {
  const [returnTo, setReturnTo] = useState<HTMLElement | null>()
  return {
    action: {
      label: 'Project names',
      onSelect: () => {
        setReturnTo(menuTrigger())
      },
    },
    dialog: returnTo !== undefined && (
      <Suspense>
        <AddressBookDialog
          returnFocusTo={returnTo}
          onClose={() => {
            setReturnTo(undefined)
          }}
        />
      </Suspense>
    ),
  }
}
