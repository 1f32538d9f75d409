import * as z from 'zod/mini'
import { regionsOf, type Session } from '~/api/scope'

// Image Detail's URL state, read by its route's loader (./loader.ts) and its page alike, so both
// ask for the same regions and build the same query key.

const detailUrlSchema = z.object({ region: z.optional(z.string().check(z.minLength(1))) })

export type DetailUrl = z.infer<typeof detailUrlSchema>

/** `?region=` as the list's links write it (src/util/paths.ts); anything else counts as absent. */
export function readDetailUrl(params: URLSearchParams): DetailUrl {
  const parsed = detailUrlSchema.safeParse({ region: params.get('region') ?? undefined })
  return parsed.success ? parsed.data : {}
}

/** A link from the list names the region; a bare deep link searches every region. */
export function detailRegions(session: Session, { region }: DetailUrl): string[] {
  const all = regionsOf(session)
  return region && all.includes(region) ? [region] : all
}
