import { useState } from 'react'

/**
 * How many images one "Name contains" search reads before it stops by itself: 80 requests of 25
 * per region, a few seconds; past that "Exact name" (Glance's own filter) is the better tool.
 */
export const SEARCH_CAP = 2000

/**
 * searching: more pages are being read; stopped: the user stopped it; capped: it read
 * SEARCH_CAP more images and waits to be asked for more; failed: a page could not be loaded;
 * done: the whole list was searched.
 */
export type SearchPhase = 'searching' | 'stopped' | 'capped' | 'failed' | 'done'

/**
 * Glance cannot search inside names, so a "contains" search reads the list page after page in
 * the background (the caller calls fetchNextPage while `wantMore`) until it has read it all,
 * is stopped, or reaches its cap. Stopped and capped belong to one search (`id`: the list and
 * the text): a new search, or a reload, starts again.
 */
export function useContainsSearch(
  id: string,
  { searched, hasMore, failed }: { searched: number; hasMore: boolean; failed: boolean },
) {
  const [run, setRun] = useState({ id, stopped: false, limit: SEARCH_CAP })
  const current = run.id === id ? run : { id, stopped: false, limit: SEARCH_CAP }
  const phase: SearchPhase = !hasMore
    ? 'done'
    : failed
      ? 'failed'
      : current.stopped
        ? 'stopped'
        : searched >= current.limit
          ? 'capped'
          : 'searching'
  return {
    phase,
    wantMore: phase === 'searching',
    stop: () => setRun({ ...current, stopped: true }),
    resume: () => setRun({ ...current, stopped: false }),
    /** Past the cap: another SEARCH_CAP images. */
    further: () => setRun({ id, stopped: false, limit: searched + SEARCH_CAP }),
  }
}
