import { admin, image, member, owner, ownerReader } from '~/api/policy-test-fixtures'
import { sharePlanFor } from '~/api/share-plan'

describe('sharePlanFor', () => {
  test('owner with member role: a shared image is ready; a private one is made shared first', () => {
    expect(sharePlanFor(image('shared'), owner)).toEqual({ kind: 'ready' })
    expect(sharePlanFor(image('private'), owner)).toEqual({ kind: 'make-shared-first' })
  })
  test.each(['public', 'community'] as const)('%s images cannot have members', (visibility) => {
    expect(sharePlanFor(image(visibility), admin)).toMatchObject({
      kind: 'no-members',
      reason: expect.stringMatching(/cannot have members: Glance refuses them \(403\)/) as unknown,
    })
  })
  test('a reader in the owner project is told the role it lacks', () => {
    expect(sharePlanFor(image('shared'), ownerReader)).toEqual({
      kind: 'denied',
      reason: 'Your role in this project is reader: sharing needs the member role.',
    })
    expect(sharePlanFor(image('private'), ownerReader).kind).toBe('denied')
  })
  test('another project is told only the owner shares', () => {
    expect(sharePlanFor(image('shared'), member)).toEqual({
      kind: 'denied',
      reason: 'Only the project that owns this image can share it.',
    })
  })
  test('admin may share anyone’s image', () => {
    expect(sharePlanFor(image('shared', 'someone'), admin)).toEqual({ kind: 'ready' })
  })
})
