import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef, useState, type ChangeEvent, type SyntheticEvent } from 'react'
import { useNavigate } from 'react-router'
import type { Session } from '~/api/scope'
import type { SignInBody, SignInMethod, StepView } from '~/api/session-flow'
import { getRuntime } from '~/config/runtime'
import { beginSignIn } from '~/session/session'
import { Alert, type AlertVariant } from '~/ui/alert'
import { Button } from '~/ui/button'
import { TextField } from '~/ui/field'
import { DemoUsers, type DemoPick } from './demo-users'
import { readRemembered, rememberSignIn, type Remembered } from './remembered'
import { SegmentedChoice } from './segmented-choice'
import { ssoChoicesToShow } from './sso'
import { SsoChoices } from './sso-choices'
import { digitsOnly, PASSCODE_PATTERN, StepForm } from './step-form'

type Method = Exclude<SignInMethod, 'sso'>
type CredentialBy = 'id' | 'name'

const methods = [
  { value: 'password', label: 'Password' },
  { value: 'totp', label: 'Passcode' },
  { value: 'application_credential', label: 'Application credential' },
] as const satisfies readonly { value: Method; label: string }[]

const credentialWays = [
  { value: 'id', label: 'By ID' },
  { value: 'name', label: 'By name' },
] as const satisfies readonly { value: CredentialBy; label: string }[]

type Typed = {
  username: string
  password: string
  passcode: string
  domain: string
  project: string
  credentialId: string
  credentialName: string
  secret: string
}

/** Something to say above the form: why sign-in is shown again, or how single sign-on ended. */
export type SignInNotice = { variant: AlertVariant; title?: string; message: string }

/** The one-time and secret fields: never kept once used, nor across a fresh start. */
const withoutSecrets = (t: Typed): Typed => ({ ...t, password: '', passcode: '', secret: '' })

export function SignInForm(props: {
  next: string
  expired: boolean
  signedOut: boolean
  notice: SignInNotice | null
}) {
  const runtime = getRuntime()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const [remembered] = useState(readRemembered)
  const [method, setMethod] = useState<Method>(
    remembered && remembered.method !== 'sso' ? remembered.method : 'password',
  )
  const [by, setBy] = useState<CredentialBy>(remembered?.credentialBy ?? 'id')
  const [typed, setTyped] = useState<Typed>({
    username: '',
    password: '',
    passcode: '',
    domain: remembered?.domain ?? runtime.config.defaultDomain,
    project: '',
    credentialId: '',
    credentialName: '',
    secret: '',
  })
  /** Keystone's second step, and what to remember once it is done. */
  const [step, setStep] = useState<{ view: StepView; remember: Remembered } | null>(null)
  /** Why the second step ended and the sign-in starts over. */
  const [startOver, setStartOver] = useState<string | null>(null)
  const [passcodeError, setPasscodeError] = useState<string | null>(null)
  // The field a failure empties is the one to type in next: focused after the render that shows it.
  const secretField = useRef<HTMLInputElement>(null)
  const [focusSecret, setFocusSecret] = useState(0)
  useEffect(() => {
    if (focusSecret > 0) secretField.current?.focus()
  }, [focusSecret])

  const choices = ssoChoicesToShow(
    // A config built in code (tests, older callers) may have no list at all.
    [...(runtime.config.sso ?? []), ...(runtime.demo?.sso ?? [])],
    remembered?.method === 'sso' ? remembered.ssoLabel : undefined,
  )
  const lastSso =
    remembered?.method === 'sso' ? choices.find((c) => c.label === remembered.ssoLabel) : undefined

  async function signedIn(session: Session, remember: Remembered) {
    rememberSignIn(remember)
    queryClient.removeQueries({ queryKey: ['user'] })
    if (session.project) await navigate(props.next, { replace: true })
  }

  // Everything typed stays in the form on failure, so the user fixes one field rather than four;
  // a passcode (used up) and a credential's secret are typed or pasted again.
  const submit = useMutation({
    mutationFn: ({ body }: { body: SignInBody; remember: Remembered }) => beginSignIn(body),
    onSuccess: async (done, { remember }) => {
      if ('step' in done) {
        setTyped(withoutSecrets)
        setStep({ view: done.step, remember })
        return
      }
      await signedIn(done.session, remember)
    },
    onError: (_error, { body }) => {
      if (body.method === 'password') return
      setTyped((t) => ({ ...t, passcode: '', secret: '' }))
      setFocusSecret((n) => n + 1)
    },
  })

  function bodyOf(): SignInBody {
    const domain = typed.domain.trim() || runtime.config.defaultDomain
    const project = typed.project.trim() || undefined
    const username = typed.username.trim()
    if (method === 'password') {
      return { method, username, password: typed.password, domain, project }
    }
    if (method === 'totp') return { method, username, passcode: typed.passcode, domain, project }
    return by === 'id'
      ? { method, id: typed.credentialId.trim(), secret: typed.secret }
      : { method, name: typed.credentialName.trim(), user: username, domain, secret: typed.secret }
  }

  function onSubmit(e: SyntheticEvent) {
    e.preventDefault()
    setStartOver(null)
    if (method === 'totp' && !PASSCODE_PATTERN.test(typed.passcode)) {
      setPasscodeError(
        'Enter the code your authenticator app shows now: 6 digits (some clouds use up to 10).',
      )
      secretField.current?.focus()
      return
    }
    setPasscodeError(null)
    const body = bodyOf()
    const domain = 'domain' in body ? body.domain : undefined
    submit.mutate({
      body,
      remember: {
        method,
        ...(domain !== undefined && { domain }),
        ...(method === 'application_credential' && { credentialBy: by }),
      },
    })
  }

  function chooseMethod(m: Method) {
    setMethod(m)
    submit.reset()
    setPasscodeError(null)
  }

  function onPick(pick: DemoPick) {
    submit.reset()
    setStep(null)
    setStartOver(null)
    setPasscodeError(null)
    if (pick.kind === 'password') {
      setMethod('password')
      setTyped((t) => ({ ...t, username: pick.name, password: pick.password }))
    } else if (pick.kind === 'totp') {
      setMethod('totp')
      setTyped((t) => ({ ...t, username: pick.name, passcode: pick.passcode }))
    } else {
      setMethod('application_credential')
      setBy('id')
      setTyped((t) => ({ ...t, credentialId: pick.id, secret: pick.secret }))
    }
  }

  const set = (field: keyof Typed) => (e: ChangeEvent<HTMLInputElement>) => {
    const value = field === 'passcode' ? digitsOnly(e.target.value) : e.target.value
    setTyped((t) => ({ ...t, [field]: value }))
  }
  const field = (name: keyof Typed) => ({ name, value: typed[name], onChange: set(name) })

  const sso = choices.length > 0 && !step && (
    <section aria-label="Single sign-on" className="mt-6">
      <SsoChoices choices={choices} next={props.next} lastLabel={lastSso?.label} />
    </section>
  )

  const userName = (
    <TextField label="User name" autoComplete="username" required {...field('username')} />
  )
  const domain = <TextField label="Domain" required {...field('domain')} />
  const project = (
    <TextField
      label="Project"
      hint="Optional. Leave empty to choose from your projects after signing in."
      {...field('project')}
    />
  )

  return (
    <>
      <h2 className="mt-2 text-lg text-gray-700">Sign in</h2>
      {props.expired && (
        <Alert variant="warning" title="Your session has expired" className="mt-4">
          Sign in again to go back to where you were.
        </Alert>
      )}
      {props.signedOut && !props.expired && (
        <Alert variant="info" className="mt-4">
          You have signed out.
        </Alert>
      )}
      {props.notice && (
        <Alert variant={props.notice.variant} title={props.notice.title} className="mt-4">
          {props.notice.message}
        </Alert>
      )}
      {lastSso && sso}
      {lastSso && sso && <Or />}
      <div className="mt-6 rounded-lg border border-gray-200 bg-white p-6 shadow-sm">
        {step ? (
          <StepForm
            step={step.view}
            onStep={(view) => {
              setStep((s) => s && { ...s, view })
            }}
            onSession={(session) => void signedIn(session, step.remember)}
            onStartOver={(why) => {
              setStep(null)
              setTyped(withoutSecrets)
              setStartOver(why)
              setFocusSecret((n) => n + 1)
            }}
          />
        ) : (
          <>
            <SegmentedChoice
              label="Sign in with"
              options={methods}
              value={method}
              onChange={chooseMethod}
            />
            <form onSubmit={onSubmit} className="mt-5 space-y-4" aria-label="Sign in">
              {startOver && (
                <Alert variant="warning" title="Sign in again">
                  {startOver}
                </Alert>
              )}
              {submit.isError && (
                <Alert variant="error" title="Sign-in failed">
                  {submit.error.message}
                </Alert>
              )}
              {method === 'password' && (
                <>
                  {userName}
                  <TextField
                    ref={secretField}
                    label="Password"
                    type="password"
                    autoComplete="current-password"
                    required
                    {...field('password')}
                  />
                  {domain}
                  {project}
                </>
              )}
              {method === 'totp' && (
                <>
                  {userName}
                  <TextField
                    ref={secretField}
                    label="Passcode"
                    hint="The code your authenticator app shows now."
                    autoComplete="one-time-code"
                    inputMode="numeric"
                    pattern="[0-9]*"
                    required
                    error={passcodeError}
                    {...field('passcode')}
                  />
                  {domain}
                  {project}
                </>
              )}
              {method === 'application_credential' && (
                <>
                  <p className="text-sm text-gray-700">
                    An application credential signs in to the project it was made in, with the roles
                    it was given: the session stays in that project.
                  </p>
                  <SegmentedChoice
                    label="Identify the credential"
                    options={credentialWays}
                    value={by}
                    onChange={setBy}
                  />
                  {by === 'id' ? (
                    <TextField
                      label="Application credential ID"
                      autoComplete="off"
                      spellCheck={false}
                      required
                      {...field('credentialId')}
                    />
                  ) : (
                    <>
                      <TextField
                        label="Application credential name"
                        autoComplete="off"
                        spellCheck={false}
                        required
                        {...field('credentialName')}
                      />
                      {userName}
                      {domain}
                    </>
                  )}
                  <TextField
                    ref={secretField}
                    label="Secret"
                    type="password"
                    autoComplete="off"
                    spellCheck={false}
                    required
                    {...field('secret')}
                  />
                </>
              )}
              <Button type="submit" loading={submit.isPending} className="w-full">
                Sign in
              </Button>
            </form>
          </>
        )}
      </div>
      {!lastSso && sso && <Or />}
      {!lastSso && sso}
      {runtime.demo && <DemoUsers demo={runtime.demo} onPick={onPick} />}
    </>
  )
}

/** Between the form and the single sign-on choices. */
function Or() {
  return (
    <div className="mt-6 flex items-center gap-3 text-sm text-gray-600">
      <span aria-hidden="true" className="h-px flex-1 bg-gray-300" />
      or
      <span aria-hidden="true" className="h-px flex-1 bg-gray-300" />
    </div>
  )
}
