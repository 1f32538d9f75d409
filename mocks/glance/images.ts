import type { Image } from '~/api/schemas'
import { visibilities } from '~/api/schemas'
import { canSeeImage } from '~/api/glance-policy'
import { glanceMessages } from '~/api/glance-messages'
import { glanceTime } from '~mocks/db'
import { baseAttributes, pyRepr, readOnly, reserved, schemaProblem } from '~mocks/glance/schema'
import { decideCreateImage, decideDeleteImage } from '~mocks/glance/policy'
import type { Call } from '~mocks/glance/route'
import { fail, findImage, memberContext, objectBody, rowsOf } from '~mocks/glance/route'
import { json, noContent } from '~mocks/respond'

/** One image: GET, POST and DELETE /v2/images[/{id}] (§9). */

export function showImage(call: Call): Response {
  const id = call.params.imageId ?? ''
  const image = findImage(call.world, id)
  if (
    image === undefined ||
    !canSeeImage(image, call.caller, memberContext(call, image).membership)
  )
    return fail(call, 404, glanceMessages.noImageWithId(id))
  return json(image)
}

/** Refused by the deserializer before the schema is checked (images.py::_check_allowed). */
const disallowedOnCreate = ['direct_url', 'self', 'file', 'schema', 'stores']
/** Refused by ImageFactory.new_image, after the policy: the rest of the read-only attributes. */
const readOnlyOnCreate = [...readOnly].filter((k) => k !== 'id' && !disallowedOnCreate.includes(k))
/** ImageFactory's reserved names that can reach it (the rest are caught earlier). */
const factoryReserved = ['locations']
/** Glance 25.1's default enabled_import_methods, announced on 201. */
const IMPORT_METHODS = 'glance-direct,web-download,copy-image'

const stringOr = <T>(value: unknown, fallback: T) => (typeof value === 'string' ? value : fallback)
const integerOr = (value: unknown, fallback: number) =>
  typeof value === 'number' && Number.isInteger(value) ? value : fallback

export function createImage(call: Call): Response {
  // Glance answers 500 to an array (list.pop in the deserializer); the mock says 400 instead.
  const body = objectBody(
    call,
    `Provided object does not match schema 'image': ${pyRepr(call.body.kind === 'json' ? call.body.value : [])} is not of type 'object'`,
  )
  if (body instanceof Response) return body
  for (const key of disallowedOnCreate) {
    if (body.has(key)) return fail(call, 403, `Attribute '${key}' is read-only.`)
  }
  for (const [key, value] of body) {
    // Read-only and reserved attributes are refused later, whatever their value.
    if (readOnlyOnCreate.includes(key) || factoryReserved.includes(key)) continue
    const problem = schemaProblem(key, value)
    if (problem !== null)
      return fail(call, 400, `Provided object does not match schema 'image': ${problem}`)
  }
  for (const key of body.keys()) {
    if (baseAttributes.has(key) || readOnly.has(key)) continue
    if (key.length > 255)
      return fail(call, 400, 'Custom property should not be greater than 255 characters.')
    // The deserializer raises HTTPForbidden(msg): webob's detail, under its default explanation.
    if (reserved.has(key) || key.startsWith('os_glance'))
      return fail(call, 403, `${glanceMessages.accessDenied}\nAttribute '${key}' is reserved.`)
  }

  const owner = body.has('owner') ? stringOr(body.get('owner'), null) : call.caller.projectId
  const visibility = visibilities.find((v) => v === body.get('visibility'))
  const decision = decideCreateImage(call.caller, call.mode, { owner, visibility })
  if (!decision.ok) return fail(call, decision.status, decision.message)
  for (const key of readOnlyOnCreate) {
    if (body.has(key)) return fail(call, 403, `Attribute '${key}' is read-only.`)
  }
  for (const key of factoryReserved) {
    if (body.has(key)) return fail(call, 403, `Attribute '${key}' is reserved.`)
  }

  const id = stringOr(body.get('id'), crypto.randomUUID())
  // Deleted rows stay in Glance's table, so their ids stay taken.
  if (call.world.images.some((i) => i.id === id))
    return fail(call, 409, glanceMessages.duplicateImage(id))
  const extras = Object.fromEntries(
    [...body].filter(([key]) => !baseAttributes.has(key) && !readOnly.has(key)),
  )
  const tags = body.get('tags')
  const now = glanceTime()
  const image: Image = {
    id,
    name: stringOr(body.get('name'), null),
    status: 'queued',
    visibility: visibility ?? 'shared',
    owner,
    size: null,
    virtual_size: null,
    disk_format: stringOr(body.get('disk_format'), null),
    container_format: stringOr(body.get('container_format'), null),
    min_disk: integerOr(body.get('min_disk'), 0),
    min_ram: integerOr(body.get('min_ram'), 0),
    protected: body.get('protected') === true,
    os_hidden: body.get('os_hidden') === true,
    checksum: null,
    os_hash_algo: null,
    os_hash_value: null,
    // Glance keeps tags as a set.
    tags: Array.isArray(tags) ? [...new Set(tags.filter((t) => typeof t === 'string'))] : [],
    created_at: now,
    updated_at: now,
    self: `/v2/images/${id}`,
    file: `/v2/images/${id}/file`,
    schema: '/v2/schemas/image',
    ...extras,
  }
  call.world.images.push(image)
  // Glance sets /v2/images/<id> and webob makes it absolute from the request; the mock keeps the
  // request's path so the link works under /demo-cloud/image/<region>.
  const location = `${call.url.origin}${call.url.pathname.replace(/\/+$/, '')}/${id}`
  return json(image, 201, {
    Location: location,
    'OpenStack-image-import-methods': IMPORT_METHODS,
  })
}

export function deleteImage(call: Call): Response {
  const id = call.params.imageId ?? ''
  const image = findImage(call.world, id)
  if (image === undefined) return fail(call, 404, glanceMessages.deleteNotFound(id))
  const decision = decideDeleteImage({ ...memberContext(call, image), image })
  if (!decision.ok) return fail(call, decision.status, decision.message)
  // Soft delete, as Glance's image_destroy: the row stays (its id stays taken), members go too.
  const now = glanceTime()
  image.status = 'deleted'
  image.updated_at = now
  for (const row of rowsOf(call, id)) {
    if (row.deleted) continue
    row.deleted = true
    row.updatedAt = now
  }
  return noContent()
}
