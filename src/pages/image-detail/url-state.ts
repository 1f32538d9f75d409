import * as v from 'valibot'
import { regionsOf, type Session } from '~/api/scope'

// Image Detail's URL state, read by its route's loader (./loader.ts) and its page alike, so both
// ask for the same regions and build the same query key.

const detailUrlSchema = v.object({ region: v.optional(v.pipe(v.string(), v.minLength(1))) })

export type DetailUrl = v.InferOutput<typeof detailUrlSchema>

/** `?region=` as the list's links write it (src/util/paths.ts); anything else counts as absent. */
export function readDetailUrl(params: URLSearchParams): DetailUrl {
  const parsed = v.safeParse(detailUrlSchema, { region: params.get('region') ?? undefined })
  return parsed.success ? parsed.output : {}
}

/** A link from the list names the region; a bare deep link searches every region. */
export function detailRegions(session: Session, { region }: DetailUrl): string[] {
  const all = regionsOf(session)
  return region && all.includes(region) ? [region] : all
}
