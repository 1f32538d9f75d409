import type { MemberStatus } from '~/api/schemas'
import { Badge, type BadgeTone } from '~/ui/badge'

const tone: Record<MemberStatus, BadgeTone> = {
  pending: 'warning',
  accepted: 'success',
  rejected: 'danger',
}

export const memberStatusLabel: Record<MemberStatus, string> = {
  pending: 'Pending',
  accepted: 'Accepted',
  rejected: 'Rejected',
}

/** A membership's status in words (colour only repeats what the text says). */
export function MemberStatusBadge({ status }: { status: MemberStatus }) {
  return <Badge tone={tone[status]}>{memberStatusLabel[status]}</Badge>
}
