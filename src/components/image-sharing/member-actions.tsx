import type { Member } from '~/api/schemas'
import { Button } from '~/ui/button'

export type MemberAction = 'remove' | 'reshare'

const actionLabel: Record<MemberAction, string> = { reshare: 'Re-share', remove: 'Remove' }

/** A row's buttons: Re-share for a rejected share (Glance cannot ask again), and Remove. */
export function MemberActions({
  member,
  removeReason,
  reshareReason,
  onAsk,
}: {
  member: Member
  removeReason: string | undefined
  reshareReason: string | undefined
  onAsk: (action: MemberAction, member: Member) => void
}) {
  const offered: MemberAction[] = member.status === 'rejected' ? ['reshare', 'remove'] : ['remove']
  const reason = { remove: removeReason, reshare: reshareReason }
  return (
    <div className="flex flex-wrap gap-2">
      {offered.map((action) => (
        <Button
          key={action}
          size="sm"
          variant="secondary"
          disabledReason={reason[action]}
          onClick={() => {
            onAsk(action, member)
          }}
        >
          {actionLabel[action]}
        </Button>
      ))}
    </div>
  )
}
