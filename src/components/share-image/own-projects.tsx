import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useNavigate } from 'react-router'
import { myProjectsQuery } from '~/api/queries'
import { ALL_REGIONS } from '~/api/scope'
import { parseProjectIds } from '~/api/share-targets'
import { setRegion, switchProject } from '~/session/session'
import { useCaller } from '~/session/use-caller'
import { paths } from '~/util/paths'
import { Alert } from '~/ui/alert'
import { Button } from '~/ui/button'
import { fixedProjectWords } from '~/components/header-pickers'
import type { Reported } from './outcomes'

/** The user's own projects, by ID, or an empty map until Keystone has listed them. */
function useOwnProjects() {
  const { session } = useCaller()
  const mine = useQuery(myProjectsQuery(session))
  return new Map((mine.data ?? []).map((p) => [p.id, p.name]))
}

/**
 * The user's other projects as one-click picks: sharing with oneself in another project is common
 * (a test project, a second team), and its ID is one the panel knows, so nobody pastes it.
 */
export function OwnProjectPicks({
  owner,
  members,
  text,
  onAdd,
}: {
  owner: string | null
  members: readonly string[] | undefined
  text: string
  onAdd: (id: string) => void
}) {
  const own = useOwnProjects()
  const typed = new Set(parseProjectIds(text).flatMap((p) => (p.ok ? [p.id] : [])))
  const picks = [...own].filter(
    ([id]) => id !== owner && !typed.has(id) && !(members?.includes(id) ?? false),
  )
  if (picks.length === 0) return null
  return (
    <div
      role="group"
      aria-label="Your other projects"
      className="flex flex-wrap items-center gap-2"
    >
      <span className="text-sm text-gray-700">Your other projects:</span>
      {picks.map(([id, name]) => (
        <Button key={id} size="sm" variant="secondary" onClick={() => onAdd(id)}>
          Add {name}
        </Button>
      ))}
    </div>
  )
}

/**
 * After sharing with one of the user's own projects: the share waits for that project's answer,
 * which the same person can give by switching to it, here and now.
 */
export function SwitchAndReview({
  results,
  region,
  onLeave,
}: {
  results: readonly Reported[]
  region: string
  onLeave: () => void
}) {
  const { session } = useCaller()
  const own = useOwnProjects()
  const navigate = useNavigate()
  const [switching, setSwitching] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const targets = results.filter(
    (r) => r.outcome === 'shared' && own.has(r.memberId) && r.memberId !== session.project?.id,
  )
  if (targets.length === 0) return null

  const fixed = session.applicationCredential
  if (fixed) {
    const names = targets.map((r) => own.get(r.memberId) ?? r.memberId).join(', ')
    return (
      <p className="text-sm text-gray-700">
        Shared with your own {targets.length === 1 ? 'project' : 'projects'} {names}: it waits there
        for an answer. {fixedProjectWords(session.project?.name ?? '', fixed.name)} To answer as{' '}
        {names}, sign in another way (with your password, for example).
      </p>
    )
  }

  async function go(id: string) {
    setSwitching(id)
    setError(null)
    try {
      await switchProject(id)
      // The share waits in the image's region: Review must look there.
      if (session.region !== ALL_REGIONS && session.region !== region) void setRegion(region)
      onLeave()
      await navigate(paths.review())
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
      setSwitching(null)
    }
  }

  return (
    <div className="grid gap-2">
      <p className="text-sm text-gray-700">
        Shared with your own {targets.length === 1 ? 'project' : 'projects'}: it waits there for an
        answer, which you can give yourself.
      </p>
      <div className="flex flex-wrap gap-2">
        {targets.map((r) => (
          <Button
            key={r.memberId}
            size="sm"
            loading={switching === r.memberId}
            disabled={switching !== null}
            onClick={() => void go(r.memberId)}
          >
            Switch to {own.get(r.memberId)} and review
          </Button>
        ))}
      </div>
      {error && (
        <Alert variant="error" title="Could not switch project">
          {error}
        </Alert>
      )}
    </div>
  )
}
