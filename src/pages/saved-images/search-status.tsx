import { Button } from '~/ui/button'
import { pluralWord } from '~/util/format'
import { SEARCH_CAP, type SearchPhase, type useContainsSearch } from './use-contains-search'

/** "2,000 images": a search's counts reach the thousands. */
const images = (n: number) => `${n.toLocaleString('en')} ${pluralWord(n, 'image', 'images')}`

const matching = (found: number) =>
  `Showing ${images(found)} that ${pluralWord(found, 'matches', 'match')}.`

/** Where a "Name contains" search is, in words (a polite live region reads it). */
function searchText(phase: SearchPhase, found: number, searched: number) {
  switch (phase) {
    case 'searching':
      return `Searching… searched ${images(searched)}, ${found.toLocaleString('en')} found so far.`
    case 'stopped':
    case 'failed':
      return `Search stopped at ${images(searched)}. ${matching(found)}`
    case 'capped':
      return `Searched the first ${images(searched)}. ${matching(found)} Use Exact name to ask Glance for a whole name across all images.`
    case 'done':
      return `Searched all ${images(searched)}. ${matching(found)}`
  }
}

/**
 * Under a "Name contains" search: where it is, in a polite live region, and the one button that
 * fits the moment. It stays one element whose words change, so focus stays on it from Stop to
 * Continue. Loaded on demand (route.tsx): only a search needs it.
 */
export default function SearchStatus({
  search,
  found,
  searched,
}: {
  search: ReturnType<typeof useContainsSearch>
  found: number
  searched: number
}) {
  const { phase } = search
  const action =
    phase === 'searching'
      ? { label: 'Stop searching', run: search.stop }
      : phase === 'stopped'
        ? { label: 'Continue searching', run: search.resume }
        : phase === 'capped'
          ? { label: `Search ${SEARCH_CAP.toLocaleString('en')} more`, run: search.further }
          : undefined
  return (
    <div className="mt-4 flex flex-wrap items-center gap-4">
      {action && (
        <Button variant="secondary" onClick={action.run}>
          {action.label}
        </Button>
      )}
      <p className="text-sm text-gray-700" aria-live="polite" aria-atomic="true">
        {searchText(phase, found, searched)}
      </p>
    </div>
  )
}
