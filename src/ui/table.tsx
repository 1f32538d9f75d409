import type * as React from 'react'
import { cn } from '~/ui/cn'

/** className styles the <table>; wrapperClassName the horizontal scroll container around it. */
export function Table({
  className,
  wrapperClassName,
  ...props
}: React.ComponentProps<'table'> & { wrapperClassName?: string }) {
  return (
    // Wide tables scroll instead of widening the page. The wrapper stays undecorated so that layout
    // classes such as margins passed in className (on the <table>) still look right.
    <div
      data-slot="table-container"
      className={cn('relative w-full overflow-x-auto', wrapperClassName)}
    >
      <table
        data-slot="table"
        className={cn(
          'w-full caption-bottom border-collapse border border-gray-200 bg-white text-left text-sm',
          className,
        )}
        {...props}
      />
    </div>
  )
}

export function TableHeader({ className, ...props }: React.ComponentProps<'thead'>) {
  return (
    <thead
      data-slot="table-header"
      className={cn('border-b border-gray-200 bg-gray-50', className)}
      {...props}
    />
  )
}

export function TableBody({ className, ...props }: React.ComponentProps<'tbody'>) {
  return (
    <tbody
      data-slot="table-body"
      className={cn('divide-y divide-gray-200', className)}
      {...props}
    />
  )
}

export function TableRow({ className, ...props }: React.ComponentProps<'tr'>) {
  return (
    <tr
      data-slot="table-row"
      className={cn('data-[state=selected]:bg-brand-50 hover:bg-gray-50', className)}
      {...props}
    />
  )
}

export function TableHead({ className, scope = 'col', ...props }: React.ComponentProps<'th'>) {
  return (
    <th
      data-slot="table-head"
      scope={scope}
      className={cn(
        'h-10 px-4 text-xs font-semibold tracking-wide whitespace-nowrap text-gray-700 uppercase',
        className,
      )}
      {...props}
    />
  )
}

export function TableCell({ className, ...props }: React.ComponentProps<'td'>) {
  return (
    <td
      data-slot="table-cell"
      className={cn('px-4 py-3 align-middle text-gray-900', className)}
      {...props}
    />
  )
}

export function TableCaption({ className, ...props }: React.ComponentProps<'caption'>) {
  return (
    <caption
      data-slot="table-caption"
      className={cn('px-4 py-3 text-left text-sm text-gray-600', className)}
      {...props}
    />
  )
}
