import type * as React from 'react'
import { cn } from '~/ui/cn'
import { styled } from '~/ui/styled'

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

export const TableHeader = styled('thead', 'table-header', 'border-b border-gray-200 bg-gray-50')

export const TableBody = styled('tbody', 'table-body', 'divide-y divide-gray-200')

export const TableRow = styled(
  'tr',
  'table-row',
  'data-[state=selected]:bg-brand-50 hover:bg-gray-50',
)

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

export const TableCell = styled(
  'td',
  'table-cell',
  'px-4 py-3 align-middle overridable:text-gray-900',
)

export const TableCaption = styled(
  'caption',
  'table-caption',
  'px-4 py-3 text-left text-sm text-gray-600',
)
