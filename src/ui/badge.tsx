import type * as React from 'react'
import { cn } from '~/ui/cn'

const tones = {
  neutral: { box: 'bg-gray-100 text-gray-800 ring-gray-300', dot: 'bg-gray-500' },
  info: { box: 'bg-brand-50 text-brand-800 ring-brand-200', dot: 'bg-brand-600' },
  success: { box: 'bg-green-50 text-green-800 ring-green-200', dot: 'bg-green-600' },
  warning: { box: 'bg-amber-50 text-amber-900 ring-amber-300', dot: 'bg-amber-500' },
  danger: { box: 'bg-red-50 text-red-800 ring-red-200', dot: 'bg-red-600' },
} as const satisfies Record<string, { box: string; dot: string }>

export type BadgeTone = keyof typeof tones

export type BadgeProps = Omit<React.ComponentProps<'span'>, 'children'> & {
  tone?: BadgeTone
  /** Required text: status is never conveyed by colour alone. */
  children: React.ReactNode
}

export function Badge({ tone = 'neutral', className, children, ...props }: BadgeProps) {
  return (
    <span
      data-slot="badge"
      data-tone={tone}
      className={cn(
        'inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset',
        tones[tone].box,
        className,
      )}
      {...props}
    >
      <span aria-hidden="true" className={cn('size-1.5 rounded-full', tones[tone].dot)} />
      {children}
    </span>
  )
}
