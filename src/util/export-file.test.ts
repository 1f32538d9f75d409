import { csvText } from './export-file'

/** The one row's cells as written. */
const cells = (...values: string[]) => csvText([values]).slice(0, -2)

describe('CSV cells a spreadsheet could run', () => {
  it('are neutralised when they start like a formula, as before', () => {
    expect(cells('=1+2', '+1', '-1', '@SUM(A1)', '\tx', 'plain')).toBe(
      "'=1+2,'+1,'-1,'@SUM(A1),'\tx,plain",
    )
  })

  it.each([
    // Split at ; (the separator a European spreadsheet guesses), the cell is "=1+2".
    ['x;=1+2', `"'x;=1+2"`],
    ['x;+1', `"'x;+1"`],
    ['x;-1', `"'x;-1"`],
    ['x;@SUM(A1)', `"'x;@SUM(A1)"`],
    ['x\t=1+2', `'x\t=1+2`],
    ['x,=1+2', `"'x,=1+2"`],
    ['line\n=1+2', `"'line\n=1+2"`],
    ['line\r\n@x', `"'line\r\n@x"`],
  ])('are neutralised after a separator inside a field: %j', (value, written) => {
    expect(cells(value)).toBe(written)
  })

  it('quote a field with a ; so that no spreadsheet splits it, and leave the rest alone', () => {
    expect(cells('a;b', 'a - b', '2026-01-01T00:00:00Z', 'x = 1', 'mail@example.org')).toBe(
      '"a;b",a - b,2026-01-01T00:00:00Z,x = 1,mail@example.org',
    )
  })
})
