import { countOf, pluralWord } from '~/util/format'

describe('countOf and pluralWord', () => {
  it.each([
    [0, '0 images', 'They are'],
    [1, '1 image', 'It is'],
    [2, '2 images', 'They are'],
  ])('%i: "%s", "%s"', (n, count, verb) => {
    expect(countOf(n, 'image')).toBe(count)
    expect(pluralWord(n, 'It is', 'They are')).toBe(verb)
  })

  it('takes an irregular plural', () => {
    expect(countOf(2, 'its ID is', 'their IDs are')).toBe('2 their IDs are')
    expect(countOf(1, 'day')).toBe('1 day')
  })
})
