import { addMember, removeMember, setMemberStatus } from '~/api/glance'
import {
  imageRegions,
  listMyProjects,
  passwordAuth,
  rescopeToken,
  revokeToken,
} from '~/api/keystone'
import { expect, failure, newImage } from './helpers'
import { as, target } from './target'

describe('Keystone, through the panel’s client', () => {
  it('signs in scoped, with a catalog of two image regions and the user’s roles', async () => {
    const { body } = await passwordAuth(target.authUrl, {
      username: 'alice',
      password: 'alice-demo',
      domain: 'Default',
      project: 'producer',
    })
    expect(body.project?.name).toBe('producer')
    expect(body.roles?.map((r) => r.name)).toContain('member')
    expect(imageRegions(body.catalog ?? [])).toEqual(['RegionOne', 'RegionTwo'])
  })

  it('refuses a wrong password and a project the user has no role on with 401', async () => {
    const wrong = await failure(
      passwordAuth(target.authUrl, { username: 'alice', password: 'x', domain: 'Default' }),
    )
    expect(wrong).toEqual({
      status: 401,
      message: 'The request you have made requires authentication.',
    })
    const noRole = await failure(
      passwordAuth(target.authUrl, {
        username: 'bob',
        password: 'bob-demo',
        domain: 'Default',
        project: 'producer',
      }),
    )
    expect(noRole.status).toBe(401)
    // A disabled account is not told apart from a wrong password.
    expect(
      await failure(
        passwordAuth(target.authUrl, {
          username: 'dave',
          password: 'dave-demo',
          domain: 'Default',
        }),
      ),
    ).toEqual(wrong)
  })

  it('lists a user’s projects and re-scopes to another one', async () => {
    const unscoped = await passwordAuth(target.authUrl, {
      username: 'carol',
      password: 'carol-demo',
      domain: 'Default',
    })
    expect(unscoped.body.project).toBeUndefined()
    const projects = await listMyProjects(target.authUrl, unscoped.token)
    expect(projects.map((p) => p.name).sort()).toEqual(['consumer-b', 'producer'])
    const b = projects.find((p) => p.name === 'consumer-b')
    const scoped = await rescopeToken(target.authUrl, unscoped.token, b?.id ?? '')
    expect(scoped.body.project?.name).toBe('consumer-b')
    expect(scoped.token).not.toBe(unscoped.token)
  })

  it('makes a revoked token useless (401)', async () => {
    const { token } = await passwordAuth(target.authUrl, {
      username: 'bob',
      password: 'bob-demo',
      domain: 'Default',
      project: 'consumer-a',
    })
    expect((await listMyProjects(target.authUrl, token)).length).toBe(1)
    await revokeToken(target.authUrl, token)
    // Asked of Keystone: Glance's keystonemiddleware may trust a token it validated for up to
    // token_cache_time (300 s) after revocation, so only Keystone answers 401 at once.
    expect((await failure(listMyProjects(target.authUrl, token))).status).toBe(401)
  })
})

describe('the legacy policy (Zed’s default): same outcomes, other words', () => {
  it('refuses the owner a status change and the member a removal', async () => {
    const [alice, bob] = await Promise.all([as('alice', 'producer'), as('bob', 'consumer-a')])
    const image = await newImage(alice)
    await addMember(alice.glance(), image.id, bob.projectId)
    await target.legacy(async (base) => {
      const legacyAlice = { baseUrl: base, token: alice.token }
      const legacyBob = { baseUrl: base, token: bob.token }
      expect(
        await failure(setMemberStatus(legacyAlice, image.id, bob.projectId, 'accepted')),
      ).toEqual({ status: 403, message: `Not allowed to update members for image ${image.id}.` })
      expect(await failure(removeMember(legacyBob, image.id, bob.projectId))).toEqual({
        status: 403,
        message: `Not allowed to delete members for image ${image.id}.`,
      })
      // The member's own decision is still allowed.
      expect((await setMemberStatus(legacyBob, image.id, bob.projectId, 'accepted')).status).toBe(
        'accepted',
      )
    })
  })

  it('lets a reader in the owner project share, as Zed did', async () => {
    const [alice, rita, bob] = await Promise.all([
      as('alice', 'producer'),
      as('rita', 'producer'),
      as('bob', 'consumer-a'),
    ])
    const image = await newImage(alice)
    await target.legacy(async (base) => {
      const member = await addMember({ baseUrl: base, token: rita.token }, image.id, bob.projectId)
      expect(member.status).toBe('pending')
    })
  })
})
