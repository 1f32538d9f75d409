import { http, HttpResponse } from 'msw'
import { server } from '~mocks/node'
import { initRuntime } from '~/config/runtime'
import { listImages } from '~/api/glance'
import { ApiError } from '~/api/http'
import {
  ALL_REGIONS,
  getSessionState,
  glanceTarget,
  isExpired,
  listProjects,
  reloadSessionFromStorage,
  setRegion,
  signIn,
  signOut,
  switchProject,
  viewRegions,
} from './session'

beforeEach(() => {
  initRuntime({ mode: 'demo', defaultDomain: 'Default' })
  reloadSessionFromStorage()
})

const alice = { username: 'alice', password: 'alice-demo', domain: 'Default' }
const carol = { username: 'carol', password: 'carol-demo', domain: 'Default' }

describe('sign-in', () => {
  it('scopes at once to the only project of a user who names none', async () => {
    const s = await signIn(alice)
    expect(s.project?.name).toBe('producer')
    expect(s.roles).toContain('member')
    expect(s.catalog.some((e) => e.type === 'image')).toBe(true)
    expect(s.region).toBe('RegionOne')
    // Kept for a reload of this tab, and nowhere else.
    expect(JSON.parse(sessionStorage.getItem('isp-session') ?? '{}')).toMatchObject({
      token: s.token,
    })
    expect(localStorage.getItem('isp-session')).toBeNull()
  })

  it('leaves a user with several projects unscoped, to choose', async () => {
    const s = await signIn(carol)
    expect(s.project).toBeNull()
    expect(s.catalog).toEqual([])
  })

  it('tells a wrong password from a project the user may not use', async () => {
    await expect(signIn({ ...alice, password: 'nope' })).rejects.toThrow(
      'The user name, password or domain is not right, or the account is disabled.',
    )
    await expect(signIn({ ...alice, project: 'consumer-a' })).rejects.toThrow(
      /no access to a project named “consumer-a”/,
    )
  })
})

describe('sign-in faults', () => {
  it('says Keystone is unreachable when the network fails', async () => {
    server.use(http.post('*/demo-cloud/identity/v3/auth/tokens', () => HttpResponse.error()))
    await expect(signIn(alice)).rejects.toThrow(/Keystone could not be reached/)
    expect(getSessionState().session).toBeNull()
  })
})

describe('re-scope', () => {
  it('switches project with a new token and keeps the chosen region', async () => {
    const first = await signIn({ ...carol, project: 'producer' })
    setRegion('RegionTwo')
    const projects = await listProjects()
    const consumerB = projects.find((p) => p.name === 'consumer-b')
    expect(consumerB).toBeDefined()
    const next = await switchProject(consumerB?.id ?? '')
    expect(next.project?.name).toBe('consumer-b')
    expect(next.token).not.toBe(first.token)
    expect(next.region).toBe('RegionTwo')
  })

  it('spans every region with "All regions"', async () => {
    const s = await signIn(alice)
    expect(viewRegions(s)).toEqual(['RegionOne'])
    setRegion(ALL_REGIONS)
    const all = getSessionState().session
    expect(all && viewRegions(all)).toEqual(['RegionOne', 'RegionTwo'])
  })
})

describe('expiry', () => {
  it('knows an expired session', () => {
    const s = { expiresAt: '2026-01-01T00:00:00.000000Z' } as Parameters<typeof isExpired>[0]
    expect(isExpired(s, Date.parse('2026-01-01T00:00:01Z'))).toBe(true)
    expect(isExpired(s, Date.parse('2025-12-31T23:59:59Z'))).toBe(false)
  })

  it('ends the session when Glance answers 401, saying it expired', async () => {
    const s = await signIn(alice)
    await fetch('http://localhost/demo-cloud/_control/expire-tokens', { method: 'POST' })
    const error = await listImages(glanceTarget(s, 'RegionOne'), {}).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).status).toBe(401)
    expect(getSessionState()).toEqual({ session: null, reason: 'expired' })
    expect(sessionStorage.getItem('isp-session')).toBeNull()
    // A reload of the tab still knows why it was signed out.
    reloadSessionFromStorage()
    expect(getSessionState()).toEqual({ session: null, reason: 'expired' })
  })

  it('revokes the token on sign-out', async () => {
    const s = await signIn(alice)
    await signOut()
    expect(getSessionState().reason).toBe('signed-out')
    const error = await listImages(glanceTarget(s, 'RegionOne'), {}).catch((e: unknown) => e)
    expect((error as ApiError).status).toBe(401)
  })
})
