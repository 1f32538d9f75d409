import { QueryClient } from '@tanstack/react-query'
import { initRuntime } from '~/config/runtime'
import { keys } from '~/api/queries'
import type { Session } from '~/api/scope'
import {
  expireSession,
  listProjects,
  resetSessionState,
  signIn,
  signOut,
  switchProject,
} from '~/session/session'
import { clearCacheWhenSessionEnds } from './session-cache'

const alice = { username: 'alice', password: 'alice-demo', domain: 'Default' }
const bob = { username: 'bob', password: 'bob-demo', domain: 'Default' }

let client: QueryClient
let stop: () => void

beforeEach(() => {
  initRuntime({ mode: 'demo', defaultDomain: 'Default' })
  resetSessionState()
  client = new QueryClient()
  stop = clearCacheWhenSessionEnds(client)
})
afterEach(() => stop())

/** What a signed-in page leaves in the cache: a value of the user's project. */
const cache = (s: Session, value = 'private image of another project') =>
  client.setQueryData([...keys.images(s), 'detail', 'x'], value)
const cached = () => client.getQueryCache().getAll().length

describe('the query cache when the session ends', () => {
  it('is cleared on sign-out', async () => {
    cache(await signIn(alice))
    expect(cached()).toBe(1)
    await signOut()
    expect(cached()).toBe(0)
  })

  it('is cleared when the token dies (a 401 or its expiry), before anyone signs in again', async () => {
    const s = await signIn(alice)
    cache(s)
    expireSession()
    expect(cached()).toBe(0)
  })

  it('is cleared when another user takes the tab', async () => {
    // Without a sign-out in between (a session adopted from another tab, say).
    const a = await signIn(alice)
    cache(a)
    const b = await signIn(bob)
    expect(cached()).toBe(0)
    expect(client.getQueryData([...keys.images(b), 'detail', 'x'])).toBeUndefined()
  })

  it('aborts the requests in flight, so nothing of the old session lands afterwards', async () => {
    const s = await signIn(alice)
    let signal: AbortSignal | undefined
    const key = [...keys.images(s), 'slow']
    const pending = client.query({
      queryKey: key,
      queryFn: (ctx) => {
        signal = ctx.signal
        return new Promise<string>(() => {})
      },
    })
    expect(signal?.aborted).toBe(false)
    await signOut()
    expect(signal?.aborted).toBe(true)
    await pending.catch(() => {})
    expect(client.getQueryData(key)).toBeUndefined()
  })

  it('is kept across a project switch of the same user (keys carry the project)', async () => {
    const carol = await signIn({
      username: 'carol',
      password: 'carol-demo',
      domain: 'Default',
      project: 'producer',
    })
    cache(carol)
    const consumerB = (await listProjects()).find((p) => p.name === 'consumer-b')
    await switchProject(consumerB?.id ?? '')
    expect(cached()).toBe(1)
  })

  it('reads the user’s own values again after a project switch (the new token may see otherwise)', async () => {
    const carol = await signIn({
      username: 'carol',
      password: 'carol-demo',
      domain: 'Default',
      project: 'producer',
    })
    client.setQueryData(keys.projects(carol), [])
    const consumerB = (await listProjects()).find((p) => p.name === 'consumer-b')
    await switchProject(consumerB?.id ?? '')
    expect(client.getQueryState(keys.projects(carol))?.isInvalidated).toBe(true)
  })
})
