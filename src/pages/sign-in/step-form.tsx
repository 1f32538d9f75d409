import { useMutation } from '@tanstack/react-query'
import { useEffect, useRef, useState, type SyntheticEvent } from 'react'
import type { Session } from '~/api/scope'
import { mayTryAgain, type StepAnswer, type StepView } from '~/api/session-flow'
import { answerStep } from '~/session/session'
import { Alert } from '~/ui/alert'
import { Button } from '~/ui/button'
import { TextField } from '~/ui/field'

/** Keystone's TOTP codes: 6 digits by default, up to 10 where a deployment sets more. */
export const PASSCODE_PATTERN = /^\d{6,10}$/
/** Minutes away, on the same clock (UTC) as every time the panel shows: the date would be noise. */
const untilFormat = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
  timeZoneName: 'short',
})
const until = (iso: string) => {
  const t = Date.parse(iso)
  return Number.isNaN(t) ? iso : untilFormat.format(t)
}

/** People paste codes as "123 456": spaces are dropped as they are typed. */
export const digitsOnly = (typed: string) => typed.replace(/\s+/g, '')

/**
 * The second step of a multi-factor sign-in: Keystone took the first factor and holds an auth
 * receipt (the server keeps it); it wants the passcode (or the password) next.
 */
export function StepForm({
  step,
  onStep,
  onSession,
  onStartOver,
}: {
  step: StepView
  /** Keystone wants yet another factor. */
  onStep: (step: StepView) => void
  onSession: (session: Session) => void
  /** The receipt is gone (expired, or refused for good): sign in from the start, saying why. */
  onStartOver: (why: string | null) => void
}) {
  const field = useRef<HTMLInputElement>(null)
  const [value, setValue] = useState('')
  const [invalid, setInvalid] = useState<string | null>(null)
  const passcode = step.needs === 'passcode'

  // What the user came here to do is type the code: the field has focus (no autoFocus prop,
  // which lint forbids for pages that open on a form they did not ask for).
  useEffect(() => {
    field.current?.focus()
  }, [step])

  const verify = useMutation({
    mutationFn: (answer: StepAnswer) => answerStep(answer),
    onSuccess: (done) => {
      if ('session' in done) onSession(done.session)
      else {
        setValue('')
        onStep(done.step)
      }
    },
    onError: (e) => {
      // A wrong code may be tried again while the receipt lasts; the server drops it on any other
      // refusal, so the sign-in starts over. A request that never arrived (status 0) changed nothing.
      if (mayTryAgain(e.reason)) {
        setValue('')
        field.current?.focus()
      } else if (e.status !== 0) {
        onStartOver(e.message)
      }
    },
  })

  function onSubmit(e: SyntheticEvent) {
    e.preventDefault()
    if (passcode && !PASSCODE_PATTERN.test(value)) {
      setInvalid(
        'Enter the code your authenticator app shows now: 6 digits (some clouds use up to 10).',
      )
      field.current?.focus()
      return
    }
    setInvalid(null)
    verify.mutate(passcode ? { passcode: value } : { password: value })
  }

  return (
    // Named "Second step", not by its heading: a form named "Enter your passcode" would be a second
    // element that getByLabel('Passcode') finds, beside the field.
    <form onSubmit={onSubmit} aria-label="Second step" className="space-y-4">
      <div>
        <h3 className="text-lg font-semibold text-gray-900">
          {passcode ? 'Enter your passcode' : 'Enter your password'}
        </h3>
        <p className="mt-1 text-sm text-gray-700">
          {passcode
            ? `Keystone needs a second factor for ${step.user}: the 6-digit code from your authenticator app.`
            : `Keystone needs a second factor for ${step.user}: the account’s password.`}{' '}
          Finish before {until(step.expiresAt)}.
        </p>
      </div>
      {verify.isError && (
        <Alert variant="error" title="Not signed in yet">
          {verify.error.message}
        </Alert>
      )}
      {passcode ? (
        <TextField
          ref={field}
          label="Passcode"
          name="passcode"
          autoComplete="one-time-code"
          inputMode="numeric"
          pattern="[0-9]*"
          required
          value={value}
          error={invalid}
          onChange={(e) => {
            setValue(digitsOnly(e.target.value))
          }}
        />
      ) : (
        <TextField
          ref={field}
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={value}
          onChange={(e) => {
            setValue(e.target.value)
          }}
        />
      )}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" loading={verify.isPending} className="flex-1">
          Verify
        </Button>
        <Button
          variant="secondary"
          disabled={verify.isPending}
          onClick={() => {
            onStartOver(null)
          }}
        >
          Start again
        </Button>
      </div>
    </form>
  )
}
