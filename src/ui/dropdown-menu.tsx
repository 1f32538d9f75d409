import type * as React from 'react'
import { DropdownMenu as DropdownMenuPrimitive } from 'radix-ui'
import { cn } from '~/ui/cn'
import { styled } from '~/ui/styled'

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
