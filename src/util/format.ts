const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB']

/** Binary sizes (1 GB = 1024³ bytes), the way Glance's clients print image sizes. */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return '—'
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit += 1
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1
  return `${value.toFixed(digits)} ${units[unit]}`
}

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
  timeZoneName: 'short',
})

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—'
  const t = Date.parse(iso)
  return Number.isNaN(t) ? iso : dateFormat.format(t)
}

// The panel speaks English; one set of rules so every count agrees ("1 image", "0 images").
const pluralRules = new Intl.PluralRules('en')

/** `one` or `other` as English grammar wants for `n`: pluralWord(1, 'It is', 'They are'). */
export function pluralWord(n: number, one: string, other: string): string {
  return pluralRules.select(n) === 'one' ? one : other
}

/** A number and its noun: countOf(1, 'image') is "1 image", countOf(3, 'image') "3 images". */
export function countOf(n: number, one: string, other = `${one}s`): string {
  return `${String(n)} ${pluralWord(n, one, other)}`
}
