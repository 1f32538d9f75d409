import * as v from 'valibot'

/** What Keystone v3 and Glance v2 return, validated at the boundary so a surprising answer is a clear error. */

// Glance writes timestamps as YYYY-MM-DDTHH:MM:SSZ (glance/common/timeutils.py::isotime).
const timestamp = v.pipe(v.string(), v.minLength(1))

export const memberStatuses = ['pending', 'accepted', 'rejected'] as const
export const memberStatusSchema = v.picklist(memberStatuses)
export type MemberStatus = v.InferOutput<typeof memberStatusSchema>

export const visibilities = ['public', 'community', 'shared', 'private'] as const
export const visibilitySchema = v.picklist(visibilities)
export type Visibility = v.InferOutput<typeof visibilitySchema>

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

// Glance writes null for what an image does not have yet (no size or checksum before its upload).
const notYet = <T extends v.GenericSchema>(schema: T) => v.nullish(schema)
const flag = v.optional(v.boolean())

export const imageSchema = v.objectWithRest(
  {
    id: v.string(),
    name: v.nullable(v.string()),
    status: v.string(),
    visibility: visibilitySchema,
    owner: v.nullable(v.string()),
    size: notYet(v.number()),
    virtual_size: notYet(v.number()),
    disk_format: notYet(v.string()),
    container_format: notYet(v.string()),
    min_disk: v.optional(v.number()),
    min_ram: v.optional(v.number()),
    protected: flag,
    os_hidden: flag,
    checksum: notYet(v.string()),
    os_hash_algo: notYet(v.string()),
    os_hash_value: notYet(v.string()),
    tags: v.optional(v.array(v.string())),
    created_at: timestamp,
    updated_at: timestamp,
    self: v.optional(v.string()),
    file: v.optional(v.string()),
    schema: v.optional(v.string()),
  },
  // Extra properties are flattened at the top level of a Glance image.
  v.unknown(),
)
export type Image = v.InferOutput<typeof imageSchema>

export const imageListSchema = v.object({
  images: v.array(imageSchema),
  first: v.optional(v.string()),
  next: v.optional(v.string()),
  schema: v.optional(v.string()),
})
export type ImageList = v.InferOutput<typeof imageListSchema>

export const memberSchema = v.object({
  image_id: v.string(),
  member_id: v.string(),
  status: memberStatusSchema,
  created_at: timestamp,
  updated_at: timestamp,
  schema: v.optional(v.string()),
})
export type Member = v.InferOutput<typeof memberSchema>

export const memberListSchema = v.object({
  members: v.array(memberSchema),
  schema: v.optional(v.string()),
})

// ---- Keystone v3 ----

export const endpointSchema = v.object({
  id: v.string(),
  interface: v.picklist(['public', 'internal', 'admin']),
  region: v.nullish(v.string()),
  region_id: v.nullish(v.string()),
  url: v.string(),
})

export const catalogEntrySchema = v.object({
  id: v.string(),
  type: v.string(),
  name: v.optional(v.string()),
  endpoints: v.array(endpointSchema),
})
export type CatalogEntry = v.InferOutput<typeof catalogEntrySchema>
export const catalogSchema = v.array(catalogEntrySchema)
export type Catalog = v.InferOutput<typeof catalogSchema>

const namedRef = v.object({ id: v.string(), name: v.string() })

export const tokenSchema = v.object({
  token: v.object({
    expires_at: v.string(),
    issued_at: v.optional(v.string()),
    methods: v.array(v.string()),
    user: v.object({ id: v.string(), name: v.string(), domain: namedRef }),
    project: v.optional(v.object({ id: v.string(), name: v.string(), domain: namedRef })),
    roles: v.optional(v.array(namedRef)),
    catalog: v.optional(catalogSchema),
    /** Present when an application credential signed in: the token is tied to its project and roles. */
    application_credential: v.optional(
      v.object({ id: v.string(), name: v.string(), restricted: v.boolean() }),
    ),
  }),
})
export type TokenBody = v.InferOutput<typeof tokenSchema>

export const projectSchema = v.object({
  id: v.string(),
  name: v.string(),
  domain_id: v.string(),
  enabled: v.optional(v.boolean()),
  description: v.nullish(v.string()),
})
export type Project = v.InferOutput<typeof projectSchema>
export const projectListSchema = v.object({ projects: v.array(projectSchema) })

export const catalogResponseSchema = v.object({ catalog: catalogSchema })

// ---- Error bodies ----

/** Keystone: {"error": {"code": 401, "title": "Unauthorized", "message": "..."}} */
export const keystoneErrorSchema = v.object({
  error: v.object({ code: v.number(), title: v.optional(v.string()), message: v.string() }),
})
/** Glance (webob): {"message": "...<br /><br />\n\n\n", "code": "403 Forbidden", "title": "Forbidden"} */
export const glanceErrorSchema = v.object({
  message: v.string(),
  code: v.optional(v.union([v.string(), v.number()])),
  title: v.optional(v.string()),
})
