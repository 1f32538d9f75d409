import * as React from 'react'
import { memberChanges, rememberSeen, type MemberChange } from '~/api/member-sightings'
import type { Member } from '~/api/schemas'

/**
 * The rows that changed since this user last saw the image's members, gathered while the table is
 * shown: each answer of the members query is compared as it arrives, then remembered as seen.
 */
export function useMemberChanges(
  userId: string,
  region: string,
  imageId: string,
  members: readonly Member[] | undefined,
): ReadonlyMap<string, MemberChange> {
  const [marks, setMarks] = React.useState<{
    from: readonly Member[] | undefined
    changes: ReadonlyMap<string, MemberChange>
  }>({ from: undefined, changes: new Map() })
  let { changes } = marks
  if (members !== undefined && members !== marks.from) {
    // Derived from the query's data as it arrives (React's "adjust state on prop change").
    changes = new Map([...marks.changes, ...memberChanges(userId, region, imageId, members)])
    setMarks({ from: members, changes })
  }
  React.useEffect(() => {
    if (members !== undefined) rememberSeen(userId, region, imageId, members)
  }, [userId, region, imageId, members])
  return changes
}
