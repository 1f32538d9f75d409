import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useState, type SyntheticEvent } from 'react'
import { Navigate, useNavigate, useSearchParams } from 'react-router'
import { getRuntime, type DemoUser } from '~/config/runtime'
import {
  isExpired,
  isUsable,
  listProjects,
  signIn,
  signOut,
  switchProject,
  useSessionState,
} from '~/session/session'
import { Alert } from '~/ui/alert'
import { Button } from '~/ui/button'
import { TextField } from '~/ui/field'
import { Spinner } from '~/ui/spinner'

/**
 * Only paths of the panel's own origin, so a crafted link cannot send the user elsewhere after
 * sign-in. Resolved the way the browser resolves it (`/\\host`, `/\t/host` and `//host` name
 * another host), then compared by origin rather than by prefix.
 */
export function safeNext(next: string | null, origin = window.location.origin) {
  const fallback = '/images'
  // Only a path: "https://same.origin/x" is not what a panel link looks like.
  if (!next?.startsWith('/')) return fallback
  // Backslashes, encoded or not, mean nothing in a panel path; browsers read them as slashes.
  if (/\\|%5c/i.test(next.split(/[?#]/)[0] ?? '')) return fallback
  try {
    const url = new URL(next, origin)
    if (url.origin !== origin || url.pathname.startsWith('/sign-in')) return fallback
    return url.pathname + url.search + url.hash
  } catch {
    return fallback
  }
}

export default function SignInPage() {
  const { session, reason } = useSessionState()
  const [params] = useSearchParams()
  const next = safeNext(params.get('next'))

  if (isUsable(session)) return <Navigate to={next} replace />

  const expired = params.get('reason') === 'expired' || reason === 'expired'
  return (
    <main className="mx-auto mt-12 mb-12 max-w-lg px-4">
      <h1 className="text-2xl font-semibold">Image Sharing Panel</h1>
      {session && !isExpired(session) && !session.project ? (
        <ChooseProject next={next} userName={session.user.name} />
      ) : (
        <SignInForm next={next} expired={expired} signedOut={reason === 'signed-out'} />
      )}
    </main>
  )
}

function SignInForm(props: { next: string; expired: boolean; signedOut: boolean }) {
  const runtime = getRuntime()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const [form, setForm] = useState({
    username: '',
    password: '',
    domain: runtime.config.defaultDomain,
    project: '',
  })
  const [error, setError] = useState<string | undefined>()
  const [pending, setPending] = useState(false)

  async function onSubmit(e: SyntheticEvent) {
    e.preventDefault()
    setError(undefined)
    setPending(true)
    try {
      const session = await signIn({
        username: form.username.trim(),
        password: form.password,
        domain: form.domain.trim() || runtime.config.defaultDomain,
        project: form.project.trim() || undefined,
      })
      queryClient.removeQueries({ queryKey: ['user'] })
      if (session.project) await navigate(props.next, { replace: true })
    } catch (err) {
      // Everything typed stays in the form, so the user fixes one field rather than retyping four.
      setError(err instanceof Error ? err.message : String(err))
    } finally {
      setPending(false)
    }
  }

  const set = (field: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) =>
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
        onSubmit={(e) => void onSubmit(e)}
        className="mt-6 space-y-4 rounded-lg border border-gray-200 bg-white p-6 shadow-sm"
        aria-label="Sign in"
      >
        {error && (
          <Alert variant="error" title="Sign-in failed">
            {error}
          </Alert>
        )}
        <TextField
          label="User name"
          name="username"
          autoComplete="username"
          required
          value={form.username}
          onChange={set('username')}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={form.password}
          onChange={set('password')}
        />
        <TextField
          label="Domain"
          name="domain"
          required
          value={form.domain}
          onChange={set('domain')}
        />
        <TextField
          label="Project"
          name="project"
          hint="Optional. Leave empty to choose from your projects after signing in."
          value={form.project}
          onChange={set('project')}
        />
        <Button type="submit" loading={pending} className="w-full">
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

function DemoUsers({ users, onPick }: { users: DemoUser[]; onPick: (u: DemoUser) => void }) {
  return (
    <section aria-labelledby="demo-users" className="mt-8">
      <h2 id="demo-users" className="text-base font-semibold">
        Demo cloud users
      </h2>
      <p className="mt-1 text-sm text-gray-700">
        This panel runs on an embedded demo cloud in your browser. Open a second tab to play another
        user: every tab shares the same demo world.
      </p>
      <table className="mt-3 w-full text-left text-sm">
        <thead>
          <tr className="border-b border-gray-300">
            <th scope="col" className="py-2 pr-2">
              User
            </th>
            <th scope="col" className="py-2 pr-2">
              Password
            </th>
            <th scope="col" className="py-2 pr-2">
              Can
            </th>
            <th scope="col" className="py-2">
              <span className="sr-only">Fill in</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.name} className="border-b border-gray-200">
              <td className="py-2 pr-2 font-mono">{u.name}</td>
              <td className="py-2 pr-2 font-mono whitespace-nowrap">{u.password}</td>
              <td className="py-2 pr-2 text-gray-700">{u.description}</td>
              <td className="py-2 text-right">
                <Button
                  size="sm"
                  variant="secondary"
                  onClick={() => onPick(u)}
                  aria-label={`Fill in ${u.name}`}
                >
                  Fill in
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

function ChooseProject({ next, userName }: { next: string; userName: string }) {
  const navigate = useNavigate()
  const projects = useQuery({ queryKey: ['unscoped-projects', userName], queryFn: listProjects })
  const [error, setError] = useState<string | undefined>()
  const [choosing, setChoosing] = useState<string | undefined>()

  async function choose(id: string) {
    setError(undefined)
    setChoosing(id)
    try {
      await switchProject(id)
      await navigate(next, { replace: true })
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    } finally {
      setChoosing(undefined)
    }
  }

  return (
    <section className="mt-6 rounded-lg border border-gray-200 bg-white p-6 shadow-sm">
      <h2 className="text-lg font-semibold">Choose a project</h2>
      <p className="mt-1 text-sm text-gray-700">
        Signed in as {userName}. Which project do you want to work in?
      </p>
      {error && (
        <Alert variant="error" className="mt-4">
          {error}
        </Alert>
      )}
      {projects.isPending && <Spinner label="Loading your projects" className="mt-4" />}
      {projects.isError && (
        <Alert variant="error" className="mt-4" title="Your projects could not be listed">
          {projects.error.message}
        </Alert>
      )}
      {projects.data?.length === 0 && (
        <Alert variant="warning" className="mt-4" title="No projects">
          You have no role on any project. Ask your cloud administrator for access.
        </Alert>
      )}
      {projects.data && projects.data.length > 0 && (
        <ul className="mt-4 space-y-2">
          {projects.data.map((p) => (
            <li key={p.id}>
              <Button
                variant="secondary"
                className="w-full justify-start"
                loading={choosing === p.id}
                disabled={choosing !== undefined}
                onClick={() => void choose(p.id)}
              >
                {p.name}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <Button variant="ghost" className="mt-4" onClick={() => void signOut()}>
        Sign in as someone else
      </Button>
    </section>
  )
}
