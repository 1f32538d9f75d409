import type { Member } from '~/api/schemas'

// The member list as a file to save: what Export CSV downloads.

/** A spreadsheet runs a cell starting with = + - @ as a formula, and Glance accepts any member ID. */
function csvField(value: string) {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** The rows as CSV (RFC 4180: CRLF, quoted where needed), with project names where known. */
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
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n'
}

export function downloadText(filename: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  document.body.append(a)
  a.click()
  a.remove()
  // The click has started the download; revoking at once can cancel it in some browsers.
  setTimeout(() => {
    URL.revokeObjectURL(url)
  }, 1000)
}

/** A name usable as a file name on any system. */
export const fileSafe = (name: string) =>
  name.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'image'
