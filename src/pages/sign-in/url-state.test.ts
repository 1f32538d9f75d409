import { safeNext } from './url-state'

const origin = 'https://panel.example'

describe('safeNext: where sign-in goes on to', () => {
  it.each([
    ['/images/0a1b?region=RegionTwo#members', '/images/0a1b?region=RegionTwo#members'],
    ['/review', '/review'],
    ['/images?q=a%5Cb', '/images?q=a%5Cb'],
  ])('keeps the panel path %s', (next, expected) => {
    expect(safeNext(next, origin)).toBe(expected)
  })

  it.each([
    null,
    '',
    'images',
    '//evil.example/x',
    '/\\evil.example/x',
    '/\t/evil.example/x',
    '/\n/evil.example/x',
    '\\/evil.example',
    '/%5Cevil.example/x',
    '/%5cevil.example',
    'https://evil.example/x',
    'https://panel.example/images',
    'javascript:alert(1)',
    '/sign-in?next=/images',
  ])('falls back to /images for %j', (next) => {
    expect(safeNext(next, origin)).toBe('/images')
  })
})
