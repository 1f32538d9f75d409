import { useId, useState, type SyntheticEvent } from 'react'
import { Button } from '~/ui/button'
import { Input, Label } from '~/ui/field'
import { NativeSelect } from '~/ui/select'
import type { MatchMode } from './url-state'

/** The name search; the field keeps what is typed until it is sent. */
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
  const [mode, setMode] = useState<MatchMode>(match)
  const inputId = useId()
  const modeId = useId()
  const hintId = useId()
  const submit = (e: SyntheticEvent) => {
    e.preventDefault()
    onSearch(text, mode)
  }
  return (
    <form
      role="search"
      aria-label="Search images"
      onSubmit={submit}
      className="flex flex-col gap-1.5"
    >
      <div className="flex flex-wrap items-end gap-2">
        <div className="flex flex-col gap-1.5">
          <Label htmlFor={inputId}>Search by name</Label>
          <Input
            id={inputId}
            type="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-describedby={hintId}
            className="w-64"
          />
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor={modeId}>Match</Label>
          <NativeSelect
            id={modeId}
            value={mode}
            onChange={(e) => setMode(e.target.value === 'exact' ? 'exact' : 'contains')}
            className="w-56"
          >
            <option value="contains">Name contains (loaded images)</option>
            <option value="exact">Exact name (all images)</option>
          </NativeSelect>
        </div>
        <Button type="submit" variant="secondary">
          Search
        </Button>
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
      <p id={hintId} className="max-w-2xl text-sm text-gray-600">
        Glance cannot search inside names. “Name contains” filters the images loaded so far (load
        more to search further); “Exact name” asks Glance for images with exactly that whole name,
        across all images.
      </p>
    </form>
  )
}
