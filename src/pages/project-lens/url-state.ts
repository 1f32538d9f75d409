import * as v from 'valibot'
import { ALL_REGIONS, regionsOf, type Session } from '~/api/scope'

// The project lens's URL state, read by its loader and its page alike: which project, and which
// region or all of them. A deep link survives a reload and can be sent to a colleague.

const lensUrlSchema = v.object({
  // Glance takes any text up to 255 characters as a member ID; Keystone's are 32 hex digits.
  project: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(255))),
  region: v.optional(v.pipe(v.string(), v.minLength(1))),
})

export type LensUrl = v.InferOutput<typeof lensUrlSchema>

/** Each parameter on its own: a bad one counts as absent and spoils none of the others. */
export function readLensUrl(params: URLSearchParams): LensUrl {
  const out: LensUrl = {}
  for (const name of ['project', 'region'] as const) {
    const parsed = v.safeParse(lensUrlSchema.entries[name], params.get(name) ?? undefined)
    if (parsed.success && parsed.output !== undefined) out[name] = parsed.output
  }
  return out
}

/** The regions to scan: the one named, or every region ("All regions", or none named). */
export function lensRegions(session: Session, { region }: LensUrl): string[] {
  const all = regionsOf(session)
  return region && region !== ALL_REGIONS && all.includes(region) ? [region] : all
}
