import * as React from 'react'
import { ALL_REGIONS } from '~/api/scope'
import { Button } from '~/ui/button'
import { TextField } from '~/ui/field'
import { NativeSelect } from '~/ui/select'
import { readImageLookup } from './image-lookup'
import type { InspectUrl } from './url-state'

/** "Image ID" (an ID in any form, or a panel link) and where to look for it. */
export function LookupForm({
  initial,
  regions,
  onLookup,
}: {
  initial: InspectUrl
  regions: readonly string[]
  onLookup: (lookup: { image: string; region: string }) => void
}) {
  const [text, setText] = React.useState(initial.image ?? '')
  const [region, setRegion] = React.useState(initial.region ?? ALL_REGIONS)
  const [error, setError] = React.useState<string>()
  const regionId = React.useId()
  const input = React.useRef<HTMLInputElement>(null)

  return (
    <form
      noValidate
      aria-label="Find an image"
      className="mt-4 flex flex-wrap items-start gap-3"
      onSubmit={(event) => {
        event.preventDefault()
        const lookup = readImageLookup(text)
        if (!lookup) {
          setError(
            'Enter an image ID (a UUID, in any case, with or without dashes), or paste a panel link to an image.',
          )
          input.current?.focus()
          return
        }
        setError(undefined)
        // A pasted link names its region; that is where the image is.
        const where = lookup.region && regions.includes(lookup.region) ? lookup.region : region
        setRegion(where)
        setText(lookup.image)
        onLookup({ image: lookup.image, region: where })
      }}
    >
      <TextField
        ref={input}
        label="Image ID"
        hint="Or paste a link to the image from this panel."
        className="min-w-72 flex-1"
        value={text}
        error={error}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => {
          setText(e.target.value)
        }}
      />
      <div className="flex flex-col gap-1.5">
        <label htmlFor={regionId} className="text-sm font-medium text-gray-900">
          Region
        </label>
        <NativeSelect
          id={regionId}
          className="w-48"
          value={region}
          onChange={(e) => {
            setRegion(e.target.value)
          }}
        >
          <option value={ALL_REGIONS}>All regions</option>
          {regions.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </NativeSelect>
      </div>
      <Button type="submit" className="mt-7">
        Inspect
      </Button>
    </form>
  )
}
