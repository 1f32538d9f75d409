import { compareImagesBy } from '~/api/image-order'
import type { Image, MemberStatus } from '~/api/schemas'
import { visibilities } from '~/api/schemas'
import { GLANCE_LIMIT_DEFAULT, GLANCE_LIMIT_MAX } from '~/api/glance-limits'
import { canSeeImage, isMemberStatus } from '~/api/glance-policy'
import { glanceMessages } from '~/api/glance-messages'
import type { ListFilters } from '~mocks/glance/policy'
import { visibleInList } from '~mocks/glance/policy'
import type { Call } from '~mocks/glance/route'
import { fail, findImage } from '~mocks/glance/route'
import { json } from '~mocks/respond'

/** GET /v2/images (§7): its filters, sort keys, markers and links, as Glance parses them. */

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

export function listImages(call: Call): Response {
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
  // The caller's live member rows, found once: a list reads every image (thousands at scale).
  const mine = new Map<string, { status: MemberStatus }>()
  for (const m of world.members) {
    if (m.memberId === caller.projectId && !m.deleted && !mine.has(m.imageId))
      mine.set(m.imageId, { status: m.status })
  }
  const membershipOf = (image: Image) => mine.get(image.id)

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
