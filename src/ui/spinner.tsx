import type * as React from 'react'
import { cn } from '~/ui/cn'
import { SpinnerIcon } from '~/ui/icons'

type SpinnerProps = React.ComponentProps<'span'> & {
  /** Announced to screen readers; visually hidden. */
  label?: string
}

export function Spinner({ label = 'Loading', className, ...props }: SpinnerProps) {
  return (
    <span
      data-slot="spinner"
      role="status"
      className={cn('inline-flex items-center text-gray-600', className)}
      {...props}
    >
      <SpinnerIcon />
      <span className="sr-only">{label}</span>
    </span>
  )
}
