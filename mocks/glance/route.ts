import { http } from 'msw'
import type { Image } from '~/api/schemas'
import type { MemberContext, PolicyMode } from '~/api/glance-policy'
import type { Caller } from '~/api/caller'
import { glanceMessages } from '~/api/glance-messages'
import type { DbState, RegionWorld } from '~mocks/db'
import { read, transact } from '~mocks/db'
import { resolveToken } from '~mocks/keystone'
import type { BodyRead } from '~mocks/respond'
import { takeFault } from '~mocks/faults'
import { DEMO_PATH, readJson, simulateLatency, webobError, webobExplanations } from '~mocks/respond'

/**
 * Glance v2, one per region, following the sharing contract (§1–§10): how a call reaches its
 * handler (latency, planned faults, the token, the region) and what every handler looks up.
 */

const BASE = `${DEMO_PATH}/image/:region/v2`

export type Call = {
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

const stringParams = (params: Record<string, string | readonly string[] | undefined>) =>
  Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? v : (v?.join('/') ?? '')]),
  )

/** A Glance route: latency, faults, the token (401), the region, then the handler in one transaction. */
export function route(
  method: Method,
  path: string,
  action: string,
  handle: (call: Call) => Response,
) {
  return http[method](`${BASE}${path}`, async ({ request, params }) => {
    await simulateLatency()
    const fault = await takeFault(request, 'image')
    if (fault !== null) return fault
    const body = await readJson(request)
    // Glance's GETs change nothing: the world is not written back after them.
    return (method === 'get' ? read : transact)((db) => {
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

export const fail = (
  call: Call,
  status: number,
  message: string,
  headers?: Record<string, string>,
) => webobError(call.request, status, message, headers)

export const findImage = (world: RegionWorld, id: string) =>
  world.images.find((i) => i.id === id && i.status !== 'deleted')

export const liveRow = (world: RegionWorld, imageId: string, memberId: string) =>
  world.members.find((m) => m.imageId === imageId && m.memberId === memberId && !m.deleted)

export function memberContext(call: Call, image: Image): MemberContext {
  const own = liveRow(call.world, image.id, call.caller.projectId)
  return {
    image,
    caller: call.caller,
    mode: call.mode,
    membership: own === undefined ? undefined : { status: own.status },
  }
}

export const rowsOf = (call: Call, imageId: string) =>
  call.world.members.filter((m) => m.imageId === imageId)

/** JSON body checks shared by POST and PUT (glance/common/wsgi.py::JSONRequestDeserializer). */
export function objectBody(call: Call, arrayMessage: string): Map<string, unknown> | Response {
  const body = call.body
  if (body.kind === 'empty') return fail(call, 400, 'Body expected in request.')
  if (body.kind === 'malformed') return fail(call, 400, 'Malformed JSON in request body.')
  if (Array.isArray(body.value)) return fail(call, 400, arrayMessage)
  if (typeof body.value !== 'object' || body.value === null)
    return fail(call, 400, 'Unexpected body type. Expected list/dict.')
  return new Map<string, unknown>(Object.entries(body.value))
}
