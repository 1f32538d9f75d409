import { delay, HttpResponse } from 'msw'
import type { FaultService } from '~mocks/db'
import { read, transact } from '~mocks/db'
import { keystoneError, reasonPhrase, webobError, webobExplanations } from '~mocks/respond'

/**
 * Spends the fault planned through _control/settings (`failNext`), if this request matches it:
 * its service (Glance unless the plan says 'identity'), method and path. Returns the answer to
 * give instead of the real one, or null to go on.
 */
export async function takeFault(request: Request, service: FaultService): Promise<Response | null> {
  // Most requests meet no plan: asked first without writing the world back.
  if (read((db) => db.settings.failNext === null)) return null
  const plan = transact((db) => {
    const fault = db.settings.failNext
    if (fault === null || fault.count <= 0) return null
    if ((fault.service ?? 'image') !== service) return null
    if (fault.method !== undefined && fault.method.toUpperCase() !== request.method) return null
    if (fault.path !== undefined && !new URL(request.url).pathname.includes(fault.path)) return null
    db.settings.failNext = fault.count > 1 ? { ...fault, count: fault.count - 1 } : null
    if (fault.expireTokens === true) db.tokens = {}
    return { ...fault }
  })
  if (plan === null) return null
  if (plan.hang === true) {
    // A server that takes the request and never answers: only the client's own timeout (or its
    // abort) ends it, which is what the panel must put in words.
    await delay('infinite')
  }
  if (plan.status === 0) return HttpResponse.error()
  if (service === 'identity') return keystoneError(plan.status, reasonPhrase(plan.status))
  const explanation = plan.status === 503 ? webobExplanations[503] : webobExplanations[500]
  return webobError(
    request,
    plan.status,
    plan.status >= 500 ? explanation : reasonPhrase(plan.status),
  )
}
