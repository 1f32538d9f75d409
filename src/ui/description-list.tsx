import type * as React from 'react'
import { cn } from '~/ui/cn'

/** Labelled facts about one thing (an image, a membership), one per row: term left, value right. */
export function DescriptionList({ className, ...props }: React.ComponentProps<'dl'>) {
  return <dl data-slot="description-list" className={cn('text-sm', className)} {...props} />
}

export type DescriptionItemProps = Omit<React.ComponentProps<'div'>, 'children'> & {
  term: React.ReactNode
  children: React.ReactNode
}

export function DescriptionItem({ term, children, className, ...props }: DescriptionItemProps) {
  return (
    <div
      data-slot="description-item"
      className={cn('grid grid-cols-3 gap-4 border-b border-gray-200 py-2', className)}
      {...props}
    >
      <dt className="font-medium text-gray-700">{term}</dt>
      <dd className="col-span-2 break-words">{children}</dd>
    </div>
  )
}
