import type * as React from 'react'
import { useCaller } from '~/session/use-caller'
import { paths } from '~/util/paths'
import { RouterTextLink } from '~/components/router-links'
import { Alert } from '~/ui/alert'
import { adminOnlyRefusal } from './admin-only'

/** A page this user may not open: why, and the way back. */
export function NotAllowed({ reason }: { reason: string }) {
  return (
    <section aria-labelledby="not-allowed-heading" className="mx-auto max-w-2xl">
      <h1 id="not-allowed-heading" className="text-2xl font-semibold text-gray-900">
        Not allowed
      </h1>
      <Alert variant="warning" className="mt-4">
        {reason}
      </Alert>
      <RouterTextLink className="mt-4 inline-block text-sm" to={paths.images()}>
        Go to Saved Images
      </RouterTextLink>
    </section>
  )
}

/**
 * An administrators' page: its content for an admin, "Not allowed" for anyone else. Its loader
 * has refused already (refuseUnlessAdmin); this covers a tab whose session came after it ran.
 */
export function AdminPage({ page, children }: { page: string; children: React.ReactNode }) {
  const { session } = useCaller()
  const refusal = adminOnlyRefusal(session, page)
  return refusal === undefined ? children : <NotAllowed reason={refusal} />
}
