import { lazy, type ReactElement, type ReactNode } from 'react'
import { Deferred, type OpenOnLoad } from '~/ui/deferred'

/** One row of an ActionMenu. */
export type MenuAction =
  | { label: ReactNode; onSelect: () => void; variant?: 'danger' }
  /** Shown, focusable and read out with its reason, but does nothing. */
  | { label: ReactNode; disabledReason: string }
  /** An element (a router Link) that is the item itself. */
  | { link: ReactElement }
  /** A named choice of one among a few, shown as checkable items; the menu stays open. */
  | {
      choice: string
      value: string
      options: readonly { value: string; label: string }[]
      onChange: (value: string) => void
    }

export type ActionMenuProps = {
  /** The button that opens the menu; it needs an accessible name. */
  trigger: ReactElement<{ onClick?: () => void }>
  /** Non-interactive text above the actions, e.g. who is signed in. */
  header?: ReactNode
  actions: readonly MenuAction[]
  className?: string
}

const Popup = lazy(() => import('~/ui/dropdown-menu'))

/** A button that opens a menu of actions; the menu's code loads after the page's first render. */
export function ActionMenu({
  defaultOpen,
  ...props
}: ActionMenuProps & { defaultOpen?: OpenOnLoad }) {
  return (
    <Deferred
      component={Popup}
      props={props}
      trigger={props.trigger}
      defaultOpen={defaultOpen ?? false}
    />
  )
}
