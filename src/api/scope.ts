import * as v from 'valibot'
import type { GlanceTarget } from './glance'
import type { Caller } from './caller'
import { imageRegions } from './keystone'
import { catalogSchema } from './schemas'

// What a request is made as: whose token, which project, which region. Queries, mutations and
// Glance's rules take it as a value; src/session keeps the current one and builds on this file,
// so api never has to import the session store.

export const ALL_REGIONS = 'all'

/** Where the panel's server proxies Keystone and the services, in the demo as in a cloud. */
export const PROXY_PATH = '/proxy'

/**
 * The session as the page knows it: what the panel's server says of it (GET /session), never its
 * token, which stays on the server (src/api/session-flow.ts, docs/sessions.md). `id` is echoed in
 * every request (SESSION_HEADER), so a tab never acts in a session it does not know it is in.
 */
export const sessionSchema = v.object({
  id: v.string(),
  expiresAt: v.string(),
  user: v.object({ id: v.string(), name: v.string(), domainName: v.string() }),
  project: v.nullable(v.object({ id: v.string(), name: v.string() })),
  roles: v.array(v.string()),
  catalog: catalogSchema,
  /** A region ID, or ALL_REGIONS where a view can span them. */
  region: v.string(),
  /** How the user signed in: the sign-in page offers it again when the session ends. */
  method: v.picklist(['password', 'totp', 'application_credential', 'sso']),
  /** Keystone ties an application credential's session to its project: no switch. */
  applicationCredential: v.nullable(
    v.object({ id: v.string(), name: v.string(), restricted: v.boolean() }),
  ),
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

/** Glance in a region, through the panel's proxy, which adds the session's token. */
export function glanceTarget(s: Session, region: string): GlanceTarget {
  return { baseUrl: `${PROXY_PATH}/image/${encodeURIComponent(region)}`, session: s.id }
}

/** Keystone, through the panel's proxy: only what a signed-in page reads (its projects, a project). */
export const identityTarget = (s: Session): GlanceTarget => ({
  baseUrl: `${PROXY_PATH}/identity/v3`,
  session: s.id,
})
