import type { Caller, ImageRef } from '~/api/caller'
import { answersFrom, answerStatus, isIncomingShare, membershipFromList } from '~/api/share-answers'

describe('the consumer side', () => {
  const consumer: Caller = { projectId: 'c', roles: ['member', 'reader'] }
  const admin: Caller = { projectId: 'a', roles: ['admin', 'member', 'reader'] }
  const shared: ImageRef = { id: 'i', owner: 'p', visibility: 'shared' }

  it('an incoming share is another project’s shared image', () => {
    expect(isIncomingShare(shared, consumer)).toBe(true)
    expect(isIncomingShare({ ...shared, owner: 'c' }, consumer)).toBe(false)
    expect(isIncomingShare({ ...shared, visibility: 'private' }, consumer)).toBe(false)
    expect(isIncomingShare({ ...shared, visibility: 'public' }, consumer)).toBe(false)
  })

  it.each([
    [undefined, 'accepted'],
    ['accepted', 'accepted'],
    ['pending', 'pending'],
    ['rejected', 'rejected'],
    ['all', undefined],
  ] as const)('a non-admin list with member_status=%s says the membership is %s', (asked, said) => {
    expect(membershipFromList(shared, consumer, asked)).toBe(said)
  })

  it('an admin’s list and our own images say nothing about membership', () => {
    expect(membershipFromList(shared, admin, 'pending')).toBeUndefined()
    expect(membershipFromList({ ...shared, owner: 'c' }, consumer)).toBeUndefined()
    expect(membershipFromList({ ...shared, visibility: 'public' }, consumer)).toBeUndefined()
  })

  it('offers the answers that change something, Remove Image only after accepting', () => {
    expect(answersFrom('pending')).toEqual(['accept', 'reject'])
    expect(answersFrom('accepted')).toEqual(['remove', 'pending'])
    expect(answersFrom('rejected')).toEqual(['accept', 'pending'])
    expect(answerStatus.remove).toBe('rejected')
    expect(answerStatus.pending).toBe('pending')
  })
})
