import { request } from './http'
import type { PropertyPatch } from './share-note'
import {
  imageListSchema,
  imageSchema,
  memberListSchema,
  memberSchema,
  type MemberStatus,
  type Visibility,
} from './schemas'

/**
 * Where one region's Glance lives and who is asking: the panel's proxy and the tab's session (the
 * page), or Glance itself and a token (the contract suite, scripts).
 */
export type GlanceTarget = { baseUrl: string; token?: string; session?: string }

const auth = (t: GlanceTarget) => ({ token: t.token, session: t.session })

export type ImageListParams = {
  limit?: number
  marker?: string | undefined
  visibility?: Visibility | 'all' | undefined
  member_status?: MemberStatus | 'all' | undefined
  owner?: string | undefined
  name?: string | undefined
  status?: string | undefined
  tag?: string | undefined
  /** true: only hidden images (contract §7); absent: only those not hidden. */
  os_hidden?: boolean | undefined
  sort_key?: string | undefined
  sort_dir?: 'asc' | 'desc' | undefined
}

function query(params: ImageListParams) {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value))
  }
  const s = search.toString()
  return s ? `?${s}` : ''
}

const imagePath = (t: GlanceTarget, id: string) =>
  `${t.baseUrl}/v2/images/${encodeURIComponent(id)}`

export async function listImages(t: GlanceTarget, params: ImageListParams, signal?: AbortSignal) {
  const { data } = await request(`${t.baseUrl}/v2/images${query(params)}`, {
    ...auth(t),
    schema: imageListSchema,
    signal,
  })
  // Glance sends `next` whenever a page is full, so the last page may be empty; the marker is the way on.
  const nextMarker = data.next
    ? (new URL(data.next, 'http://x').searchParams.get('marker') ?? undefined)
    : undefined
  return { images: data.images, nextMarker }
}

export async function getImage(t: GlanceTarget, id: string, signal?: AbortSignal) {
  const { data } = await request(imagePath(t, id), { ...auth(t), schema: imageSchema, signal })
  return data
}

export async function setImageVisibility(t: GlanceTarget, id: string, visibility: Visibility) {
  const { data } = await request(imagePath(t, id), {
    method: 'PATCH',
    ...auth(t),
    contentType: 'application/openstack-images-v2.1-json-patch',
    body: [{ op: 'replace', path: '/visibility', value: visibility }],
    schema: imageSchema,
  })
  return data
}

/** Sets or removes extra properties (a JSON-patch, Glance's v2.1 media type). */
export async function patchImageProperties(
  t: GlanceTarget,
  id: string,
  ops: readonly PropertyPatch[],
) {
  const { data } = await request(imagePath(t, id), {
    method: 'PATCH',
    ...auth(t),
    contentType: 'application/openstack-images-v2.1-json-patch',
    body: ops,
    schema: imageSchema,
  })
  return data
}

export async function listMembers(t: GlanceTarget, imageId: string, signal?: AbortSignal) {
  const { data } = await request(`${imagePath(t, imageId)}/members`, {
    ...auth(t),
    schema: memberListSchema,
    signal,
  })
  return data.members
}

export async function getMember(
  t: GlanceTarget,
  imageId: string,
  memberId: string,
  signal?: AbortSignal,
) {
  const { data } = await request(
    `${imagePath(t, imageId)}/members/${encodeURIComponent(memberId)}`,
    { ...auth(t), schema: memberSchema, signal },
  )
  return data
}

export async function addMember(t: GlanceTarget, imageId: string, memberId: string) {
  const { data } = await request(`${imagePath(t, imageId)}/members`, {
    method: 'POST',
    ...auth(t),
    body: { member: memberId },
    schema: memberSchema,
  })
  return data
}

export async function setMemberStatus(
  t: GlanceTarget,
  imageId: string,
  memberId: string,
  status: MemberStatus,
) {
  const { data } = await request(
    `${imagePath(t, imageId)}/members/${encodeURIComponent(memberId)}`,
    { method: 'PUT', ...auth(t), body: { status }, schema: memberSchema },
  )
  return data
}

export async function removeMember(t: GlanceTarget, imageId: string, memberId: string) {
  await request(`${imagePath(t, imageId)}/members/${encodeURIComponent(memberId)}`, {
    method: 'DELETE',
    ...auth(t),
  })
}

export type NewImage = {
  name: string
  visibility?: Visibility
  disk_format?: string
  container_format?: string
  tags?: string[]
  [property: string]: unknown
}

/** POST /v2/images: 201 with a queued image (no data). The panel's tests make fixtures with it. */
export async function createImage(t: GlanceTarget, image: NewImage) {
  const { data } = await request(`${t.baseUrl}/v2/images`, {
    method: 'POST',
    ...auth(t),
    body: image,
    schema: imageSchema,
  })
  return data
}

export async function deleteImage(t: GlanceTarget, id: string) {
  await request(imagePath(t, id), { method: 'DELETE', ...auth(t) })
}
