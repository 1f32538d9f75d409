import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState, type ChangeEvent, type SyntheticEvent } from 'react'
import { useNavigate } from 'react-router'
import { getRuntime } from '~/config/runtime'
import { signIn } from '~/session/session'
import { Alert } from '~/ui/alert'
import { Button } from '~/ui/button'
import { TextField, type TextFieldProps } from '~/ui/field'
import { DemoUsers } from './demo-users'

type Form = { username: string; password: string; domain: string; project: string }

const fields = [
  { name: 'username', label: 'User name', autoComplete: 'username', required: true },
  {
    name: 'password',
    label: 'Password',
    type: 'password',
    autoComplete: 'current-password',
    required: true,
  },
  { name: 'domain', label: 'Domain', required: true },
  {
    name: 'project',
    label: 'Project',
    hint: 'Optional. Leave empty to choose from your projects after signing in.',
  },
] as const satisfies readonly (TextFieldProps & { name: keyof Form })[]

export function SignInForm(props: { next: string; expired: boolean; signedOut: boolean }) {
  const runtime = getRuntime()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const [form, setForm] = useState<Form>({
    username: '',
    password: '',
    domain: runtime.config.defaultDomain,
    project: '',
  })
  // Everything typed stays in the form on failure, so the user fixes one field rather than four.
  const submit = useMutation({
    mutationFn: signIn,
    onSuccess: async (session) => {
      queryClient.removeQueries({ queryKey: ['user'] })
      if (session.project) await navigate(props.next, { replace: true })
    },
  })

  function onSubmit(e: SyntheticEvent) {
    e.preventDefault()
    submit.mutate({
      username: form.username.trim(),
      password: form.password,
      domain: form.domain.trim() || runtime.config.defaultDomain,
      project: form.project.trim() || undefined,
    })
  }

  const set = (field: keyof Form) => (e: ChangeEvent<HTMLInputElement>) =>
    setForm((f) => ({ ...f, [field]: e.target.value }))

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
      <form
        onSubmit={onSubmit}
        className="mt-6 space-y-4 rounded-lg border border-gray-200 bg-white p-6 shadow-sm"
        aria-label="Sign in"
      >
        {submit.isError && (
          <Alert variant="error" title="Sign-in failed">
            {submit.error.message}
          </Alert>
        )}
        {fields.map((field) => (
          <TextField
            key={field.name}
            {...field}
            value={form[field.name]}
            onChange={set(field.name)}
          />
        ))}
        <Button type="submit" loading={submit.isPending} className="w-full">
          Sign in
        </Button>
      </form>
      {runtime.demo && (
        <DemoUsers
          users={runtime.demo.users}
          onPick={(u) => setForm((f) => ({ ...f, username: u.name, password: u.password }))}
        />
      )}
    </>
  )
}
