import { UUID_PATTERN } from '~/api/ids'

/** Glance's image schema: which attributes a caller may set, and jsonschema's words when not. */

export const readOnly = new Set([
  'id',
  'status',
  'size',
  'virtual_size',
  'checksum',
  'os_hash_algo',
  'os_hash_value',
  'created_at',
  'updated_at',
  'self',
  'file',
  'schema',
  'direct_url',
])
export const reserved = new Set(['location', 'deleted', 'deleted_at'])
export const baseAttributes = new Set([
  'name',
  'visibility',
  'owner',
  'min_disk',
  'min_ram',
  'protected',
  'os_hidden',
  'tags',
  'disk_format',
  'container_format',
  'locations',
])
const diskFormats = [
  'ami',
  'ari',
  'aki',
  'vhd',
  'vhdx',
  'vmdk',
  'raw',
  'qcow2',
  'vdi',
  'iso',
  'ploop',
]
const containerFormats = ['ami', 'ari', 'aki', 'bare', 'ovf', 'ova', 'docker', 'compressed']

/** How Python's jsonschema prints a value in its messages. */
export function pyRepr(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`
  if (value === null) return 'None'
  if (value === true) return 'True'
  if (value === false) return 'False'
  return JSON.stringify(value)
}
const pyList = (items: readonly string[]) => `[${items.map((i) => `'${i}'`).join(', ')}]`

/** The image schema's rule for one attribute: null when valid, else jsonschema's reason. */
export function schemaProblem(attribute: string, value: unknown): string | null {
  const notType = (t: string) => `${pyRepr(value)} is not of type ${t}`
  const oneOf = (items: readonly string[]) =>
    items.includes(String(value)) && typeof value === 'string'
      ? null
      : `${pyRepr(value)} is not one of ${pyList(items)}`
  switch (attribute) {
    case 'id':
      return typeof value === 'string' && UUID_PATTERN.test(value)
        ? null
        : typeof value === 'string'
          ? `${pyRepr(value)} does not match '${UUID_PATTERN.source}'`
          : notType("'string'")
    case 'name':
    case 'owner':
      if (value !== null && typeof value !== 'string') return notType("'null', 'string'")
      if (typeof value === 'string' && value.length > 255) return `${pyRepr(value)} is too long`
      return null
    case 'visibility':
      return oneOf(['community', 'public', 'private', 'shared'])
    case 'disk_format':
      return value === null ? null : oneOf([...diskFormats])
    case 'container_format':
      return value === null ? null : oneOf([...containerFormats])
    case 'min_disk':
    case 'min_ram':
      if (typeof value !== 'number' || !Number.isInteger(value)) return notType("'integer'")
      return value < 0 ? `${value} is less than the minimum of 0` : null
    case 'protected':
    case 'os_hidden':
      return typeof value === 'boolean' ? null : notType("'boolean'")
    case 'tags':
      if (!Array.isArray(value)) return notType("'array'")
      for (const tag of value as unknown[]) {
        if (typeof tag !== 'string') return `${pyRepr(tag)} is not of type 'string'`
      }
      return null
    default:
      return typeof value === 'string' ? null : notType("'string'")
  }
}
