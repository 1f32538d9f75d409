import { setRegion } from '~/session/session'
import { ALL_REGIONS } from '~/api/scope'
import { Button } from '~/ui/button'
import { countOf } from '~/util/format'
import { usePendingElsewhere } from '~/components/use-pending-shares'

/** "2 more wait in RegionTwo", with the switch that shows them; nothing when none wait elsewhere. */
export function PendingElsewhere({ more }: { more: boolean }) {
  const { byRegion, count } = usePendingElsewhere()
  if (count === 0) return null
  const where = byRegion.map((r) => `${String(r.count)} in ${r.region}`).join(', ')
  const only = byRegion.length === 1 ? byRegion[0]?.region : undefined
  return (
    <p className="flex flex-wrap items-center gap-x-3 gap-y-1">
      <span>
        {countOf(count, more ? 'more image' : 'image')} shared with you{' '}
        {count === 1 ? 'waits' : 'wait'} in another region ({where}).
      </span>
      <Button size="sm" variant="secondary" onClick={() => setRegion(only ?? ALL_REGIONS)}>
        {only ? `Switch to ${only}` : 'Show all regions'}
      </Button>
    </p>
  )
}
