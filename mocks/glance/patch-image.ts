import type { Image } from '~/api/schemas'
import { visibilities } from '~/api/schemas'
import { decideModifyImage, decideSetVisibility } from '~/api/glance-policy'
import { isAdmin } from '~/api/caller'
import { glanceMessages } from '~/api/glance-messages'
import { glanceTime } from '~mocks/db'
import { baseAttributes, pyRepr, readOnly, reserved, schemaProblem } from '~mocks/glance/schema'
import type { Call } from '~mocks/glance/route'
import { fail, findImage, memberContext } from '~mocks/glance/route'
import { json } from '~mocks/respond'

/** PATCH /v2/images/{id} (§8): a JSON-patch body, applied all or nothing after the policy. */

const PATCH_TYPES = [
  'application/openstack-images-v2.0-json-patch',
  'application/openstack-images-v2.1-json-patch',
]

type PatchOp = { op: 'add' | 'remove' | 'replace'; attribute: string; value: unknown }

/** Parse a json-patch body into single-attribute operations, or the 400/403 Glance gives. */
function parsePatch(call: Call): PatchOp[] | Response {
  const body = call.body
  if (body.kind === 'empty') return fail(call, 400, 'Body expected in request.')
  if (body.kind === 'malformed') return fail(call, 400, 'Malformed JSON in request body.')
  if (!Array.isArray(body.value))
    return fail(call, 400, 'Request body must be a JSON array of operation objects.')
  const ops: PatchOp[] = []
  for (const raw of body.value as unknown[]) {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      return fail(call, 400, 'Operations must be JSON objects.')
    const entry = new Map<string, unknown>(Object.entries(raw))
    const op = entry.get('op')
    if (op === undefined) return fail(call, 400, "Unable to find 'op' in JSON Schema change")
    if (op !== 'add' && op !== 'remove' && op !== 'replace')
      return fail(
        call,
        400,
        `Invalid operation: \`${typeof op === 'string' ? op : pyRepr(op)}\`. It must be one of the following: add, remove, replace.`,
      )
    const path = entry.get('path')
    if (path === undefined) return fail(call, 400, "Unable to find 'path' in JSON Schema change")
    if (typeof path !== 'string' || !/^\/[^/]+$/.test(path))
      return fail(call, 400, `Invalid JSON pointer for this resource: ${pyRepr(path)}`)
    const attribute = path.slice(1).replace(/~1/g, '/').replace(/~0/g, '~')
    if (op !== 'remove' && !entry.has('value'))
      return fail(call, 400, "Unable to find 'value' in JSON Schema change")
    if (readOnly.has(attribute)) return fail(call, 403, `Attribute '${attribute}' is read-only.`)
    if (reserved.has(attribute)) return fail(call, 403, `Attribute '${attribute}' is reserved.`)
    const value = entry.get('value')
    if (op !== 'remove') {
      const problem = schemaProblem(attribute, value)
      if (problem !== null)
        return fail(call, 400, `Provided object does not match schema 'image': ${problem}`)
    }
    ops.push({ op, attribute, value })
  }
  return ops
}

export function patchImage(call: Call): Response {
  const contentType = (call.request.headers.get('Content-Type') ?? '').split(';')[0]?.trim() ?? ''
  if (!PATCH_TYPES.includes(contentType.toLowerCase()))
    return fail(
      call,
      415,
      `The request media type ${contentType} is not supported by this server.`,
      { 'Accept-Patch': PATCH_TYPES.join(', ') },
    )
  const ops = parsePatch(call)
  if (ops instanceof Response) return ops

  const id = call.params.imageId ?? ''
  const stored = findImage(call.world, id)
  if (stored === undefined) return fail(call, 404, glanceMessages.noImageWithId(id))
  const ctx = memberContext(call, stored)
  const may = decideModifyImage(ctx)
  if (!may.ok) return fail(call, may.status, may.message)

  // All or nothing: Glance saves the image once, after every change applied.
  const image: Image = structuredClone(stored)
  for (const { op, attribute, value } of ops) {
    if (attribute === 'visibility' && op !== 'remove') {
      const target = visibilities.find((v) => v === value)
      if (target === undefined) return fail(call, 400, 'Invalid visibility')
      const decision = decideSetVisibility(ctx, target)
      if (!decision.ok) return fail(call, decision.status, decision.message)
      image.visibility = target
      continue
    }
    if (attribute === 'owner' && !isAdmin(call.caller))
      return fail(call, 403, "Owner can't be updated by non admin.")
    const base = baseAttributes.has(attribute)
    if (op === 'remove') {
      if (base) return fail(call, 403, `Unable to remove property '${attribute}'.`)
      if (!(attribute in image)) return fail(call, 409, `Property ${attribute} does not exist.`)
      Reflect.deleteProperty(image, attribute)
      continue
    }
    if (op === 'replace' && !base && !(attribute in image))
      return fail(call, 409, `Property ${attribute} does not exist.`)
    image[attribute] = value
  }
  image.updated_at = glanceTime()
  const index = call.world.images.findIndex((i) => i.id === id)
  call.world.images[index] = image
  // Member rows are untouched: they count again once the image is shared again (§8).
  return json(image)
}
