import * as v from 'valibot'
import { isProjectIdForm, normaliseUuid } from '~/api/ids'
import { ALL_REGIONS, regionsOf, type Session } from '~/api/scope'

// Inspect's URL state, read by its loader and its page alike: which image, where to look for it,
// and which project to explain. A deep link survives a reload and can be sent to a colleague.

const uuid = v.pipe(
  v.string(),
  v.transform((text) => normaliseUuid(text)),
  v.string(),
)
const inspectUrlSchema = v.object({
  image: v.optional(uuid),
  region: v.optional(v.pipe(v.string(), v.minLength(1))),
  // A project ID as Keystone makes them: a member ID of any other form is no project's, and a
  // link could carry `--os-auth-url=…` into the commands shown (src/api/openstack-cli.ts).
  check: v.optional(v.pipe(v.string(), v.trim(), v.check(isProjectIdForm))),
})

export type InspectUrl = v.InferOutput<typeof inspectUrlSchema>

const field = (params: URLSearchParams, name: string) => params.get(name) ?? undefined

/** Each parameter on its own: a bad one counts as absent and spoils none of the others. */
export function readInspectUrl(params: URLSearchParams): InspectUrl {
  const out: InspectUrl = {}
  for (const name of ['image', 'region', 'check'] as const) {
    const parsed = v.safeParse(inspectUrlSchema.entries[name], field(params, name))
    if (parsed.success && parsed.output !== undefined) out[name] = parsed.output
  }
  return out
}

/** The `check` of a link when it is there but refused (not a project ID), for the page to say so. */
export function refusedCheck(params: URLSearchParams): string | undefined {
  const raw = params.get('check')?.trim()
  return raw && !isProjectIdForm(raw) ? raw : undefined
}

/** The regions to look in: the one named, or every region ("All regions", or none named). */
export function inspectRegions(session: Session, { region }: InspectUrl): string[] {
  const all = regionsOf(session)
  return region && region !== ALL_REGIONS && all.includes(region) ? [region] : all
}
