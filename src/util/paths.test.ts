import { paths } from '~/util/paths'

describe('paths', () => {
  it('builds every in-app URL, encoding query values', () => {
    expect(paths.images()).toBe('/images')
    expect(paths.images(new URLSearchParams({ view: 'shared', status: 'all' }))).toBe(
      '/images?view=shared&status=all',
    )
    expect(paths.images(new URLSearchParams())).toBe('/images')
    expect(paths.image('0a1b', 'RegionOne')).toBe('/images/0a1b?region=RegionOne')
    expect(paths.image('0a1b', 'Region One&Two')).toBe('/images/0a1b?region=Region+One%26Two')
    expect(paths.review()).toBe('/review')
    expect(paths.signIn()).toBe('/sign-in')
    expect(paths.signIn({ next: '/images?view=mine', reason: 'expired' })).toBe(
      '/sign-in?next=%2Fimages%3Fview%3Dmine&reason=expired',
    )
    expect(paths.signIn({ next: '/review', step: 'project' })).toBe(
      '/sign-in?next=%2Freview&step=project',
    )
  })
})
