import type { Member } from '~/api/schemas'
import { countOf } from '~/util/format'

/** A share still pending after this long most likely went to a mistyped project ID. */
export const STALE_PENDING_MS = 7 * 24 * 3_600_000

/** Under a pending row's status: a share nobody answered for a week probably reaches no one. */
export function PendingHint({ member, asOf }: { member: Member; asOf: number }) {
  if (member.status !== 'pending') return null
  const since = Date.parse(member.created_at)
  if (Number.isNaN(since) || asOf - since <= STALE_PENDING_MS) return null
  const days = Math.floor((asOf - since) / (24 * 3_600_000))
  return (
    <p className="mt-1 max-w-56 text-xs text-amber-900">
      Pending for {countOf(days, 'day')}: check the project ID. A mistyped ID is accepted by Glance
      but reaches no one.
    </p>
  )
}
