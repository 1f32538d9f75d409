import type * as React from 'react'
import { cn } from '~/ui/cn'

/** Placeholder shape; hidden from AT, so pair a loading region with aria-busy or a Spinner label. */
export function Skeleton({ className, ...props }: React.ComponentProps<'div'>) {
  return (
    <div
      data-slot="skeleton"
      aria-hidden="true"
      className={cn('animate-pulse rounded-md bg-gray-200', className)}
      {...props}
    />
  )
}
