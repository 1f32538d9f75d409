/**
 * A UUID as Glance's image schema writes the pattern (its 400 for a bad `id` quotes this text).
 * The one UUID pattern of client and mock alike.
 */
export const UUID_PATTERN =
  /^([0-9a-fA-F]){8}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){12}$/

// Copies of an ID often lose some or all dashes; the digits still name one UUID.
const UUID_DASHES_OPTIONAL = new RegExp(UUID_PATTERN.source.replace(/}-\(/g, '}-?('))

/** The UUID in `text` in lowercase with dashes, when it is one with or without its dashes; else null. */
export function normaliseUuid(text: string): string | null {
  if (!UUID_DASHES_OPTIONAL.test(text)) return null
  const hex = text.replace(/-/g, '').toLowerCase()
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    hex.slice(12, 16),
    hex.slice(16, 20),
    hex.slice(20),
  ].join('-')
}

/** Keystone's SQL backend makes project IDs with uuid4().hex: 32 lowercase hex digits. */
export const PROJECT_ID_PATTERN = /^[0-9a-f]{32}$/

/**
 * Whether `text` is a project ID as Keystone writes it, or the same digits in capitals or as a
 * dashed UUID (copies often change the form). Glance takes any text of up to 255 characters as a
 * member ID, so one that is not of this form is no project's, and is never put in a command, a
 * check or a scan: `--os-auth-url=…` as an argument would be an option to openstackclient.
 */
export const isProjectIdForm = (text: string) =>
  PROJECT_ID_PATTERN.test(text.toLowerCase()) || UUID_PATTERN.test(text)
