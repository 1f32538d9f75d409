import { z } from 'zod'

/** What Keystone v3 and Glance v2 return, validated at the boundary so a surprising answer is a clear error. */

// Glance writes timestamps as YYYY-MM-DDTHH:MM:SSZ (glance/common/timeutils.py::isotime).
const timestamp = z.string().min(1)

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

export const imageSchema = z
  .object({
    id: z.string(),
    name: z.string().nullable(),
    status: z.string(),
    visibility: visibilitySchema,
    owner: z.string().nullable(),
    size: z.number().nullable().optional(),
    virtual_size: z.number().nullable().optional(),
    disk_format: z.string().nullable().optional(),
    container_format: z.string().nullable().optional(),
    min_disk: z.number().optional(),
    min_ram: z.number().optional(),
    protected: z.boolean().optional(),
    os_hidden: z.boolean().optional(),
    checksum: z.string().nullable().optional(),
    os_hash_algo: z.string().nullable().optional(),
    os_hash_value: z.string().nullable().optional(),
    tags: z.array(z.string()).optional(),
    created_at: timestamp,
    updated_at: timestamp,
    self: z.string().optional(),
    file: z.string().optional(),
    schema: z.string().optional(),
  })
  // Extra properties are flattened at the top level of a Glance image.
  .catchall(z.unknown())
export type Image = z.infer<typeof imageSchema>

export const imageListSchema = z.object({
  images: z.array(imageSchema),
  first: z.string().optional(),
  next: z.string().optional(),
  schema: z.string().optional(),
})
export type ImageList = z.infer<typeof imageListSchema>

export const memberSchema = z.object({
  image_id: z.string(),
  member_id: z.string(),
  status: memberStatusSchema,
  created_at: timestamp,
  updated_at: timestamp,
  schema: z.string().optional(),
})
export type Member = z.infer<typeof memberSchema>

export const memberListSchema = z.object({
  members: z.array(memberSchema),
  schema: z.string().optional(),
})

// ---- Keystone v3 ----

export const endpointSchema = z.object({
  id: z.string(),
  interface: z.enum(['public', 'internal', 'admin']),
  region: z.string().nullable().optional(),
  region_id: z.string().nullable().optional(),
  url: z.string(),
})

export const catalogEntrySchema = z.object({
  id: z.string(),
  type: z.string(),
  name: z.string().optional(),
  endpoints: z.array(endpointSchema),
})
export type CatalogEntry = z.infer<typeof catalogEntrySchema>
export const catalogSchema = z.array(catalogEntrySchema)
export type Catalog = z.infer<typeof catalogSchema>

const namedRef = z.object({ id: z.string(), name: z.string() })

export const tokenSchema = z.object({
  token: z.object({
    expires_at: z.string(),
    issued_at: z.string().optional(),
    methods: z.array(z.string()),
    user: z.object({ id: z.string(), name: z.string(), domain: namedRef }),
    project: z.object({ id: z.string(), name: z.string(), domain: namedRef }).optional(),
    roles: z.array(namedRef).optional(),
    catalog: catalogSchema.optional(),
  }),
})
export type TokenBody = z.infer<typeof tokenSchema>

export const projectSchema = z.object({
  id: z.string(),
  name: z.string(),
  domain_id: z.string(),
  enabled: z.boolean().optional(),
  description: z.string().nullable().optional(),
})
export type Project = z.infer<typeof projectSchema>
export const projectListSchema = z.object({ projects: z.array(projectSchema) })

export const catalogResponseSchema = z.object({ catalog: catalogSchema })

// ---- Error bodies ----

/** Keystone: {"error": {"code": 401, "title": "Unauthorized", "message": "..."}} */
export const keystoneErrorSchema = z.object({
  error: z.object({ code: z.number(), title: z.string().optional(), message: z.string() }),
})
/** Glance (webob): {"message": "...<br /><br />\n\n\n", "code": "403 Forbidden", "title": "Forbidden"} */
export const glanceErrorSchema = z.object({
  message: z.string(),
  code: z.union([z.string(), z.number()]).optional(),
  title: z.string().optional(),
})
