import type * as React from 'react'
import { useId } from 'react'
import { DropdownMenu as DropdownMenuPrimitive } from 'radix-ui'
import { cn } from '~/ui/cn'
import { styled } from '~/ui/styled'
import type { ActionMenuProps, MenuAction } from '~/ui/action-menu'

/**
 * Non-modal by default: a modal menu hides the rest of the page with aria-hidden while its
 * controls stay focusable (axe: aria-hidden-focus). Escape, outside clicks and focus return still work.
 */
export function DropdownMenu({
  modal = false,
  ...props
}: React.ComponentProps<typeof DropdownMenuPrimitive.Root>) {
  return <DropdownMenuPrimitive.Root data-slot="dropdown-menu" modal={modal} {...props} />
}

export function DropdownMenuTrigger(
  props: React.ComponentProps<typeof DropdownMenuPrimitive.Trigger>,
) {
  return <DropdownMenuPrimitive.Trigger data-slot="dropdown-menu-trigger" {...props} />
}

export function DropdownMenuContent({
  className,
  sideOffset = 4,
  align = 'end',
  ...props
}: React.ComponentProps<typeof DropdownMenuPrimitive.Content>) {
  return (
    <DropdownMenuPrimitive.Portal>
      <DropdownMenuPrimitive.Content
        data-slot="dropdown-menu-content"
        sideOffset={sideOffset}
        align={align}
        className={cn(
          'animate-fade-in z-50 max-h-(--radix-dropdown-menu-content-available-height) min-w-40 overflow-y-auto rounded-md border border-gray-200 bg-white p-1 text-gray-900 shadow-lg',
          className,
        )}
        {...props}
      />
    </DropdownMenuPrimitive.Portal>
  )
}

const itemVariants = {
  default: 'text-gray-900 data-highlighted:bg-gray-100',
  danger: 'text-red-700 data-highlighted:bg-red-50 data-highlighted:text-red-800',
} as const satisfies Record<string, string>

export function DropdownMenuItem({
  className,
  variant = 'default',
  ...props
}: React.ComponentProps<typeof DropdownMenuPrimitive.Item> & {
  variant?: keyof typeof itemVariants
}) {
  return (
    <DropdownMenuPrimitive.Item
      data-slot="dropdown-menu-item"
      data-variant={variant}
      className={cn(
        // Radix moves real focus to the highlighted item, so the highlight doubles as the focus ring.
        'relative flex cursor-pointer items-center gap-2 rounded-sm px-2 py-1.5 text-sm outline-none select-none',
        'data-disabled:pointer-events-none data-disabled:opacity-60',
        'data-highlighted:outline-brand-600 data-highlighted:outline-2 data-highlighted:-outline-offset-2',
        itemVariants[variant],
        className,
      )}
      {...props}
    />
  )
}

export const DropdownMenuLabel = styled(
  DropdownMenuPrimitive.Label,
  'dropdown-menu-label',
  'px-2 py-1.5 text-xs font-semibold text-gray-600',
)

export const DropdownMenuSeparator = styled(
  DropdownMenuPrimitive.Separator,
  'dropdown-menu-separator',
  '-mx-1 my-1 h-px bg-gray-200',
)

function ActionItem({ action }: { action: MenuAction }) {
  const labelId = useId()
  const reasonId = useId()
  if ('link' in action) return <DropdownMenuItem asChild>{action.link}</DropdownMenuItem>
  if ('onSelect' in action) {
    return (
      <DropdownMenuItem variant={action.variant ?? 'default'} onSelect={action.onSelect}>
        {action.label}
      </DropdownMenuItem>
    )
  }
  return (
    // Not Radix's `disabled`: that would skip the item in keyboard navigation, and keyboard and
    // screen-reader users would never hear why the action is not possible.
    <DropdownMenuItem
      aria-disabled="true"
      aria-labelledby={labelId}
      aria-describedby={reasonId}
      className="cursor-not-allowed flex-col items-start gap-0.5 text-gray-600"
      onSelect={(event) => {
        event.preventDefault()
      }}
    >
      <span id={labelId}>{action.label}</span>
      <span id={reasonId} className="text-xs text-gray-700">
        {action.disabledReason}
      </span>
    </DropdownMenuItem>
  )
}

/** ActionMenu's menu (src/ui/action-menu.tsx), loaded after the page's first render. */
export default function ActionMenuPopup({
  trigger,
  header,
  actions,
  className,
  defaultOpen,
}: ActionMenuProps & { defaultOpen: boolean }) {
  return (
    <DropdownMenu defaultOpen={defaultOpen}>
      <DropdownMenuTrigger asChild>{trigger}</DropdownMenuTrigger>
      <DropdownMenuContent className={className}>
        {header !== undefined && (
          <>
            <DropdownMenuLabel>{header}</DropdownMenuLabel>
            <DropdownMenuSeparator />
          </>
        )}
        {actions.map((action, i) => (
          <ActionItem key={i} action={action} />
        ))}
      </DropdownMenuContent>
    </DropdownMenu>
  )
}
