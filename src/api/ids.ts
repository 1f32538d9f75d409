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
