import * as React from 'react'
import { ALL_REGIONS } from '~/api/scope'
import { IdForm } from '~/components/id-form'
import { RegionChoice } from '~/components/region-choice'
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
  const [region, setRegion] = React.useState(initial.region ?? ALL_REGIONS)
  return (
    <IdForm
      name="Find an image"
      label="Image ID"
      hint="Or paste a link to the image from this panel."
      initial={initial.image}
      submit="Inspect"
      onSubmit={(text) => {
        const lookup = readImageLookup(text)
        if (!lookup)
          return 'Enter an image ID (a UUID, in any case, with or without dashes), or paste a panel link to an image.'
        // A pasted link names its region; that is where the image is.
        onLookup({
          image: lookup.image,
          region: lookup.region && regions.includes(lookup.region) ? lookup.region : region,
        })
        return undefined
      }}
    >
      <RegionChoice value={region} regions={regions} onChange={setRegion} />
    </IdForm>
  )
}
