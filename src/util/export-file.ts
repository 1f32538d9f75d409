// Tables as files to save: what the Export buttons download.

/**
 * A spreadsheet runs a cell starting with = + - @ as a formula, and Glance takes any text. A
 * spreadsheet that guesses the separator (`;` in much of Europe, or a tab) splits a field there,
 * so a formula right after one of those, a comma or a line break in a field is one too.
 */
const FORMULA = /(^|[;,\t\r\n])[=+\-@]|^[\t\r]/

function csvField(value: string) {
  const safe = FORMULA.test(value) ? `'${value}` : value
  return /[",;\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** RFC 4180: CRLF line ends, quoted where needed. */
export const csvText = (rows: readonly (readonly string[])[]) =>
  rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n'

export function downloadText(filename: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  document.body.append(a)
  a.click()
  a.remove()
  // The click has started the download; revoking at once can cancel it in some browsers.
  setTimeout(() => {
    URL.revokeObjectURL(url)
  }, 1000)
}

/** A name usable as a file name on any system. */
export const fileSafe = (name: string, fallback = 'image') =>
  name.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || fallback
