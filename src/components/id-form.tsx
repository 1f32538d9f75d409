import * as React from 'react'
import { Button, type ButtonProps } from '~/ui/button'
import { IdField } from '~/ui/field'

/**
 * A one-field form for an ID (or a link) that is pasted in, with its submit button and any other
 * fields as children. `onSubmit` answers with the words of what is wrong, or nothing when the
 * text was taken; on a mistake the text stays and the field takes focus. Key it on the value it
 * shows to start again from a new one.
 */
export function IdForm({
  name,
  label,
  hint,
  initial = '',
  submit,
  variant,
  onSubmit,
  children,
}: {
  /** The form's accessible name. */
  name: string
  label: string
  hint?: string
  initial?: string | undefined
  submit: string
  variant?: ButtonProps['variant']
  onSubmit: (text: string) => string | undefined
  children?: React.ReactNode
}) {
  const [text, setText] = React.useState(initial)
  const [error, setError] = React.useState<string>()
  const input = React.useRef<HTMLInputElement>(null)
  return (
    <form
      noValidate
      aria-label={name}
      className="mt-3 flex flex-wrap items-start gap-3"
      onSubmit={(event) => {
        event.preventDefault()
        const problem = onSubmit(text)
        setError(problem)
        if (problem !== undefined) input.current?.focus()
      }}
    >
      <IdField
        ref={input}
        label={label}
        hint={hint}
        className="min-w-0 flex-1 sm:min-w-72"
        value={text}
        error={error}
        onValue={setText}
      />
      {children}
      <Button type="submit" variant={variant} className="mt-7">
        {submit}
      </Button>
    </form>
  )
}
