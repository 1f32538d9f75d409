import type { Image } from '~/api/schemas'
import type { MemberContext } from '~/api/glance-policy'
import { decideRemoveMember, decideSetMemberStatus, isMemberStatus } from '~/api/glance-policy'
import { glanceMessages } from '~/api/glance-messages'
import type { StoredMember } from '~mocks/db'
import { glanceTime } from '~mocks/db'
import {
  decideAddMember,
  decideListMembers,
  decideShowMember,
  membersListedFor,
} from '~mocks/glance/policy'
import type { Call } from '~mocks/glance/route'
import { fail, findImage, liveRow, memberContext, objectBody, rowsOf } from '~mocks/glance/route'
import { json, noContent } from '~mocks/respond'

/** An image's members: GET, POST, PUT and DELETE /v2/images/{id}/members[/{member_id}] (§1–§5). */

const memberBody = (m: StoredMember) => ({
  created_at: m.createdAt,
  image_id: m.imageId,
  member_id: m.memberId,
  schema: '/v2/schemas/member',
  status: m.status,
  updated_at: m.updatedAt,
})

function withImage(call: Call, fn: (image: Image, ctx: MemberContext) => Response): Response {
  const id = call.params.imageId ?? ''
  const image = findImage(call.world, id)
  if (image === undefined) return fail(call, 404, glanceMessages.imageNotFound(id))
  return fn(image, memberContext(call, image))
}

const bodyRejected = (call: Call) =>
  call.body.kind !== 'empty' ? fail(call, 400, 'A body is not expected with this request.') : null

export function listMembers(call: Call): Response {
  const rejected = bodyRejected(call)
  if (rejected !== null) return rejected
  return withImage(call, (image, ctx) => {
    const decision = decideListMembers(ctx)
    if (!decision.ok) return fail(call, decision.status, decision.message)
    const rows = membersListedFor(ctx, rowsOf(call, image.id))
    return json({ members: rows.map(memberBody), schema: '/v2/schemas/members' })
  })
}

export function addMember(call: Call): Response {
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

export function showMember(call: Call): Response {
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

export function updateMember(call: Call): Response {
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

export function deleteMember(call: Call): Response {
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
