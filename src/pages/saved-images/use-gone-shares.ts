import { useQueries, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { answeredRefs } from '~/api/answers-in-flight'
import { myMembershipQuery, type RegionImage } from '~/api/queries'
import type { Session } from '~/api/scope'
import { rowRef, useSeenRows } from '~/components/use-seen-rows'

/**
 * Shares that left the list without an answer of ours: the producer removed this project or made
 * the image private. Each is confirmed by asking Glance for our row (404: gone), so a share
 * answered in another tab is not mistaken for one taken away. `listKey` names the list: another
 * list (view, region, sort, exact name) starts afresh.
 */
export function useGoneShares(session: Session, rows: readonly RegionImage[], listKey: string) {
  const qc = useQueryClient()
  const seen = useSeenRows(rows, listKey)
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set())
  const listed = new Set(rows.map(rowRef))
  const answered = answeredRefs(qc)
  const vanished = seen.filter(
    (r) => r.membership !== undefined && !listed.has(rowRef(r)) && !answered.has(rowRef(r)),
  )
  const ownRows = useQueries({
    queries: vanished.map((r) => myMembershipQuery(session, r.region, r.image.id)),
  })
  return {
    rows: vanished.filter((r, i) => ownRows[i]?.data === null && !dismissed.has(rowRef(r))),
    dismiss: (row: RegionImage) => setDismissed((d) => new Set(d).add(rowRef(row))),
  }
}
