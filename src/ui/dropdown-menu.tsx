import type * as React from 'react'
import { useId, useRef } from 'react'
import { DropdownMenu as DropdownMenuPrimitive } from 'radix-ui'
import { cn } from '~/ui/cn'
import type { OpenOnLoad } from '~/ui/deferred'
import type { ActionMenuProps, MenuAction } from '~/ui/action-menu'
import { CheckIcon } from '~/ui/icons'

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

const choosable = 'cursor-pointer items-center gap-2'

const itemVariants = {
  default: cn(choosable, 'text-gray-900 data-highlighted:bg-gray-100'),
  danger: cn(choosable, 'text-red-700 data-highlighted:bg-red-50 data-highlighted:text-red-800'),
  /** Shown with the reason it can't be chosen (ActionMenu's disabledReason). */
  unavailable: 'cursor-not-allowed flex-col items-start gap-0.5 text-gray-600',
} as const satisfies Record<string, string>

const itemClass = cn(
  // Radix moves real focus to the highlighted item, so the highlight doubles as the focus ring.
  'relative flex rounded-sm px-2 py-1.5 text-sm outline-none select-none',
  'data-disabled:pointer-events-none data-disabled:opacity-60',
  'data-highlighted:outline-brand-600 data-highlighted:outline-2 data-highlighted:-outline-offset-2',
)

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
      className={cn(itemClass, itemVariants[variant], className)}
      {...props}
    />
  )
}

const menuLabel = 'px-2 py-1.5 text-xs font-semibold text-gray-600'
const separator = <DropdownMenuPrimitive.Separator className="-mx-1 my-1 h-px bg-gray-200" />

function ChoiceItems({ action }: { action: Extract<MenuAction, { choice: string }> }) {
  const labelId = useId()
  return (
    <>
      {separator}
      <DropdownMenuPrimitive.Label id={labelId} className={menuLabel}>
        {action.choice}
      </DropdownMenuPrimitive.Label>
      <DropdownMenuPrimitive.RadioGroup
        aria-labelledby={labelId}
        value={action.value}
        onValueChange={action.onChange}
      >
        {action.options.map((option) => (
          <DropdownMenuPrimitive.RadioItem
            key={option.value}
            value={option.value}
            // Kept open: the user sees the choice take effect and may change it again.
            onSelect={(event) => {
              event.preventDefault()
            }}
            className={cn(itemClass, itemVariants.default, 'pl-7')}
          >
            <DropdownMenuPrimitive.ItemIndicator className="absolute left-2 inline-flex">
              <CheckIcon className="size-3.5" />
            </DropdownMenuPrimitive.ItemIndicator>
            {option.label}
          </DropdownMenuPrimitive.RadioItem>
        ))}
      </DropdownMenuPrimitive.RadioGroup>
    </>
  )
}

function ActionItem({ action }: { action: MenuAction }) {
  const labelId = useId()
  const reasonId = useId()
  if ('link' in action) return <DropdownMenuItem asChild>{action.link}</DropdownMenuItem>
  if ('choice' in action) return <ChoiceItems action={action} />
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
      variant="unavailable"
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
}: ActionMenuProps & { defaultOpen: OpenOnLoad }) {
  // Opened by a key, the menu starts on its first item. Radix does so only for the keys it heard
  // once mounted: not for the press on ActionMenu's stand-in, nor one that comes just as the menu
  // mounts, so the trigger's keys are watched here too.
  const startOnFirstItem = useRef(defaultOpen === 'keyboard')
  return (
    <DropdownMenu defaultOpen={defaultOpen !== false}>
      <DropdownMenuTrigger
        asChild
        onKeyDown={(event) => {
          startOnFirstItem.current = ['Enter', ' ', 'ArrowDown'].includes(event.key)
        }}
        onPointerDown={() => {
          startOnFirstItem.current = false
        }}
      >
        {trigger}
      </DropdownMenuTrigger>
      <DropdownMenuContent
        className={className}
        onFocus={(event) => {
          // Radix focuses the menu itself on opening; move on to the first item.
          if (!startOnFirstItem.current || event.target !== event.currentTarget) return
          startOnFirstItem.current = false
          event.currentTarget
            .querySelector<HTMLElement>('[role="menuitem"]:not([data-disabled])')
            ?.focus()
        }}
      >
        {header !== undefined && (
          <>
            <DropdownMenuPrimitive.Label data-slot="dropdown-menu-label" className={menuLabel}>
              {header}
            </DropdownMenuPrimitive.Label>
            {separator}
          </>
        )}
        {actions.map((action, i) => (
          <ActionItem key={i} action={action} />
        ))}
      </DropdownMenuContent>
    </DropdownMenu>
  )
}
