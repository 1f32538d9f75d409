import type * as React from 'react'
import { cn } from '~/ui/cn'

/** Decorative spinning ring; always aria-hidden, so pair it with text or use Spinner. */
export function SpinnerIcon({ className, ...props }: React.ComponentProps<'svg'>) {
  return (
    <svg
      data-slot="spinner-icon"
      viewBox="0 0 24 24"
      fill="none"
      aria-hidden="true"
      focusable="false"
      className={cn('size-4 shrink-0 animate-spin', className)}
      {...props}
    >
      <circle cx="12" cy="12" r="9" stroke="currentColor" strokeOpacity="0.25" strokeWidth="3" />
      <path d="M21 12a9 9 0 0 0-9-9" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
    </svg>
  )
}

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
