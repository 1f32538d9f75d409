import * as v from 'valibot'
import { isProjectIdForm } from '~/api/ids'
import { ALL_REGIONS, regionsOf, type Session } from '~/api/scope'

// The project lens's URL state, read by its loader and its page alike: which project, and which
// region or all of them. A deep link survives a reload and can be sent to a colleague.

const lensUrlSchema = v.object({
  // Glance takes any text up to 255 characters as a member ID, but only one of the form Keystone
  // gives projects is worth a scan: a link naming anything else is refused, and the page says so.
  project: v.optional(v.pipe(v.string(), v.trim(), v.check(isProjectIdForm))),
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

/** The `project` of a link when it is there but refused (not a project ID), for the page to say so. */
export function refusedProject(params: URLSearchParams): string | undefined {
  const raw = params.get('project')?.trim()
  return raw && !isProjectIdForm(raw) ? raw : undefined
}

/** The regions to scan: the one named, or every region ("All regions", or none named). */
export function lensRegions(session: Session, { region }: LensUrl): string[] {
  const all = regionsOf(session)
  return region && region !== ALL_REGIONS && all.includes(region) ? [region] : all
}
