import type { MemberChange } from '~/api/member-sightings'
import { memberStatusLabel } from '~/components/member-status-badge'

const byWords = {
  member: 'the project answered from this panel',
  admin: 'an administrator set it for the project from this panel',
}

/** Under a member's status: it changed since you last looked, and what is known of by whom. */
export function ChangeMark({
  change,
  status,
}: {
  change: MemberChange | undefined
  status: string
}) {
  if (change === undefined) return null
  const from = change.was === status ? '' : `, from ${memberStatusLabel[change.was].toLowerCase()}`
  return (
    <span className="mt-1 block text-xs text-gray-700">
      <strong className="font-semibold">Changed since you last looked{from}</strong>:{' '}
      {change.by
        ? byWords[change.by]
        : 'Glance does not say whether by the project or by an administrator for it'}
      .
    </span>
  )
}
