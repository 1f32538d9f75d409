import { useSearchParams } from 'react-router'
import { readState, writeState, type ListState } from './url-state'

/** The list's state from the URL, and a way to change it. */
export function useListState() {
  const [searchParams, setSearchParams] = useSearchParams()
  const state = readState(searchParams)
  const update = (next: Partial<ListState>, replace = false) => {
    // Any change but "load more" starts again from the first page.
    setSearchParams(writeState({ ...state, pages: 1, ...next }), { replace })
  }
  return [state, update] as const
}
