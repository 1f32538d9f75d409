import type { Member } from '~/api/schemas'
import { csvText } from '~/util/export-file'

/** The member rows as CSV, with project names where known: what Export CSV downloads. */
export function membersCsv(
  members: readonly Member[],
  nameOf: (projectId: string) => string | undefined,
): string {
  const header = ['project_id', 'project_name', 'status', 'shared_at', 'last_changed']
  const rows = members.map((m) => [
    m.member_id,
    nameOf(m.member_id) ?? '',
    m.status,
    m.created_at,
    m.updated_at,
  ])
  return csvText([header, ...rows])
}
