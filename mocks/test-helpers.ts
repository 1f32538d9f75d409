import type { SeedProjectName, SeedUserName } from '~mocks/seed'
import { DEFAULT_DOMAIN, demoUsers, seedProjectId } from '~mocks/seed'

/** Helpers for tests that talk to the demo cloud over fetch, as the panel does. */

export const ORIGIN = 'http://localhost'
export const KEYSTONE = `${ORIGIN}/demo-cloud/identity/v3`
export const glanceUrl = (region = 'RegionOne') => `${ORIGIN}/demo-cloud/image/${region}/v2`

export function passwordOf(user: SeedUserName): string {
  const found = demoUsers.find((u) => u.name === user)
  if (found === undefined) throw new Error(`no demo user ${user}`)
  return found.password
}

/** POST /v3/auth/tokens with a password; the raw response. */
export function passwordAuth(
  user: string,
  password: string,
  scope?:
    | { project: { id: string } }
    | { project: { name: string; domain: { name: string } } }
    | 'unscoped',
) {
  return fetch(`${KEYSTONE}/auth/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({
      auth: {
        identity: {
          methods: ['password'],
          password: { user: { name: user, domain: { name: DEFAULT_DOMAIN.name }, password } },
        },
        ...(scope === undefined ? {} : { scope }),
      },
    }),
  })
}

/** The first project each demo user works in. */
const homeProject: Record<SeedUserName, SeedProjectName> = {
  alice: 'producer',
  bob: 'consumer-a',
  carol: 'consumer-b',
  rita: 'producer',
  admin: 'admin',
  dave: 'consumer-a',
}

/** A real token from the mock Keystone, scoped to `project` (default: the user's home project). */
export async function tokenFor(user: SeedUserName, project?: SeedProjectName): Promise<string> {
  const response = await passwordAuth(user, passwordOf(user), {
    project: { id: seedProjectId(project ?? homeProject[user]) },
  })
  const token = response.headers.get('X-Subject-Token')
  if (response.status !== 201 || token === null)
    throw new Error(`sign-in of ${user} failed: ${response.status}`)
  return token
}

type GlanceInit = Omit<RequestInit, 'body'> & { body?: unknown; region?: string }

/** A Glance call with X-Auth-Token and Accept: application/json, like the panel sends. */
export function glance(token: string, path: string, init: GlanceInit = {}) {
  const { body, region, headers: extra, ...rest } = init
  const headers = new Headers({ Accept: 'application/json', 'X-Auth-Token': token })
  if (body !== undefined) headers.set('Content-Type', 'application/json')
  new Headers(extra).forEach((value, key) => {
    headers.set(key, value)
  })
  return fetch(`${glanceUrl(region)}${path}`, {
    ...rest,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  })
}

export const PATCH_CONTENT_TYPE = 'application/openstack-images-v2.1-json-patch'

/** PATCH the image's visibility the way the panel does. */
export function setVisibility(token: string, imageId: string, value: string, region?: string) {
  return glance(token, `/images/${imageId}`, {
    method: 'PATCH',
    region,
    headers: { 'Content-Type': PATCH_CONTENT_TYPE },
    body: [{ op: 'replace', path: '/visibility', value }],
  })
}

/** The text a panel shows from a webob JSON error. */
export async function glanceMessage(response: Response): Promise<string> {
  const body = (await response.json()) as { message: string }
  return body.message.replace(/<br\s*\/?>/g, '').trim()
}

/** The message of a Keystone error body. */
export async function keystoneMessage(response: Response): Promise<string> {
  const body = (await response.json()) as { error: { message: string } }
  return body.error.message
}

export async function control(path: string, body?: unknown) {
  const response = await fetch(`${ORIGIN}/demo-cloud/_control/${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (!response.ok) throw new Error(`control ${path} failed: ${response.status}`)
  return response
}

type ImageSummary = { id: string; name: string | null; visibility: string; owner: string | null }
type ListBody = { images: ImageSummary[]; next?: string; first?: string; schema?: string }

/** GET /v2/images?query as JSON (asserts 200). */
export async function listImages(token: string, query = '', region?: string): Promise<ListBody> {
  const response = await glance(token, `/images${query === '' ? '' : `?${query}`}`, { region })
  if (response.status !== 200) throw new Error(`list failed: ${response.status}`)
  return (await response.json()) as ListBody
}

/** Every page of a listing, following `next` until it is missing. */
export async function listAll(token: string, query = '', region?: string) {
  const pages: ListBody[] = []
  let body = await listImages(token, query, region)
  pages.push(body)
  while (body.next !== undefined) {
    const next = body.next.replace(/^\/v2\/images\??/, '')
    body = await listImages(token, next, region)
    pages.push(body)
    if (pages.length > 100) throw new Error('pagination does not end')
  }
  return pages
}
