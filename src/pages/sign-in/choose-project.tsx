import { useMutation, useQuery } from '@tanstack/react-query'
import { useNavigate } from 'react-router'
import { listProjects, signOut, switchProject } from '~/session/session'
import { Alert } from '~/ui/alert'
import { Button } from '~/ui/button'
import { Spinner } from '~/ui/spinner'

/** After an unscoped sign-in: the user's projects, one button each. */
export function ChooseProject({ next, userName }: { next: string; userName: string }) {
  const navigate = useNavigate()
  const projects = useQuery({ queryKey: ['unscoped-projects', userName], queryFn: listProjects })
  const choose = useMutation({
    mutationFn: switchProject,
    onSuccess: () => navigate(next, { replace: true }),
  })
  const choosing = choose.isPending ? choose.variables : undefined

  return (
    <section className="mt-6 rounded-lg border border-gray-200 bg-white p-6 shadow-sm">
      <h2 className="text-lg font-semibold">Choose a project</h2>
      <p className="mt-1 text-sm text-gray-700">
        Signed in as {userName}. Which project do you want to work in?
      </p>
      {choose.isError && (
        <Alert variant="error" className="mt-4">
          {choose.error.message}
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
                onClick={() => choose.mutate(p.id)}
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
