import { readFileSync } from 'node:fs'
import { cloudFile } from '../../scripts/cloud/state.ts'
import { createImage, deleteImage, listImages } from '~/api/glance'
import { imageEndpointUrl, passwordAuth } from '~/api/keystone'
import type { Image } from '~/api/schemas'
import { passwords } from '../fixtures'

/**
 * The real cloud's world for a test: fixtures made through the panel's own client, as a user of
 * the cloud would make them, and removed afterwards.
 */
export const { authUrl } = JSON.parse(readFileSync(cloudFile(), 'utf8')) as { authUrl: string }

export const runId = `e2e-${Date.now().toString(36)}`

export async function glanceAs(user: string, project: string, region: string) {
  const { token, body } = await passwordAuth(authUrl, {
    username: user,
    password: passwords[user] ?? '',
    domain: 'Default',
    project,
  })
  const baseUrl = imageEndpointUrl(body.catalog ?? [], region)
  if (!baseUrl) throw new Error(`no image endpoint in ${region}`)
  return { baseUrl, token, projectId: body.project?.id ?? '' }
}

const made: { user: string; project: string; region: string; id: string }[] = []

export async function imageOf(
  user: string,
  project: string,
  region: string,
  fields: { name: string; visibility?: Image['visibility'] },
) {
  const glance = await glanceAs(user, project, region)
  const image = await createImage(glance, {
    disk_format: 'qcow2',
    container_format: 'bare',
    ...fields,
  })
  made.push({ user, project, region, id: image.id })
  return image
}

/**
 * Gives a fixture image a few bytes of data (it becomes active), then has the admin deactivate
 * it (Image API 2.3): what an operator does to an image found faulty.
 */
export async function uploadAndDeactivate(
  owner: { user: string; project: string },
  region: string,
  id: string,
) {
  const glance = await glanceAs(owner.user, owner.project, region)
  const upload = await fetch(`${glance.baseUrl}/v2/images/${id}/file`, {
    method: 'PUT',
    headers: { 'X-Auth-Token': glance.token, 'Content-Type': 'application/octet-stream' },
    body: new Uint8Array(512),
  })
  if (upload.status !== 204) throw new Error(`upload of ${id}: ${String(upload.status)}`)
  const admin = await glanceAs('admin', 'admin', region)
  const deactivate = await fetch(`${admin.baseUrl}/v2/images/${id}/actions/deactivate`, {
    method: 'POST',
    headers: { 'X-Auth-Token': admin.token },
  })
  if (deactivate.status !== 204) throw new Error(`deactivate ${id}: ${String(deactivate.status)}`)
}

export async function cleanUp() {
  for (const m of made.splice(0)) {
    const glance = await glanceAs(m.user, m.project, m.region)
    await deleteImage(glance, m.id).catch(() => undefined)
  }
}

/**
 * What Glance holds as waiting for the answer of `user`'s project in a region: every pending share
 * from another project, read page by page the way the panel reads it. Tests compare the panel's
 * counts with it, so shares left by other runs on the same cloud don't break them.
 */
export async function pendingSharesOf(user: string, project: string, region: string) {
  const glance = await glanceAs(user, project, region)
  const images: Image[] = []
  let marker: string | undefined
  do {
    const page = await listImages(glance, {
      visibility: 'shared',
      member_status: 'pending',
      limit: 100,
      marker,
    })
    images.push(...page.images.filter((i) => i.owner !== glance.projectId))
    marker = page.nextMarker
  } while (marker !== undefined)
  return images
}

let adminToken: Promise<string> | undefined

/**
 * What Keystone itself says of a token, asked straight (not through the panel): `validate` is the
 * status of the admin's `GET /auth/tokens` for it (200 alive, 404 revoked or unknown), `catalog`
 * that of `GET /auth/catalog` made with it (200 alive, 401 dead).
 */
export async function keystoneSees(token: string) {
  adminToken ??= passwordAuth(authUrl, {
    username: 'admin',
    password: passwords.admin ?? '',
    domain: 'Default',
    project: 'admin',
  }).then((issued) => issued.token)
  const validate = await fetch(`${authUrl}/auth/tokens`, {
    headers: { 'X-Auth-Token': await adminToken, 'X-Subject-Token': token },
  })
  const catalog = await fetch(`${authUrl}/auth/catalog`, { headers: { 'X-Auth-Token': token } })
  await Promise.all([validate.arrayBuffer(), catalog.arrayBuffer()])
  return { validate: validate.status, catalog: catalog.status }
}
