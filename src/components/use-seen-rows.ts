import { useState } from 'react'
import { answerRef } from '~/api/answers-in-flight'
import type { RegionImage } from '~/api/queries'

export const rowRef = (row: RegionImage) => answerRef(row.region, row.image.id)

/**
 * Every row a query has returned since `resetKey` last changed, each at its latest version. A row
 * that has left the query's answer stays, so a page can say what became of it. `fresh` must keep
 * its identity between renders until the query answers again (the query's data, or a memo of it).
 */
export function useSeenRows(
  fresh: readonly RegionImage[] | undefined,
  resetKey: string,
): RegionImage[] {
  const [seen, setSeen] = useState<{
    key: string
    from: readonly RegionImage[] | undefined
    rows: RegionImage[]
  }>({ key: resetKey, from: undefined, rows: [] })
  if (fresh !== undefined && (fresh !== seen.from || resetKey !== seen.key)) {
    const before = resetKey === seen.key ? seen.rows : []
    const latest = new Map(fresh.map((r) => [rowRef(r), r]))
    const known = new Set(before.map(rowRef))
    const rows = [
      ...before.map((r) => latest.get(rowRef(r)) ?? r),
      ...fresh.filter((r) => !known.has(rowRef(r))),
    ]
    // Derived from the query's data as it arrives (React's "adjust state on prop change").
    setSeen({ key: resetKey, from: fresh, rows })
    return rows
  }
  return resetKey === seen.key ? seen.rows : []
}
