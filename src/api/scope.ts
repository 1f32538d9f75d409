import * as v from 'valibot'
import { getRuntime } from '~/config/runtime'
import type { GlanceTarget } from './glance'
import type { Caller } from './caller'
import { ApiError } from './http'
import { imageEndpointUrl, imageRegions } from './keystone'
import { catalogSchema } from './schemas'

// What a request is made as: whose token, which project, which region. Queries, mutations and
// Glance's rules take it as a value; src/session keeps the current one and builds on this file,
// so api never has to import the session store.

export const ALL_REGIONS = 'all'

export const sessionSchema = v.object({
  token: v.string(),
  expiresAt: v.string(),
  user: v.object({ id: v.string(), name: v.string(), domainName: v.string() }),
  project: v.nullable(v.object({ id: v.string(), name: v.string() })),
  roles: v.array(v.string()),
  catalog: catalogSchema,
  /** A region ID, or ALL_REGIONS where a view can span them. */
  region: v.string(),
})
export type Session = v.InferOutput<typeof sessionSchema>

/** Who is asking, in the terms of Glance's rules (src/api/glance-policy.ts). */
export const callerOf = (s: Session): Caller => ({
  projectId: s.project?.id ?? '',
  roles: s.roles,
})

export function regionsOf(s: Session) {
  return imageRegions(s.catalog)
}

/** The regions a view covers: the chosen one, or all of them. */
export function viewRegions(s: Session) {
  return s.region === ALL_REGIONS ? regionsOf(s) : [s.region]
}

export function glanceTarget(s: Session, region: string): GlanceTarget {
  const { endpoints } = getRuntime()
  if (endpoints === 'proxy') {
    return { baseUrl: `/proxy/image/${encodeURIComponent(region)}`, token: s.token }
  }
  const url = imageEndpointUrl(s.catalog, region)
  if (!url) {
    throw new ApiError({
      status: 0,
      kind: 'schema',
      message: `The catalog has no public image endpoint in region ${region}.`,
    })
  }
  return { baseUrl: url, token: s.token }
}
