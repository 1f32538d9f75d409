import type * as React from 'react'
import { parseProjectId } from '~/api/share-targets'
import { Alert } from '~/ui/alert'

/**
 * A project ID asked for (by a link, or a member's Explain) that is not one: said, and never used.
 * Glance takes any text as a member ID, and such a text could be an option to openstack in the
 * commands shown (src/api/openstack-cli.ts).
 */
export function NotAProjectId({
  id,
  title,
  children,
}: {
  id: string
  title: string
  /** What the page does instead. */
  children: React.ReactNode
}) {
  const parsed = parseProjectId(id)
  return (
    <Alert variant="warning" title={title} className="mt-4 max-w-3xl">
      <p>
        <code className="break-all">{id}</code> {parsed.ok ? '' : parsed.message}
      </p>
      <p className="mt-1">{children}</p>
    </Alert>
  )
}
