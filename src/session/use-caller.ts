import { useMemo } from 'react'
import { callerOf, type Session } from '~/api/scope'
import { useSession } from '~/session/session'

export type CallerContext = {
  /** For query options and mutations: whose token, which project and region. */
  session: Session
  /** For Glance's rules (src/api): who asks, as the rules see a caller. */
  caller: ReturnType<typeof callerOf>
}

/**
 * Who is looking, for any component under the signed-in layout: read here rather than passed
 * down as a prop, so a component needs no session from its parent.
 */
export function useCaller(): CallerContext {
  const session = useSession()
  return useMemo(() => ({ session, caller: callerOf(session) }), [session])
}
