import type * as React from 'react'
import { Checkbox as CheckboxPrimitive } from 'radix-ui'
import { cn, focusRing } from '~/ui/cn'
import { CheckIcon, MinusIcon } from '~/ui/icons'

/**
 * A checkbox; `checked="indeterminate"` shows that some, not all, are chosen (aria-checked="mixed").
 * Name it with a <label htmlFor>, aria-label or aria-labelledby.
 */
export function Checkbox({
  className,
  ...props
}: React.ComponentProps<typeof CheckboxPrimitive.Root>) {
  return (
    <CheckboxPrimitive.Root
      data-slot="checkbox"
      className={cn(
        'peer inline-flex size-4 shrink-0 cursor-pointer items-center justify-center rounded-sm border border-gray-500 bg-white text-white',
        'data-[state=checked]:border-brand-700 data-[state=checked]:bg-brand-700',
        'data-[state=indeterminate]:border-brand-700 data-[state=indeterminate]:bg-brand-700',
        'disabled:cursor-not-allowed disabled:opacity-60 aria-invalid:border-red-700',
        focusRing,
        className,
      )}
      {...props}
    >
      <CheckboxPrimitive.Indicator className="group inline-flex">
        <CheckIcon className="size-3 group-data-[state=indeterminate]:hidden" />
        <MinusIcon className="size-3 group-data-[state=checked]:hidden" />
      </CheckboxPrimitive.Indicator>
    </CheckboxPrimitive.Root>
  )
}
