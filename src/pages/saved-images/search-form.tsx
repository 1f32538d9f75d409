import { useId, useState, type SyntheticEvent } from 'react'
import { Button } from '~/ui/button'
import { cn, focusRing } from '~/ui/cn'
import { Input, Label } from '~/ui/field'
import type { MatchMode } from './url-state'

/** The name search; the field and the box keep what is chosen until it is sent. */
export function SearchForm({
  q,
  match,
  onSearch,
}: {
  q: string
  match: MatchMode
  onSearch: (text: string, match: MatchMode) => void
}) {
  const [text, setText] = useState(q)
  const [exact, setExact] = useState(match === 'exact')
  const inputId = useId()
  const hintId = useId()
  const submit = (e: SyntheticEvent) => {
    e.preventDefault()
    onSearch(text, exact ? 'exact' : 'contains')
  }
  return (
    <form
      role="search"
      aria-label="Search images"
      onSubmit={submit}
      className="flex max-w-full min-w-0 flex-col gap-1.5"
    >
      <Label htmlFor={inputId}>Search by name</Label>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <div className="flex max-w-full min-w-0 gap-2">
          <Input
            id={inputId}
            type="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-describedby={hintId}
            className="w-64 min-w-0"
          />
          <Button type="submit" variant="secondary">
            Search
          </Button>
        </div>
        <label className="inline-flex items-center gap-2 text-sm text-gray-900">
          <input
            type="checkbox"
            checked={exact}
            onChange={(e) => setExact(e.target.checked)}
            className={cn('accent-brand-700 size-4', focusRing)}
          />
          Exact name
        </label>
        {q !== '' && (
          <Button
            variant="ghost"
            onClick={() => {
              setText('')
              onSearch('', 'contains')
            }}
          >
            Clear search
          </Button>
        )}
      </div>
      <p id={hintId} className="text-sm text-gray-600">
        Finds part of a name; with Exact name, Glance finds the whole name among all images.
      </p>
    </form>
  )
}
