import type * as React from 'react'
import { cn } from '~/ui/cn'
import { StatusIcon } from '~/ui/icons'
import { variantTone, type StatusVariant } from '~/ui/tone'

export type AlertVariant = StatusVariant

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
        'overridable:px-4 overridable:py-3 flex flex-wrap items-start gap-3 rounded-md border text-sm',
        variantTone(variant).surface,
        className,
      )}
      {...props}
    >
      <StatusIcon variant={variant} className={variantTone(variant).icon} />
      <div className="flex min-w-0 flex-1 basis-48 flex-col gap-1">
        {title ? <p className="font-semibold">{title}</p> : null}
        {children ? <div className="[&_a]:text-current [&_a]:underline">{children}</div> : null}
      </div>
      {action ? <div className="flex shrink-0 items-center gap-2">{action}</div> : null}
    </div>
  )
}
