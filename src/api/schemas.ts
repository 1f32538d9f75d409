import * as z from 'zod/mini'

/** What Keystone v3 and Glance v2 return, validated at the boundary so a surprising answer is a clear error. */

// Glance writes timestamps as YYYY-MM-DDTHH:MM:SSZ (glance/common/timeutils.py::isotime).
const timestamp = z.string().check(z.minLength(1))

export const memberStatuses = ['pending', 'accepted', 'rejected'] as const
export const memberStatusSchema = z.enum(memberStatuses)
export type MemberStatus = z.infer<typeof memberStatusSchema>

export const visibilities = ['public', 'community', 'shared', 'private'] as const
export const visibilitySchema = z.enum(visibilities)
export type Visibility = z.infer<typeof visibilitySchema>

export const imageStatuses = [
  'queued',
  'saving',
  'uploading',
  'importing',
  'active',
  'deactivated',
  'killed',
  'pending_delete',
  'deleted',
] as const

export const imageSchema = z.catchall(
  z.object({
    id: z.string(),
    name: z.nullable(z.string()),
    status: z.string(),
    visibility: visibilitySchema,
    owner: z.nullable(z.string()),
    size: z.optional(z.nullable(z.number())),
    virtual_size: z.optional(z.nullable(z.number())),
    disk_format: z.optional(z.nullable(z.string())),
    container_format: z.optional(z.nullable(z.string())),
    min_disk: z.optional(z.number()),
    min_ram: z.optional(z.number()),
    protected: z.optional(z.boolean()),
    os_hidden: z.optional(z.boolean()),
    checksum: z.optional(z.nullable(z.string())),
    os_hash_algo: z.optional(z.nullable(z.string())),
    os_hash_value: z.optional(z.nullable(z.string())),
    tags: z.optional(z.array(z.string())),
    created_at: timestamp,
    updated_at: timestamp,
    self: z.optional(z.string()),
    file: z.optional(z.string()),
    schema: z.optional(z.string()),
  }),
  // Extra properties are flattened at the top level of a Glance image.
  z.unknown(),
)
export type Image = z.infer<typeof imageSchema>

export const imageListSchema = z.object({
  images: z.array(imageSchema),
  first: z.optional(z.string()),
  next: z.optional(z.string()),
  schema: z.optional(z.string()),
})
export type ImageList = z.infer<typeof imageListSchema>

export const memberSchema = z.object({
  image_id: z.string(),
  member_id: z.string(),
  status: memberStatusSchema,
  created_at: timestamp,
  updated_at: timestamp,
  schema: z.optional(z.string()),
})
export type Member = z.infer<typeof memberSchema>

export const memberListSchema = z.object({
  members: z.array(memberSchema),
  schema: z.optional(z.string()),
})

// ---- Keystone v3 ----

export const endpointSchema = z.object({
  id: z.string(),
  interface: z.enum(['public', 'internal', 'admin']),
  region: z.optional(z.nullable(z.string())),
  region_id: z.optional(z.nullable(z.string())),
  url: z.string(),
})

export const catalogEntrySchema = z.object({
  id: z.string(),
  type: z.string(),
  name: z.optional(z.string()),
  endpoints: z.array(endpointSchema),
})
export type CatalogEntry = z.infer<typeof catalogEntrySchema>
export const catalogSchema = z.array(catalogEntrySchema)
export type Catalog = z.infer<typeof catalogSchema>

const namedRef = z.object({ id: z.string(), name: z.string() })

export const tokenSchema = z.object({
  token: z.object({
    expires_at: z.string(),
    issued_at: z.optional(z.string()),
    methods: z.array(z.string()),
    user: z.object({ id: z.string(), name: z.string(), domain: namedRef }),
    project: z.optional(z.object({ id: z.string(), name: z.string(), domain: namedRef })),
    roles: z.optional(z.array(namedRef)),
    catalog: z.optional(catalogSchema),
  }),
})
export type TokenBody = z.infer<typeof tokenSchema>

export const projectSchema = z.object({
  id: z.string(),
  name: z.string(),
  domain_id: z.string(),
  enabled: z.optional(z.boolean()),
  description: z.optional(z.nullable(z.string())),
})
export type Project = z.infer<typeof projectSchema>
export const projectListSchema = z.object({ projects: z.array(projectSchema) })

export const catalogResponseSchema = z.object({ catalog: catalogSchema })

// ---- Error bodies ----

/** Keystone: {"error": {"code": 401, "title": "Unauthorized", "message": "..."}} */
export const keystoneErrorSchema = z.object({
  error: z.object({ code: z.number(), title: z.optional(z.string()), message: z.string() }),
})
/** Glance (webob): {"message": "...<br /><br />\n\n\n", "code": "403 Forbidden", "title": "Forbidden"} */
export const glanceErrorSchema = z.object({
  message: z.string(),
  code: z.optional(z.union([z.string(), z.number()])),
  title: z.optional(z.string()),
})
