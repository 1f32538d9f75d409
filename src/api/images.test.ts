import { imageViewStreams, inViewWithAnswer } from './images'
import type { Caller } from './caller'

const member: Caller = { projectId: 'me', roles: ['member', 'reader'] }
const admin: Caller = { projectId: 'me', roles: ['admin', 'member', 'reader'] }
const regions = ['RegionOne', 'RegionTwo']
const params = { limit: 25 }

describe('the GET /v2/images streams behind each view', () => {
  it('asks Glance once per region for the plain views', () => {
    const mine = imageViewStreams({
      view: 'mine',
      status: 'accepted',
      caller: member,
      regions,
      params,
    })
    expect(mine.map((s) => [s.region, s.params.owner])).toEqual([
      ['RegionOne', 'me'],
      ['RegionTwo', 'me'],
    ])
    const all = imageViewStreams({
      view: 'all',
      status: 'accepted',
      caller: member,
      regions,
      params,
    })
    expect(all.map((s) => s.params)).toEqual([params, params])
  })

  it('asks for each membership status of Shared with me in each region', () => {
    const shared = imageViewStreams({
      view: 'shared',
      status: 'all',
      caller: member,
      regions,
      params,
    })
    expect(
      shared.map((s) => `${s.region} ${s.params.visibility} ${s.params.member_status}`),
    ).toEqual([
      'RegionOne shared pending',
      'RegionOne shared accepted',
      'RegionOne shared rejected',
      'RegionTwo shared pending',
      'RegionTwo shared accepted',
      'RegionTwo shared rejected',
    ])
    expect(shared.every((s) => s.incoming?.lookup === false)).toBe(true)
  })

  it('looks each image up for an admin, whose lists ignore member_status', () => {
    const shared = imageViewStreams({
      view: 'shared',
      status: 'pending',
      caller: admin,
      regions,
      params,
    })
    expect(shared.map((s) => [s.params.member_status, s.incoming])).toEqual([
      [undefined, { statuses: ['pending'], lookup: true }],
      [undefined, { statuses: ['pending'], lookup: true }],
    ])
  })
})

describe('the optimistic layer', () => {
  it('keeps an accepted share in All and drops a removed one', () => {
    expect(inViewWithAnswer('all', 'accepted', 'accepted')).toBe(true)
    expect(inViewWithAnswer('all', 'accepted', 'rejected')).toBe(false)
    expect(inViewWithAnswer('all', 'accepted', 'pending')).toBe(false)
  })

  it('follows the chosen status in Shared with me', () => {
    expect(inViewWithAnswer('shared', 'pending', 'accepted')).toBe(false)
    expect(inViewWithAnswer('shared', 'rejected', 'rejected')).toBe(true)
    expect(inViewWithAnswer('shared', 'all', 'pending')).toBe(true)
  })

  it('leaves rows without a known membership alone', () => {
    expect(inViewWithAnswer('all', 'accepted', undefined)).toBe(true)
    expect(inViewWithAnswer('mine', 'accepted', 'rejected')).toBe(true)
  })
})
