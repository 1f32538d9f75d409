import { afterAll, beforeAll } from 'vitest'
import { resetDb } from '~mocks/db'
import { server } from '~mocks/node'
import { target } from './target'

beforeAll(async () => {
  server.listen({ onUnhandledRequest: 'error' })
  resetDb()
  await target.setMemberQuota(target.memberQuota)
  await target.configureIdentity()
})
afterAll(() => server.close())
