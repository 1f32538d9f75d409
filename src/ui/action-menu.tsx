import { cloneElement, lazy, Suspense, useState, type ReactElement, type ReactNode } from 'react'

/** One row of an ActionMenu. */
export type MenuAction =
  | { label: ReactNode; onSelect: () => void; variant?: 'danger' }
  /** Shown, focusable and read out with its reason, but does nothing. */
  | { label: ReactNode; disabledReason: string }
  /** An element (a router Link) that is the item itself. */
  | { link: ReactElement }

export type ActionMenuProps = {
  /** The button that opens the menu; it needs an accessible name. */
  trigger: ReactElement<{ onClick?: () => void }>
  /** Non-interactive text above the actions, e.g. who is signed in. */
  header?: ReactNode
  actions: readonly MenuAction[]
  className?: string
}

// Radix's menu loads after the page's first render: a list's first rows never wait for it.
const Popup = lazy(() => import('~/ui/dropdown-menu'))

/**
 * A button that opens a menu of actions. Until the menu's code has loaded (a moment after the page
 * shows), the trigger stands alone, and a click on it opens the menu as soon as it has.
 */
export function ActionMenu(props: ActionMenuProps) {
  const [openOnLoad, setOpenOnLoad] = useState(false)
  const standIn = cloneElement(props.trigger, {
    'aria-haspopup': 'menu',
    'aria-expanded': false,
    onClick: () => {
      setOpenOnLoad(true)
    },
  } as { onClick: () => void })
  return (
    <Suspense fallback={standIn}>
      <Popup {...props} defaultOpen={openOnLoad} />
    </Suspense>
  )
}
