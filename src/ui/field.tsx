import * as React from 'react'
import { Label as LabelPrimitive } from 'radix-ui'
import { cn, focusRing } from '~/ui/cn'

export function Label({ className, ...props }: React.ComponentProps<typeof LabelPrimitive.Root>) {
  return (
    <LabelPrimitive.Root
      data-slot="label"
      className={cn('text-sm font-medium text-gray-900', className)}
      {...props}
    />
  )
}

export function Input({ className, type = 'text', ...props }: React.ComponentProps<'input'>) {
  return (
    <input
      data-slot="input"
      type={type}
      className={cn(
        'h-10 w-full min-w-0 rounded-md border border-gray-500 bg-white px-3 text-sm text-gray-900 shadow-xs placeholder:text-gray-600',
        'read-only:bg-gray-50 disabled:cursor-not-allowed disabled:bg-gray-100 disabled:text-gray-600',
        'aria-invalid:border-red-700',
        focusRing,
        className,
      )}
      {...props}
    />
  )
}

export type TextFieldProps = Omit<React.ComponentProps<'input'>, 'children'> & {
  label: React.ReactNode
  /** Persistent help text, linked as the input's description. */
  hint?: React.ReactNode
  /** Validation message; its presence marks the input invalid. */
  error?: React.ReactNode
  /** Styles the wrapper; the input is styled by inputClassName. */
  className?: string
  inputClassName?: string
}

export function TextField({
  label,
  hint,
  error,
  id,
  className,
  inputClassName,
  'aria-describedby': ariaDescribedBy,
  ...props
}: TextFieldProps) {
  const generatedId = React.useId()
  const inputId = id ?? generatedId
  const hintId = `${inputId}-hint`
  const errorId = `${inputId}-error`
  const hasError = error !== undefined && error !== null && error !== false && error !== ''

  return (
    <div data-slot="text-field" className={cn('flex flex-col gap-1.5', className)}>
      <Label htmlFor={inputId}>{label}</Label>
      <Input
        id={inputId}
        aria-invalid={hasError || undefined}
        // aria-errormessage is the correct link but poorly supported, so the error is also a description.
        aria-errormessage={hasError ? errorId : undefined}
        aria-describedby={
          [ariaDescribedBy, hint ? hintId : undefined, hasError ? errorId : undefined]
            .filter(Boolean)
            .join(' ') || undefined
        }
        className={inputClassName}
        {...props}
      />
      {hint ? (
        <p id={hintId} data-slot="text-field-hint" className="text-sm text-gray-600">
          {hint}
        </p>
      ) : null}
      {hasError ? (
        // Not a live region: errors appear on submit, where the form moves focus to the first invalid field.
        <p id={errorId} data-slot="text-field-error" className="flex gap-1.5 text-sm text-red-700">
          <svg
            viewBox="0 0 16 16"
            aria-hidden="true"
            focusable="false"
            className="mt-0.5 size-4 shrink-0"
          >
            <circle cx="8" cy="8" r="7" fill="currentColor" />
            <path d="M8 4.5v4M8 11v.5" stroke="white" strokeWidth="1.6" strokeLinecap="round" />
          </svg>
          <span>{error}</span>
        </p>
      ) : null}
    </div>
  )
}
