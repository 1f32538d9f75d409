import type * as React from 'react'
import { cn } from '~/ui/cn'

export type EmptyStateProps = Omit<React.ComponentProps<'div'>, 'title'> & {
  title: React.ReactNode
  /** Heading level that fits the surrounding outline; defaults to h2. */
  titleAs?: 'h2' | 'h3' | 'h4' | 'p'
  action?: React.ReactNode
}

export function EmptyState({
  title,
  titleAs: Title = 'h2',
  action,
  children,
  className,
  ...props
}: EmptyStateProps) {
  return (
    <div
      data-slot="empty-state"
      className={cn(
        'flex flex-col items-center gap-2 rounded-lg border border-dashed border-gray-300 bg-white px-6 py-12 text-center',
        className,
      )}
      {...props}
    >
      <Title className="text-base font-semibold text-gray-900">{title}</Title>
      {children ? <div className="max-w-md text-sm text-gray-600">{children}</div> : null}
      {action ? <div className="mt-2 flex flex-wrap justify-center gap-2">{action}</div> : null}
    </div>
  )
}
