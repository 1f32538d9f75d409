import * as React from 'react'
import { cn, focusRing } from '~/ui/cn'
import { SpinnerIcon } from '~/ui/icons'
import { lazyWithPreload } from '~/ui/lazy'

// Radix's tooltip loads after the first render (app.tsx warms it) or with the first button that
// needs one: no page waits for it to show. Until then the button stands alone; its reason is in its
// accessible description either way.
const Tooltip = lazyWithPreload(async () => ({ default: (await import('~/ui/tooltip')).Tooltip }))
export const preloadTooltipCode = Tooltip.preload

const variants = {
  primary: 'bg-brand-700 text-white shadow-sm hover:bg-brand-800',
  secondary: 'border border-gray-300 bg-white text-gray-900 shadow-sm hover:bg-gray-50',
  danger: 'bg-red-700 text-white shadow-sm hover:bg-red-800',
  ghost: 'text-gray-700 hover:bg-gray-100 hover:text-gray-900',
} as const satisfies Record<string, string>

const sizes = {
  sm: 'h-8 gap-1.5 overridable:px-3 text-sm',
  md: 'h-10 gap-2 overridable:px-4 text-sm',
} as const satisfies Record<string, string>

export type ButtonVariant = keyof typeof variants
export type ButtonSize = keyof typeof sizes

export function buttonClassName({
  variant = 'primary',
  size = 'md',
  className,
}: { variant?: ButtonVariant; size?: ButtonSize; className?: string } = {}) {
  return cn(
    'inline-flex shrink-0 cursor-pointer items-center justify-center rounded-md font-medium whitespace-nowrap transition-colors select-none',
    // aria-disabled is styled like disabled because disabledReason keeps the button focusable.
    'disabled:cursor-not-allowed disabled:opacity-60 aria-disabled:cursor-not-allowed aria-disabled:opacity-60',
    focusRing,
    variants[variant],
    sizes[size],
    className,
  )
}

function joinIds(...ids: (string | undefined)[]) {
  return ids.filter(Boolean).join(' ') || undefined
}

export type ButtonProps = React.ComponentProps<'button'> & {
  variant?: ButtonVariant
  size?: ButtonSize
  /** Shows a spinner, sets aria-busy and disables the button. */
  loading?: boolean
  /**
   * Disables the button and explains why in a tooltip and in the accessible description.
   *
   * A real `disabled` button can't be focused or hovered, so keyboard and screen-reader users would
   * never learn the reason. Instead the button stays focusable with aria-disabled="true", clicks
   * (and the form submits they would cause) are swallowed, and the reason is wired via
   * aria-describedby, so it is announced on focus whether or not the tooltip is showing.
   */
  disabledReason?: string
}

export function Button({
  variant = 'primary',
  size = 'md',
  loading = false,
  disabledReason,
  disabled,
  className,
  children,
  onClick,
  type,
  'aria-describedby': ariaDescribedBy,
  ...props
}: ButtonProps) {
  const reasonId = React.useId()
  const [tooltipOpen, setTooltipOpen] = React.useState(false)
  // The reason wins over a plain `disabled`; a busy button is just busy.
  const softDisabled = Boolean(disabledReason) && !loading

  const button = (
    <button
      data-slot="button"
      data-variant={variant}
      // Default to "button" so a Button inside a form never submits by accident.
      type={type ?? 'button'}
      disabled={(disabled === true && !softDisabled) || loading}
      aria-busy={loading || undefined}
      aria-disabled={softDisabled || undefined}
      aria-describedby={joinIds(
        ariaDescribedBy,
        // While the tooltip is open Radix adds its own content id; adding ours too would double it.
        softDisabled && !tooltipOpen ? reasonId : undefined,
      )}
      onClick={(event: React.MouseEvent<HTMLButtonElement>) => {
        if (softDisabled) {
          event.preventDefault()
          return
        }
        onClick?.(event)
      }}
      className={buttonClassName({ variant, size, className })}
      {...props}
    >
      {loading && <SpinnerIcon />}
      {children}
    </button>
  )

  if (!softDisabled) return button
  return (
    <>
      <React.Suspense fallback={button}>
        <Tooltip content={disabledReason} open={tooltipOpen} onOpenChange={setTooltipOpen}>
          {button}
        </Tooltip>
      </React.Suspense>
      <span id={reasonId} hidden>
        {disabledReason}
      </span>
    </>
  )
}
