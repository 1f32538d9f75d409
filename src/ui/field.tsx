import * as React from 'react'
import { cn, fieldBox, focusRing } from '~/ui/cn'
import { ErrorIcon } from '~/ui/icons'
import { styled } from '~/ui/styled'

export const Label = styled('label', 'label', 'text-sm font-medium text-gray-900')

/** Shared by Input and Textarea; fieldBox is shared with the selects. */
const textControl = cn(fieldBox, 'px-3 placeholder:text-gray-600 read-only:bg-gray-50', focusRing)

// A caller's type or rows, given in props, win over the defaults written before them.
export function Input({ className, ...props }: React.ComponentProps<'input'>) {
  return (
    <input
      data-slot="input"
      type="text"
      {...props}
      className={cn(textControl, 'h-10', className)}
    />
  )
}

/** A multi-line Input; name it with a Label, as every field. */
export function Textarea({ className, ...props }: React.ComponentProps<'textarea'>) {
  return (
    <textarea
      data-slot="textarea"
      rows={4}
      {...props}
      className={cn(textControl, 'py-2', className)}
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
          <ErrorIcon className="mt-0.5" />
          <span>{error}</span>
        </p>
      ) : null}
    </div>
  )
}

/** A field for an ID or a link that is pasted, not written: no autocomplete, no spellcheck. */
export function IdField({
  onValue,
  ...props
}: Omit<TextFieldProps, 'onChange'> & { onValue: (value: string) => void }) {
  return (
    <TextField
      autoComplete="off"
      spellCheck={false}
      onChange={(e) => {
        onValue(e.target.value)
      }}
      {...props}
    />
  )
}
