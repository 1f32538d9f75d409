import * as v from 'valibot'
import { publicEndpointUrl, publicRegions } from './catalog'
import { absoluteUrl, ApiError, request } from './http'
import {
  catalogResponseSchema,
  projectListSchema,
  projectSchema,
  tokenSchema,
  type Catalog,
  type TokenBody,
} from './schemas'

export type IssuedToken = { token: string; body: TokenBody['token'] }

export type PasswordCredentials = {
  username: string
  password: string
  domain: string
  /** Project name in the user's domain; omitted for an unscoped token. */
  project?: string | undefined
}

function tokenFromResponse(headers: Headers, body: TokenBody): IssuedToken {
  const token = headers.get('X-Subject-Token')
  if (!token) {
    // Keystone sends it as a header; behind a proxy or CORS setup that does not expose it, it is lost.
    throw new ApiError({
      status: 0,
      kind: 'schema',
      message:
        'Keystone issued a token but the X-Subject-Token header was not readable. If the panel talks to Keystone directly, Keystone must expose that header by CORS.',
    })
  }
  return { token, body: body.token }
}

/** POST /v3/auth/tokens with the password method. */
export async function passwordAuth(authUrl: string, c: PasswordCredentials): Promise<IssuedToken> {
  const scope = c.project
    ? { project: { name: c.project, domain: { name: c.domain } } }
    : ('unscoped' as const)
  const { data, headers } = await request(`${authUrl}/auth/tokens`, {
    method: 'POST',
    schema: tokenSchema,
    body: {
      auth: {
        identity: {
          methods: ['password'],
          password: {
            user: { name: c.username, domain: { name: c.domain }, password: c.password },
          },
        },
        scope,
      },
    },
  })
  return tokenFromResponse(headers, data)
}

/** Exchanges a token for one scoped to another project (the project switcher). */
export async function rescopeToken(
  authUrl: string,
  token: string,
  projectId: string,
): Promise<IssuedToken> {
  const { data, headers } = await request(`${authUrl}/auth/tokens`, {
    method: 'POST',
    schema: tokenSchema,
    body: {
      auth: {
        identity: { methods: ['token'], token: { id: token } },
        scope: { project: { id: projectId } },
      },
    },
  })
  return tokenFromResponse(headers, data)
}

/**
 * Revokes the token. Fails with an ApiError when the cloud did not confirm it (network, 5xx); a
 * token Keystone no longer knows (401, 404) is as good as revoked.
 */
export async function revokeToken(authUrl: string, token: string) {
  // DELETE /v3/auth/tokens takes the token to revoke as X-Subject-Token; a plain fetch keeps the
  // 401 of an already dead token from ending the session of whoever holds it now.
  let response: Response
  try {
    response = await fetch(absoluteUrl(`${authUrl}/auth/tokens`), {
      method: 'DELETE',
      headers: { 'X-Auth-Token': token, 'X-Subject-Token': token, Accept: 'application/json' },
      signal: AbortSignal.timeout(10_000),
    })
  } catch {
    throw new ApiError({ status: 0, kind: 'network', message: 'Keystone could not be reached.' })
  }
  if (!response.ok && response.status !== 401 && response.status !== 404) {
    throw new ApiError({
      status: response.status,
      message: `Keystone answered ${response.status}.`,
    })
  }
}

/**
 * Keystone's v3 base and who asks: a token (the contract suite, scripts), or the page's session
 * through the panel's proxy (`identityTarget` in scope.ts).
 */
export type IdentityTarget = { baseUrl: string; token?: string; session?: string }

const identity = (at: string | IdentityTarget, token?: string): IdentityTarget =>
  typeof at === 'string' ? { baseUrl: at, ...(token === undefined ? {} : { token }) } : at

export async function listMyProjects(at: string | IdentityTarget, token?: string) {
  const t = identity(at, token)
  const { data } = await request(`${t.baseUrl}/auth/projects`, {
    token: t.token,
    session: t.session,
    schema: projectListSchema,
  })
  return data.projects
}

export async function getCatalog(authUrl: string, token: string): Promise<Catalog> {
  const { data } = await request(`${authUrl}/auth/catalog`, {
    token,
    schema: catalogResponseSchema,
  })
  return data.catalog
}

/** A project by ID; Keystone lets only admins and the project's own members read it. */
export async function getProject(t: IdentityTarget, projectId: string) {
  const { data } = await request(`${t.baseUrl}/projects/${encodeURIComponent(projectId)}`, {
    token: t.token,
    session: t.session,
    schema: v.object({ project: projectSchema }),
  })
  return data.project
}

/** The regions that have a public image endpoint, in catalog order. */
export const imageRegions = (catalog: Catalog): string[] => publicRegions(catalog, 'image')

/** The region's public image endpoint, without a trailing slash (paths are appended to it). */
export const imageEndpointUrl = (catalog: Catalog, region: string): string | undefined =>
  publicEndpointUrl(catalog, 'image', region)?.replace(/\/+$/, '')
