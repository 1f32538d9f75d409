import type { Image } from './schemas'

export type ImageSortSpec = { key: keyof Image; dir: 'asc' | 'desc' }

/**
 * Glance's order (sqlalchemy, key by key), for the mock's lists and for merging pages from several
 * regions into one list.
 */
export function compareImagesBy(specs: readonly ImageSortSpec[]) {
  return (a: Image, b: Image) => {
    for (const { key, dir } of specs) {
      const c = compareValues(a[key], b[key])
      if (c !== 0) return dir === 'asc' ? c : -c
    }
    return 0
  }
}

function compareValues(a: unknown, b: unknown): number {
  // NULL sorts first ascending, as in MySQL.
  if (a === b) return 0
  if (a === null || a === undefined) return -1
  if (b === null || b === undefined) return 1
  if (typeof a === 'number' && typeof b === 'number') return a - b
  const sa = typeof a === 'string' ? a : JSON.stringify(a)
  const sb = typeof b === 'string' ? b : JSON.stringify(b)
  return sa < sb ? -1 : sa > sb ? 1 : 0
}
