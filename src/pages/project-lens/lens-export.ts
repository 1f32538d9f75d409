import type { LensRow, LensState } from '~/api/project-lens'
import { yourNames } from '~/components/address-book/your-names'
import { csvText } from '~/util/export-file'

// The lens's result as files: CSV for a spreadsheet, JSON for a script, both saying whether the
// scan was whole. The owner's name from the user's address book is a column of its own, last, so
// nobody takes it for Keystone's.

type Subject = { projectId: string; projectName: string | undefined; regions: readonly string[] }

const header = [
  'region',
  'image_id',
  'image_name',
  'image_status',
  'hidden',
  'owner_project_id',
  'owner_project_name',
  'member_status',
  'shared_at',
  'last_changed',
  'your_name_for_owner',
] as const

type NameOf = (id: string) => string | undefined

function fields(row: LensRow, nameOf: NameOf, yourNameOf: NameOf) {
  const { image, member, region } = row
  return {
    region,
    image_id: image.id,
    image_name: image.name ?? '',
    image_status: image.status,
    hidden: image.os_hidden === true,
    owner_project_id: image.owner ?? '',
    owner_project_name: (image.owner && nameOf(image.owner)) ?? '',
    member_status: member.status,
    shared_at: member.created_at,
    last_changed: member.updated_at,
    your_name_for_owner: (image.owner && yourNameOf(image.owner)) ?? '',
  }
}

export function lensCsv(
  rows: readonly LensRow[],
  nameOf: NameOf,
  yourNameOf: NameOf = yourNames(),
) {
  return csvText([
    header,
    ...rows.map((row) => {
      const f = fields(row, nameOf, yourNameOf)
      return header.map((key) => String(f[key]))
    }),
  ])
}

export function lensJson(
  subject: Subject,
  state: LensState,
  rows: readonly LensRow[],
  nameOf: NameOf,
  yourNameOf: NameOf = yourNames(),
) {
  return `${JSON.stringify(
    {
      project: { id: subject.projectId, name: subject.projectName ?? null },
      regions: subject.regions,
      // false: cancelled or failed somewhere, so images may be missing.
      complete: state.done && state.failures.length === 0,
      images_scanned: state.scanned,
      failures: state.failures.map((f) => ({
        region: f.region,
        image_id: f.image?.id ?? null,
        status: f.error.status,
        message: f.error.message,
      })),
      images: rows.map((row) => fields(row, nameOf, yourNameOf)),
    },
    null,
    2,
  )}\n`
}
