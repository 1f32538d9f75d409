import type * as React from 'react'
import { cn, fieldBox, focusRing } from '~/ui/cn'
import { ChevronDownIcon } from '~/ui/icons'

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
          'cursor-pointer appearance-none',
          compact ? 'h-8 pr-8 pl-2.5' : 'h-10 pr-9 pl-3',
          focusRing,
        )}
        {...props}
      />
      <ChevronDownIcon
        className={cn(
          'pointer-events-none absolute top-1/2 -translate-y-1/2 text-gray-600',
          compact ? 'right-2.5' : 'right-3',
        )}
      />
    </div>
  )
}
