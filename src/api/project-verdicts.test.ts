import { verdictsFor, type InspectedImage } from '~/api/project-verdicts'

const OWNER = 'a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1'
const OTHER = 'b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2'

const image = (over: Partial<InspectedImage> = {}): InspectedImage => ({
  id: '2a1e3f6c-1d4b-4f0e-9a77-0c2b1f3d4e5a',
  owner: OWNER,
  visibility: 'shared',
  status: 'active',
  ...over,
})

/** The four answers as yes/no, in the order boot, default list, shared with it, answer. */
const answers = (...args: Parameters<typeof verdictsFor>) => {
  const v = verdictsFor(...args)
  return [v.boot.yes, v.defaultList.yes, v.sharedWithIt.yes, v.answer.yes]
}

describe('what a project sees of an image (contract §0, §4, §7)', () => {
  it.each(['private', 'shared', 'community', 'public'] as const)(
    'the owner boots and lists its %s image, and has no share to answer',
    (visibility) => {
      expect(answers(image({ visibility }), OWNER)).toEqual([true, true, false, false])
      expect(verdictsFor(image({ visibility }), OWNER).boot.why).toBe('It owns the image.')
    },
  )

  it('any project boots and lists a public image', () => {
    expect(answers(image({ visibility: 'public' }), OTHER)).toEqual([true, true, false, false])
  })

  it('another project boots a community image by ID but does not list it by default', () => {
    const v = verdictsFor(image({ visibility: 'community' }), OTHER)
    expect([v.boot.yes, v.defaultList.yes]).toEqual([true, false])
    expect(v.defaultList.why).toMatch(/visibility=community/)
  })

  it('a pending member boots it by ID, finds it under shared-with-it, not in its list, and can answer', () => {
    const v = verdictsFor(image(), OTHER, 'pending')
    expect([v.boot.yes, v.defaultList.yes, v.sharedWithIt.yes, v.answer.yes]).toEqual([
      true,
      false,
      true,
      true,
    ])
    expect(v.defaultList.why).toBe(
      'Its answer is pending: a shared image is listed only once the member accepts it.',
    )
    expect(v.sharedWithIt.why).toMatch(/under pending/)
  })

  it('an accepted member lists it', () => {
    expect(answers(image(), OTHER, 'accepted')).toEqual([true, true, true, true])
  })

  it('a rejected member still boots it by ID and may change its mind', () => {
    expect(answers(image(), OTHER, 'rejected')).toEqual([true, false, true, true])
  })

  it('a project that is not a member of a shared image sees nothing of it', () => {
    const v = verdictsFor(image(), OTHER)
    expect([v.boot.yes, v.defaultList.yes, v.sharedWithIt.yes, v.answer.yes]).toEqual([
      false,
      false,
      false,
      false,
    ])
    expect(v.boot.why).toBe('It is not a member of this shared image.')
  })

  it('a member of an image made private again keeps its row but loses everything, and is told so', () => {
    const v = verdictsFor(image({ visibility: 'private' }), OTHER, 'accepted')
    expect([v.boot.yes, v.defaultList.yes, v.sharedWithIt.yes, v.answer.yes]).toEqual([
      false,
      false,
      false,
      false,
    ])
    expect(v.boot.why).toMatch(/made private again.*member row \(accepted\) is kept/)
    expect(v.answer.why).toMatch(/not shared: Glance refuses every answer/)
  })

  it('a private image is its owner’s alone', () => {
    expect(verdictsFor(image({ visibility: 'private' }), OTHER).boot.why).toMatch(
      /^The image is private: only its owner sees it\./,
    )
  })

  it('a deactivated image is listed but boots for no one', () => {
    const v = verdictsFor(image({ status: 'deactivated' }), OTHER, 'accepted')
    expect([v.boot.yes, v.defaultList.yes]).toEqual([false, true])
    expect(v.boot.why).toMatch(/deactivated/)
  })

  it.each(['deleted', 'pending_delete', 'killed'])(
    'a %s image is in no list and boots nothing',
    (status) => {
      const v = verdictsFor(image({ status }), OTHER, 'accepted')
      expect([v.boot.yes, v.defaultList.yes, v.sharedWithIt.yes]).toEqual([false, false, false])
    },
  )

  it('a hidden image is left out of lists but still boots by ID', () => {
    const v = verdictsFor(image({ os_hidden: true }), OTHER, 'accepted')
    expect([v.boot.yes, v.defaultList.yes, v.sharedWithIt.yes]).toEqual([true, false, false])
    expect(v.defaultList.why).toMatch(/os_hidden/)
  })

  it('an image still uploading is listed for its owner but has nothing to boot', () => {
    const v = verdictsFor(image({ status: 'queued' }), OWNER)
    expect([v.boot.yes, v.defaultList.yes]).toEqual([false, true])
    expect(v.boot.why).toMatch(/queued/)
  })
})
