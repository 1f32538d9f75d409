import * as v from 'valibot'
import { BOOK_MAX, cleanName, NAME_MAX, type Book, type ImportedEntry } from './address-book'

// The address book as a file to keep or hand to a colleague, and back. Loaded only with the
// address book's dialog, so its schema is not on the way to any page.

export const BOOK_FILE_FORMAT = 'image-sharing-panel/project-names'
/** A book of BOOK_MAX entries is well under this; anything bigger is not one. */
export const BOOK_FILE_MAX_BYTES = 1_000_000

const entrySchema = v.object({
  id: v.pipe(
    v.string('the project ID is not text'),
    v.regex(/^[0-9a-fA-F]{32}$/, 'the project ID is not 32 hexadecimal digits'),
    v.toLowerCase(),
  ),
  name: v.pipe(
    v.string('the name is not text'),
    v.transform(cleanName),
    v.nonEmpty('the name is empty'),
    v.maxLength(NAME_MAX, `the name is longer than ${String(NAME_MAX)} characters`),
  ),
  // Written by Export, and read only to check the file: an import marks every name as imported,
  // since anyone can write "keystone" here. A hand-written file may leave it out.
  source: v.optional(
    v.picklist(['you', 'keystone', 'file'], 'source is not "you", "keystone" or "file"'),
  ),
  updated: v.optional(v.pipe(v.string(), v.isoTimestamp('updated is not a date and time'))),
})

const fileSchema = v.object(
  {
    format: v.literal(BOOK_FILE_FORMAT, `it does not say "format": "${BOOK_FILE_FORMAT}"`),
    version: v.literal(1, 'it is of a version this panel does not know'),
    projects: v.pipe(
      v.array(entrySchema, 'it has no "projects" list'),
      v.maxLength(BOOK_MAX, `it has more than ${String(BOOK_MAX)} projects`),
    ),
  },
  'it is not a list of project names',
)

/** The book as JSON, most recently changed first. */
export function bookFileText(book: Book, exportedAt = new Date()) {
  const projects = Object.entries(book)
    .map(([id, e]) => ({ id, name: e.name, source: e.source, updated: e.updated }))
    .sort((a, b) => b.updated.localeCompare(a.updated))
  return `${JSON.stringify(
    { format: BOOK_FILE_FORMAT, version: 1, exported_at: exportedAt.toISOString(), projects },
    null,
    2,
  )}\n`
}

export type ParsedBookFile = { ok: true; entries: ImportedEntry[] } | { ok: false; reason: string }

/**
 * A file's entries, or why it is refused: the whole file, so nothing half-imports. An entry
 * without a time is dated `now`.
 */
export function parseBookFile(text: string, now = new Date()): ParsedBookFile {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return { ok: false, reason: 'it is not JSON' }
  }
  const parsed = v.safeParse(fileSchema, json)
  if (!parsed.success) {
    const issue = parsed.issues[0]
    const index = issue.path?.[1]?.key
    const where = typeof index === 'number' ? `project ${String(index + 1)}: ` : ''
    return { ok: false, reason: `${where}${issue.message}` }
  }
  return {
    ok: true,
    entries: parsed.output.projects.map((p) => ({
      id: p.id,
      name: p.name,
      updated: p.updated ?? now.toISOString(),
    })),
  }
}
