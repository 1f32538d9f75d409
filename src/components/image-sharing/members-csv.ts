import type { Member } from '~/api/schemas'
import { yourNames } from '~/components/address-book/your-names'
import { csvText } from '~/util/export-file'

/**
 * The member rows as CSV, with project names where known: what Export CSV downloads. The last
 * column is the user's own name for the project (address book), never mistaken for Keystone's.
 */
export function membersCsv(
  members: readonly Member[],
  nameOf: (projectId: string) => string | undefined,
  yourNameOf: (projectId: string) => string | undefined = yourNames(),
): string {
  const header = [
    'project_id',
    'project_name',
    'status',
    'shared_at',
    'last_changed',
    'your_name_for_project',
  ]
  const rows = members.map((m) => [
    m.member_id,
    nameOf(m.member_id) ?? '',
    m.status,
    m.created_at,
    m.updated_at,
    yourNameOf(m.member_id) ?? '',
  ])
  return csvText([header, ...rows])
}
