import { http, HttpResponse } from 'msw'
import { UUID_PATTERN } from '~/api/ids'
import { compareImagesBy } from '~/api/image-order'
import type { Image } from '~/api/schemas'
import { visibilities } from '~/api/schemas'
import type { Caller, ListFilters, MemberContext, PolicyMode } from '~/api/rules'
import {
  GLANCE_LIMIT_DEFAULT,
  GLANCE_LIMIT_MAX,
  decideAddMember,
  decideCreateImage,
  decideDeleteImage,
  decideListMembers,
  decideModifyImage,
  decideRemoveMember,
  decideSetMemberStatus,
  decideSetVisibility,
  decideShowMember,
  canSeeImage,
  glanceMessages,
  isAdmin,
  isMemberStatus,
  membersListedFor,
  visibleInList,
} from '~/api/rules'
import type { DbState, RegionWorld, StoredMember } from '~mocks/db'
import { glanceTime, transact } from '~mocks/db'
import { resolveToken } from '~mocks/keystone'
import type { BodyRead } from '~mocks/respond'
import {
  DEMO_PATH,
  json,
  noContent,
  readJson,
  reasonPhrase,
  simulateLatency,
  webobError,
  webobExplanations,
} from '~mocks/respond'

/** Glance v2, one per region, following the sharing contract (§1–§10). */

const BASE = `${DEMO_PATH}/image/:region/v2`

type Call = {
  request: Request
  url: URL
  db: DbState
  world: RegionWorld
  caller: Caller
  mode: PolicyMode
  body: BodyRead
  params: Record<string, string>
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete'

/** Take one fault from the plan set through _control/settings, if this request matches it. */
function takeFault(request: Request): Response | null {
  const plan = transact((db) => {
    const fault = db.settings.failNext
    if (fault === null || fault.count <= 0) return null
    if (fault.method !== undefined && fault.method.toUpperCase() !== request.method) return null
    if (fault.path !== undefined && !new URL(request.url).pathname.includes(fault.path)) return null
    db.settings.failNext = fault.count > 1 ? { ...fault, count: fault.count - 1 } : null
    return { ...fault }
  })
  if (plan === null) return null
  if (plan.status === 0) return HttpResponse.error()
  const explanation = plan.status === 503 ? webobExplanations[503] : webobExplanations[500]
  return webobError(
    request,
    plan.status,
    plan.status >= 500 ? explanation : reasonPhrase(plan.status),
  )
}

const stringParams = (params: Record<string, string | readonly string[] | undefined>) =>
  Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? v : (v?.join('/') ?? '')]),
  )

/** A Glance route: latency, faults, the token (401), the region, then the handler in one transaction. */
function route(method: Method, path: string, action: string, handle: (call: Call) => Response) {
  return http[method](`${BASE}${path}`, async ({ request, params }) => {
    await simulateLatency()
    const fault = takeFault(request)
    if (fault !== null) return fault
    const body = await readJson(request)
    return transact((db) => {
      const p = stringParams(params)
      const ctx = resolveToken(db, request.headers.get('X-Auth-Token'))
      if (ctx === null)
        return webobError(request, 401, webobExplanations[401], {
          'WWW-Authenticate': 'Keystone uri="/demo-cloud/identity"',
        })
      const world = db.glance[p.region ?? '']
      if (world === undefined) return webobError(request, 404, webobExplanations[404])
      // Every Glance policy is project-scoped; an unscoped token passes no rule.
      if (ctx.project === null)
        return webobError(request, 403, glanceMessages.notAuthorized(action))
      const caller: Caller = { projectId: ctx.project.id, roles: ctx.roles }
      const call: Call = {
        request,
        url: new URL(request.url),
        db,
        world,
        caller,
        mode: db.settings.policyMode,
        body,
        params: p,
      }
      return handle(call)
    })
  })
}

const fail = (call: Call, status: number, message: string, headers?: Record<string, string>) =>
  webobError(call.request, status, message, headers)

const findImage = (world: RegionWorld, id: string) =>
  world.images.find((i) => i.id === id && i.status !== 'deleted')

const liveRow = (world: RegionWorld, imageId: string, memberId: string) =>
  world.members.find((m) => m.imageId === imageId && m.memberId === memberId && !m.deleted)

function memberContext(call: Call, image: Image): MemberContext {
  const own = liveRow(call.world, image.id, call.caller.projectId)
  return {
    image,
    caller: call.caller,
    mode: call.mode,
    membership: own === undefined ? undefined : { status: own.status },
  }
}

const memberBody = (m: StoredMember) => ({
  created_at: m.createdAt,
  image_id: m.imageId,
  member_id: m.memberId,
  schema: '/v2/schemas/member',
  status: m.status,
  updated_at: m.updatedAt,
})

// ---- GET /v2/images ----

const sortKeys = [
  'name',
  'status',
  'container_format',
  'disk_format',
  'size',
  'id',
  'created_at',
  'updated_at',
] as const

/** Parameters that are not extra-property filters. */
const knownParams = new Set([
  'limit',
  'marker',
  'sort',
  'sort_key',
  'sort_dir',
  'visibility',
  'member_status',
  'os_hidden',
  'protected',
  'tag',
  'size_min',
  'size_max',
  'created_at',
  'updated_at',
  'owner',
  'name',
  'status',
  'container_format',
  'disk_format',
  'id',
])

const trueStrings = ['1', 't', 'true', 'on', 'y', 'yes']
const falseStrings = ['0', 'f', 'false', 'off', 'n', 'no']

/** oslo strutils.bool_from_string(strict=True) */
function strictBool(value: string): boolean | null {
  const v = value.trim().toLowerCase()
  if (trueStrings.includes(v)) return true
  if (falseStrings.includes(v)) return false
  return null
}

/** `in:a,"b,c"` → ['a', 'b,c']; anything else is one exact value. */
function exactValues(value: string): string[] {
  if (!value.startsWith('in:')) return [value]
  const out: string[] = []
  const re = /"([^"]*)"|([^,]+)/g
  for (const m of value.slice(3).matchAll(re)) out.push(m[1] ?? m[2] ?? '')
  return out
}

type SortSpec = { key: (typeof sortKeys)[number]; dir: 'asc' | 'desc' }

const isSortKey = (k: string): k is SortSpec['key'] => (sortKeys as readonly string[]).includes(k)

function parseSort(call: Call): SortSpec[] | Response {
  const q = call.url.searchParams
  const keys: string[] = []
  const dirs: string[] = []
  const sort = q.get('sort')
  if (sort !== null) {
    if (q.has('sort_key') || q.has('sort_dir'))
      return fail(call, 400, 'Old and new sorting syntax cannot be combined')
    for (const part of sort.trim().split(',')) {
      const [key = '', dir = 'desc'] = part.split(':')
      keys.push(key.trim())
      dirs.push(dir.trim() === '' ? 'desc' : dir.trim())
    }
  } else {
    keys.push(...q.getAll('sort_key').map((k) => k.trim()))
    dirs.push(...q.getAll('sort_dir').map((d) => d.trim()))
  }
  for (const key of keys) {
    if (!isSortKey(key))
      return fail(
        call,
        400,
        `Invalid sort key: ${key}. It must be one of the following: ${sortKeys.join(', ')}.`,
      )
  }
  for (const dir of dirs) {
    if (dir !== 'asc' && dir !== 'desc') return fail(call, 400, `Invalid sort direction: ${dir}`)
  }
  if (sort === null && dirs.length > 1 && dirs.length !== keys.length)
    return fail(call, 400, 'Number of sort dirs does not match the number of sort keys')
  if (keys.length === 0) keys.push('created_at')
  // One direction applies to every key and to the created_at/id tie-breakers (sqlalchemy/api.py).
  const fallback = dirs.length === 1 ? (dirs[0] ?? 'desc') : 'desc'
  const specs: SortSpec[] = keys.filter(isSortKey).map((key, i) => ({
    key,
    dir: (dirs.length === 1 ? fallback : (dirs[i] ?? 'desc')) === 'asc' ? 'asc' : 'desc',
  }))
  for (const key of ['created_at', 'id'] as const) {
    if (!specs.some((s) => s.key === key))
      specs.push({ key, dir: fallback === 'asc' ? 'asc' : 'desc' })
  }
  return specs
}

/** Python's urlencode(dict(params)): the last value of a repeated key wins, spaces become '+'. */
function pyUrlencode(entries: [string, string][]): string {
  const quote = (s: string) =>
    encodeURIComponent(s)
      .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
      .replace(/%20/g, '+')
  return entries.map(([k, v]) => `${quote(k)}=${quote(v)}`).join('&')
}

const timeOps = ['gt', 'gte', 'eq', 'neq', 'lt', 'lte'] as const

function timeFilter(value: string): ((t: string) => boolean) | null {
  const [op, ...rest] = value.split(':')
  const when = Date.parse(rest.join(':'))
  if (!timeOps.some((o) => o === op) || Number.isNaN(when)) return null
  return (t: string) => {
    const x = Date.parse(t)
    if (op === 'gt') return x > when
    if (op === 'gte') return x >= when
    if (op === 'eq') return x === when
    if (op === 'neq') return x !== when
    if (op === 'lt') return x < when
    return x <= when
  }
}

function listImages(call: Call): Response {
  const q = call.url.searchParams
  let limit = GLANCE_LIMIT_DEFAULT
  const limitRaw = q.get('limit')
  if (limitRaw !== null) {
    if (!/^\s*[+-]?\d+\s*$/.test(limitRaw)) return fail(call, 400, 'limit param must be an integer')
    const n = Number.parseInt(limitRaw, 10)
    if (n < 0) return fail(call, 400, 'limit param must be positive')
    limit = Math.min(n, GLANCE_LIMIT_MAX)
  }
  const specs = parseSort(call)
  if (specs instanceof Response) return specs

  if (q.has('changes-since'))
    return fail(call, 400, 'The "changes-since" filter is no longer available on v2.')
  const filters: ListFilters = {}
  const visibility = q.get('visibility')
  if (visibility !== null) {
    if (visibility !== 'all' && !visibilities.some((v) => v === visibility))
      return fail(call, 400, `Invalid visibility value: ${visibility}`)
    filters.visibility = visibility === 'all' ? 'all' : visibilities.find((v) => v === visibility)
  }
  const memberStatus = q.get('member_status')
  if (memberStatus !== null) {
    if (memberStatus === 'all') filters.memberStatus = 'all'
    else if (isMemberStatus(memberStatus)) filters.memberStatus = memberStatus
    else return fail(call, 400, `Invalid status: ${memberStatus}`)
  }
  for (const name of ['os_hidden', 'protected'] as const) {
    const raw = q.get(name)
    if (raw === null) continue
    const parsed = strictBool(raw)
    if (parsed === null)
      return fail(
        call,
        400,
        `Invalid value '${raw}' for '${name}' filter. Valid values are 'true' or 'false'.`,
      )
    if (name === 'os_hidden') filters.osHidden = parsed
  }
  const protectedFilter = q.get('protected') === null ? null : strictBool(q.get('protected') ?? '')
  const sizeBounds: { min?: number; max?: number } = {}
  for (const [name, slot] of [
    ['size_min', 'min'],
    ['size_max', 'max'],
  ] as const) {
    const raw = q.get(name)
    if (raw === null) continue
    if (!/^\d+$/.test(raw.trim())) return fail(call, 400, `Invalid ${name} value: ${raw}`)
    sizeBounds[slot] = Number(raw)
  }
  const timeFilters: { key: 'created_at' | 'updated_at'; test: (t: string) => boolean }[] = []
  for (const key of ['created_at', 'updated_at'] as const) {
    const raw = q.get(key)
    if (raw === null) continue
    const test = timeFilter(raw)
    if (test === null) return fail(call, 400, `Invalid ${key} filter: ${raw}`)
    timeFilters.push({ key, test })
  }

  const { world, caller } = call
  const membershipOf = (image: Image) => {
    const row = liveRow(world, image.id, caller.projectId)
    return row === undefined ? undefined : { status: row.status }
  }

  const marker = q.get('marker')
  let markerImage: Image | undefined
  if (marker !== null) {
    markerImage = findImage(world, marker)
    if (markerImage === undefined) return fail(call, 400, glanceMessages.noImageWithId(marker))
    if (!canSeeImage(markerImage, caller, membershipOf(markerImage)))
      return fail(call, 403, `Forbidding request, image ${marker} not visible`)
  }

  const owner = q.get('owner')
  const exact = (['name', 'status', 'container_format', 'disk_format', 'id'] as const).flatMap(
    (key) => {
      const raw = q.get(key)
      return raw === null ? [] : [{ key, values: key === 'name' ? [raw] : exactValues(raw) }]
    },
  )
  const tags = q.getAll('tag')
  const extras = [...new Set(q.keys())].filter((k) => !knownParams.has(k))

  const cmp = compareImagesBy(specs)
  const matching = world.images
    .filter((image) => visibleInList(image, caller, membershipOf(image), filters))
    .filter((image) => owner === null || image.owner === owner)
    .filter((image) => exact.every(({ key, values }) => values.includes(String(image[key]))))
    .filter((image) => tags.every((t) => (image.tags ?? []).includes(t)))
    .filter((image) => protectedFilter === null || image.protected === protectedFilter)
    .filter((image) => sizeBounds.min === undefined || (image.size ?? -1) >= sizeBounds.min)
    .filter(
      (image) =>
        sizeBounds.max === undefined ||
        (image.size !== null && (image.size ?? 0) <= sizeBounds.max),
    )
    .filter((image) => timeFilters.every(({ key, test }) => test(image[key])))
    .filter((image) => extras.every((k) => image[k] === q.get(k)))
    .sort(cmp)

  const after =
    markerImage === undefined
      ? matching
      : matching.filter((image) => markerImage !== undefined && cmp(image, markerImage) > 0)
  const page = after.slice(0, limit)

  // The links are built from dict(request.params): one value per key, the last one.
  const params = new Map<string, string>()
  for (const [k, v] of q.entries()) params.set(k, v)
  params.delete('marker')
  const firstQuery = pyUrlencode([...params.entries()])
  const body: Record<string, unknown> = {
    images: page,
    first: firstQuery === '' ? '/v2/images' : `/v2/images?${firstQuery}`,
    schema: '/v2/schemas/images',
  }
  const last = page.at(-1)
  // Glance cannot know whether more rows exist: a full page always gets a next link.
  if (last !== undefined && page.length === limit) {
    params.set('marker', last.id)
    body.next = `/v2/images?${pyUrlencode([...params.entries()])}`
  }
  return json(body)
}

// ---- GET/PATCH /v2/images/{id} ----

function showImage(call: Call): Response {
  const id = call.params.imageId ?? ''
  const image = findImage(call.world, id)
  if (
    image === undefined ||
    !canSeeImage(image, call.caller, memberContext(call, image).membership)
  )
    return fail(call, 404, glanceMessages.noImageWithId(id))
  return json(image)
}

const PATCH_TYPES = [
  'application/openstack-images-v2.0-json-patch',
  'application/openstack-images-v2.1-json-patch',
]

const readOnly = new Set([
  'id',
  'status',
  'size',
  'virtual_size',
  'checksum',
  'os_hash_algo',
  'os_hash_value',
  'created_at',
  'updated_at',
  'self',
  'file',
  'schema',
  'direct_url',
])
const reserved = new Set(['location', 'deleted', 'deleted_at'])
const baseAttributes = new Set([
  'name',
  'visibility',
  'owner',
  'min_disk',
  'min_ram',
  'protected',
  'os_hidden',
  'tags',
  'disk_format',
  'container_format',
  'locations',
])
const diskFormats = [
  'ami',
  'ari',
  'aki',
  'vhd',
  'vhdx',
  'vmdk',
  'raw',
  'qcow2',
  'vdi',
  'iso',
  'ploop',
]
const containerFormats = ['ami', 'ari', 'aki', 'bare', 'ovf', 'ova', 'docker', 'compressed']

/** How Python's jsonschema prints a value in its messages. */
function pyRepr(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`
  if (value === null) return 'None'
  if (value === true) return 'True'
  if (value === false) return 'False'
  return JSON.stringify(value)
}
const pyList = (items: readonly string[]) => `[${items.map((i) => `'${i}'`).join(', ')}]`

/** The image schema's rule for one attribute: null when valid, else jsonschema's reason. */
function schemaProblem(attribute: string, value: unknown): string | null {
  const notType = (t: string) => `${pyRepr(value)} is not of type ${t}`
  const oneOf = (items: readonly string[]) =>
    items.includes(String(value)) && typeof value === 'string'
      ? null
      : `${pyRepr(value)} is not one of ${pyList(items)}`
  switch (attribute) {
    case 'id':
      return typeof value === 'string' && UUID_PATTERN.test(value)
        ? null
        : typeof value === 'string'
          ? `${pyRepr(value)} does not match '${UUID_PATTERN.source}'`
          : notType("'string'")
    case 'name':
    case 'owner':
      if (value !== null && typeof value !== 'string') return notType("'null', 'string'")
      if (typeof value === 'string' && value.length > 255) return `${pyRepr(value)} is too long`
      return null
    case 'visibility':
      return oneOf(['community', 'public', 'private', 'shared'])
    case 'disk_format':
      return value === null ? null : oneOf([...diskFormats])
    case 'container_format':
      return value === null ? null : oneOf([...containerFormats])
    case 'min_disk':
    case 'min_ram':
      if (typeof value !== 'number' || !Number.isInteger(value)) return notType("'integer'")
      return value < 0 ? `${value} is less than the minimum of 0` : null
    case 'protected':
    case 'os_hidden':
      return typeof value === 'boolean' ? null : notType("'boolean'")
    case 'tags':
      if (!Array.isArray(value)) return notType("'array'")
      for (const tag of value as unknown[]) {
        if (typeof tag !== 'string') return `${pyRepr(tag)} is not of type 'string'`
      }
      return null
    default:
      return typeof value === 'string' ? null : notType("'string'")
  }
}

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

function patchImage(call: Call): Response {
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

// ---- POST /v2/images, DELETE /v2/images/{id} ----

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

function createImage(call: Call): Response {
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

function deleteImage(call: Call): Response {
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

// ---- members ----

function withImage(call: Call, fn: (image: Image, ctx: MemberContext) => Response): Response {
  const id = call.params.imageId ?? ''
  const image = findImage(call.world, id)
  if (image === undefined) return fail(call, 404, glanceMessages.imageNotFound(id))
  return fn(image, memberContext(call, image))
}

const bodyRejected = (call: Call) =>
  call.body.kind !== 'empty' ? fail(call, 400, 'A body is not expected with this request.') : null

const rowsOf = (call: Call, imageId: string) =>
  call.world.members.filter((m) => m.imageId === imageId)

function listMembers(call: Call): Response {
  const rejected = bodyRejected(call)
  if (rejected !== null) return rejected
  return withImage(call, (image, ctx) => {
    const decision = decideListMembers(ctx)
    if (!decision.ok) return fail(call, decision.status, decision.message)
    const rows = membersListedFor(ctx, rowsOf(call, image.id))
    return json({ members: rows.map(memberBody), schema: '/v2/schemas/members' })
  })
}

/** JSON body checks shared by POST and PUT (glance/common/wsgi.py::JSONRequestDeserializer). */
function objectBody(call: Call, arrayMessage: string): Map<string, unknown> | Response {
  const body = call.body
  if (body.kind === 'empty') return fail(call, 400, 'Body expected in request.')
  if (body.kind === 'malformed') return fail(call, 400, 'Malformed JSON in request body.')
  if (Array.isArray(body.value)) return fail(call, 400, arrayMessage)
  if (typeof body.value !== 'object' || body.value === null)
    return fail(call, 400, 'Unexpected body type. Expected list/dict.')
  return new Map<string, unknown>(Object.entries(body.value))
}

function addMember(call: Call): Response {
  const body = objectBody(call, 'Expected a member in the form: {"member": "image_id"}')
  if (body instanceof Response) return body
  if (!body.has('member')) return fail(call, 400, 'Member to be added not specified')
  const raw = body.get('member')
  if (raw === '' || raw === null || raw === false || raw === 0 || raw === undefined)
    return fail(call, 400, "Member can't be empty")
  const memberId = typeof raw === 'string' ? raw : JSON.stringify(raw)
  return withImage(call, (image, ctx) => {
    const rows = rowsOf(call, image.id)
    const decision = decideAddMember(ctx, memberId, rows, call.db.settings.image_member_quota)
    if (!decision.ok) return fail(call, decision.status, decision.message)
    const now = glanceTime()
    // Re-adding a soft-deleted member reuses its row, back to pending (ImageMemberRepo.add).
    const old = rows.find((r) => r.memberId === memberId && r.deleted)
    const row: StoredMember = old ?? {
      imageId: image.id,
      memberId,
      status: 'pending',
      createdAt: now,
      updatedAt: now,
      deleted: false,
    }
    Object.assign(row, { status: 'pending', createdAt: now, updatedAt: now, deleted: false })
    if (old === undefined) call.world.members.push(row)
    return json(memberBody(row))
  })
}

function showMember(call: Call): Response {
  const memberId = call.params.memberId ?? ''
  return withImage(call, (image, ctx) => {
    const row = liveRow(call.world, image.id, memberId)
    const decision = decideShowMember(ctx, memberId, row)
    if (!decision.ok || row === undefined)
      return fail(
        call,
        404,
        decision.ok ? glanceMessages.memberNotFound(memberId, image.id) : decision.message,
      )
    return json(memberBody(row))
  })
}

function updateMember(call: Call): Response {
  const body = objectBody(call, 'Expected a status in the form: {"status": "status"}')
  if (body instanceof Response) return body
  if (!body.has('status')) return fail(call, 400, 'Status not specified')
  const status = body.get('status')
  const memberId = call.params.memberId ?? ''
  return withImage(call, (image, ctx) => {
    const row = liveRow(call.world, image.id, memberId)
    const decision = decideSetMemberStatus(ctx, memberId, row, status)
    if (!decision.ok) return fail(call, decision.status, decision.message)
    if (row === undefined || !isMemberStatus(status))
      return fail(call, 404, glanceMessages.memberNotFound(memberId, image.id))
    row.status = status
    row.updatedAt = glanceTime()
    return json(memberBody(row))
  })
}

function deleteMember(call: Call): Response {
  const rejected = bodyRejected(call)
  if (rejected !== null) return rejected
  const memberId = call.params.memberId ?? ''
  return withImage(call, (image, ctx) => {
    const row = liveRow(call.world, image.id, memberId)
    const decision = decideRemoveMember(ctx, memberId, row)
    if (!decision.ok) return fail(call, decision.status, decision.message)
    if (row === undefined) return fail(call, 404, glanceMessages.memberNotFound(memberId, image.id))
    row.deleted = true
    row.updatedAt = glanceTime()
    return noContent()
  })
}

export const glanceHandlers = [
  route('get', '/images', 'get_images', listImages),
  route('post', '/images', 'add_image', createImage),
  route('get', '/images/:imageId', 'get_image', showImage),
  route('patch', '/images/:imageId', 'modify_image', patchImage),
  route('delete', '/images/:imageId', 'delete_image', deleteImage),
  route('get', '/images/:imageId/members', 'get_members', listMembers),
  route('post', '/images/:imageId/members', 'add_member', addMember),
  route('get', '/images/:imageId/members/:memberId', 'get_member', showMember),
  route('put', '/images/:imageId/members/:memberId', 'modify_member', updateMember),
  route('delete', '/images/:imageId/members/:memberId', 'delete_member', deleteMember),
]
