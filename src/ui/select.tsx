import type * as React from 'react'
import { Select as SelectPrimitive } from 'radix-ui'
import { cn, fieldBox, focusRing } from '~/ui/cn'
import { CheckIcon, ChevronDownIcon } from '~/ui/icons'

export function Select(props: React.ComponentProps<typeof SelectPrimitive.Root>) {
  return <SelectPrimitive.Root data-slot="select" {...props} />
}

export function SelectValue(props: React.ComponentProps<typeof SelectPrimitive.Value>) {
  return <SelectPrimitive.Value data-slot="select-value" {...props} />
}

/** A combobox has no visible text of its own, so the type insists on a way to name it. */
type AccessibleName = { 'aria-label': string } | { 'aria-labelledby': string } | { id: string }

export type SelectTriggerProps = React.ComponentProps<typeof SelectPrimitive.Trigger> &
  AccessibleName

export function SelectTrigger({ className, children, ...props }: SelectTriggerProps) {
  return (
    <SelectPrimitive.Trigger
      data-slot="select-trigger"
      className={cn(
        fieldBox,
        'flex h-10 items-center justify-between gap-2 text-left data-placeholder:text-gray-600',
        focusRing,
        className,
      )}
      {...props}
    >
      {children}
      <SelectPrimitive.Icon asChild>
        <ChevronDownIcon className="text-gray-600" />
      </SelectPrimitive.Icon>
    </SelectPrimitive.Trigger>
  )
}

export function SelectContent({
  className,
  children,
  position = 'popper',
  ...props
}: React.ComponentProps<typeof SelectPrimitive.Content>) {
  return (
    <SelectPrimitive.Portal>
      <SelectPrimitive.Content
        data-slot="select-content"
        position={position}
        sideOffset={4}
        className={cn(
          'animate-fade-in relative z-50 max-h-(--radix-select-content-available-height) min-w-(--radix-select-trigger-width) overflow-hidden rounded-md border border-gray-200 bg-white text-gray-900 shadow-lg',
          className,
        )}
        {...props}
      >
        <SelectPrimitive.Viewport className="p-1">{children}</SelectPrimitive.Viewport>
      </SelectPrimitive.Content>
    </SelectPrimitive.Portal>
  )
}

export function SelectItem({
  className,
  children,
  ...props
}: React.ComponentProps<typeof SelectPrimitive.Item>) {
  return (
    <SelectPrimitive.Item
      data-slot="select-item"
      className={cn(
        'relative flex cursor-pointer items-center rounded-sm py-1.5 pr-2 pl-7 text-sm outline-none select-none',
        'data-disabled:pointer-events-none data-disabled:opacity-60 data-highlighted:bg-gray-100',
        'data-highlighted:outline-brand-600 data-highlighted:outline-2 data-highlighted:-outline-offset-2',
        className,
      )}
      {...props}
    >
      <SelectPrimitive.ItemIndicator className="absolute left-2 inline-flex">
        <CheckIcon className="size-3.5" />
      </SelectPrimitive.ItemIndicator>
      <SelectPrimitive.ItemText>{children}</SelectPrimitive.ItemText>
    </SelectPrimitive.Item>
  )
}

/**
 * A styled native <select>: the most robust option for short lists (keyboard, mobile, screen
 * readers all work natively). Name it with a <label htmlFor>, aria-label or aria-labelledby.
 */
export function NativeSelect({
  className,
  compact = false,
  ...props
}: React.ComponentProps<'select'> & {
  /** 32px tall instead of 40px, for toolbars and the header. */
  compact?: boolean
}) {
  return (
    // className styles the wrapper, which owns the width; the select always fills it.
    <div data-slot="native-select-wrapper" className={cn('relative', className)}>
      <select
        data-slot="native-select"
        className={cn(
          fieldBox,
          'h-10 cursor-pointer appearance-none pr-9',
          compact && 'h-8 pr-8 pl-2.5',
          focusRing,
        )}
        {...props}
      />
      <ChevronDownIcon
        className={cn(
          'pointer-events-none absolute top-1/2 right-3 -translate-y-1/2 text-gray-600',
          compact && 'right-2.5',
        )}
      />
    </div>
  )
}
