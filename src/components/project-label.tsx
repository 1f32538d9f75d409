import { useQuery } from '@tanstack/react-query'
import { myProjectsQuery, projectQuery } from '~/api/queries'
import { isAdmin } from '~/api/caller'
import { useCaller } from '~/session/use-caller'
import { CopyButton } from '~/ui/copy-button'

/** The name Keystone lets us know for a project: one of the user's own, or any for an admin. */
export function useProjectName(id: string): string | undefined {
  const { session } = useCaller()
  const mine = useQuery(myProjectsQuery(session))
  const own = mine.data?.find((p) => p.id === id)?.name
  const admin = isAdmin(session)
  const asked = useQuery({
    ...projectQuery(session, id),
    // Only the scoped project, or any for an admin: asking about others is a certain 403.
    // Wait for the user's own projects first: they usually name it without another request.
    enabled: id !== '' && mine.isFetched && !own && (admin || id === session.project?.id),
  })
  return own ?? asked.data?.name
}

/**
 * A project as people need it: its name where resolvable, always its ID, with a copy button
 * unless `copy` is false (a list of what was typed, whose IDs are in the field already).
 */
export function ProjectLabel({ id, copy = true }: { id: string; copy?: boolean }) {
  const name = useProjectName(id)
  return (
    <span className="inline-flex flex-wrap items-center gap-x-2">
      {name && <span className="font-medium">{name}</span>}
      <code className="text-xs break-all text-gray-700">{id}</code>
      {copy && <CopyButton value={id} label={`project ID ${id}`} />}
    </span>
  )
}
