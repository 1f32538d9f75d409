import type * as React from 'react'
import { cn } from '~/ui/cn'
import { tones, type Tone } from '~/ui/tone'

export type BadgeTone = Tone

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
        tones[tone].pill,
        className,
      )}
      {...props}
    >
      <span aria-hidden="true" className={cn('size-1.5 rounded-full', tones[tone].dot)} />
      {children}
    </span>
  )
}
