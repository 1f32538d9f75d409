import type * as React from 'react'
import { cn } from '~/ui/cn'

const variants = {
  info: { box: 'border-brand-200 bg-brand-50 text-brand-900', icon: 'text-brand-700' },
  success: { box: 'border-green-200 bg-green-50 text-green-900', icon: 'text-green-700' },
  warning: { box: 'border-amber-300 bg-amber-50 text-amber-900', icon: 'text-amber-700' },
  error: { box: 'border-red-200 bg-red-50 text-red-900', icon: 'text-red-700' },
} as const satisfies Record<string, { box: string; icon: string }>

export type AlertVariant = keyof typeof variants

const iconPaths: Record<AlertVariant, string> = {
  info: 'M10 9v5M10 6v.5',
  success: 'M6.5 10.5l2.5 2.5 4.5-5',
  warning: 'M10 6v5M10 14v.5',
  error: 'M7 7l6 6M13 7l-6 6',
}

export function AlertIcon({ variant, className }: { variant: AlertVariant; className?: string }) {
  return (
    <svg
      viewBox="0 0 20 20"
      aria-hidden="true"
      focusable="false"
      className={cn('size-5 shrink-0', className)}
    >
      <circle cx="10" cy="10" r="8.25" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path
        d={iconPaths[variant]}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.75"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  )
}

export type AlertProps = Omit<React.ComponentProps<'div'>, 'title'> & {
  variant?: AlertVariant
  title?: React.ReactNode
  /** e.g. a "Retry" Button, shown at the end of the banner. */
  action?: React.ReactNode
}

export function Alert({
  variant = 'info',
  title,
  action,
  children,
  className,
  ...props
}: AlertProps) {
  return (
    <div
      data-slot="alert"
      data-variant={variant}
      // Problems interrupt; good news waits its turn.
      role={variant === 'error' || variant === 'warning' ? 'alert' : 'status'}
      className={cn(
        'flex flex-wrap items-start gap-3 rounded-md border px-4 py-3 text-sm',
        variants[variant].box,
        className,
      )}
      {...props}
    >
      <AlertIcon variant={variant} className={variants[variant].icon} />
      <div className="flex min-w-0 flex-1 basis-48 flex-col gap-1">
        {title ? <p className="font-semibold">{title}</p> : null}
        {children ? <div className="[&_a]:text-current [&_a]:underline">{children}</div> : null}
      </div>
      {action ? <div className="flex shrink-0 items-center gap-2">{action}</div> : null}
    </div>
  )
}
