import { useQueries, useQuery } from '@tanstack/react-query'
import { useMemo } from 'react'
import { isAdmin } from '~/api/caller'
import { seenMemberIds } from '~/api/member-sightings'
import { myProjectsQuery, projectQuery } from '~/api/queries'
import { useCaller } from '~/session/use-caller'
import { useAddressBook } from '~/components/address-book/use-address-book'

/**
 * Whether a project ID about to be shared with was checked. Glance takes any well-formed ID and
 * says "pending" whether or not a project has it, so a typo shares into the void: an admin can ask
 * Keystone, anyone else can only be told it was not checked, and whether it was ever seen here.
 */
export type IdCheck =
  | { kind: 'yours' }
  | { kind: 'found' }
  | { kind: 'checking' }
  | { kind: 'unknown' }
  | { kind: 'check-failed' }
  | { kind: 'not-checked'; seen: boolean }

export const idCheckText: Record<Exclude<IdCheck['kind'], 'not-checked'>, string> = {
  yours: 'one of your projects',
  found: 'checked: Keystone knows this project',
  checking: 'checking with Keystone…',
  unknown: 'Keystone has no project with this ID: nobody would receive the image.',
  'check-failed': 'not checked: Keystone could not be asked',
}

export const notCheckedText = (seen: boolean) =>
  `not checked: only a cloud administrator can look up another project${
    seen ? '' : '; never seen here before'
  }`

/**
 * The check of each ID: the user's own projects are known; an admin asks Keystone for the rest
 * (one request per ID, kept for five minutes); anyone else learns whether the ID was seen here
 * before (a member of this or another image they looked at, or a name in their address book).
 */
export function useIdChecks(ids: readonly string[], members: readonly string[] | undefined) {
  const { session, caller } = useCaller()
  const admin = isAdmin(caller)
  const mine = useQuery(myProjectsQuery(session))
  const { book } = useAddressBook()
  const own = useMemo(() => new Set((mine.data ?? []).map((p) => p.id)), [mine.data])
  const asked = useQueries({
    queries: ids.map((id) => ({
      ...projectQuery(session, id),
      enabled: admin && mine.isFetched && !own.has(id),
    })),
  })
  const seen = useMemo(() => seenMemberIds(session.user.id), [session.user.id])

  const checks = new Map<string, IdCheck>()
  ids.forEach((id, i) => {
    const answer = asked[i]
    if (own.has(id)) checks.set(id, { kind: 'yours' })
    else if (!admin)
      checks.set(id, {
        kind: 'not-checked',
        seen: seen.has(id) || id in book || (members?.includes(id) ?? false),
      })
    else if (answer === undefined || answer.isPending) checks.set(id, { kind: 'checking' })
    else if (answer.isError) checks.set(id, { kind: 'check-failed' })
    else checks.set(id, { kind: answer.data ? 'found' : 'unknown' })
  })
  return checks
}
