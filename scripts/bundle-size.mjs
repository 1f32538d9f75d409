// Prints the JavaScript a first visit downloads (the entry script and its modulepreloads), gzipped.
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

const dir = process.argv[2] ?? 'dist'
const html = readFileSync(join(dir, 'index.html'), 'utf8')
const initial = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1])
const size = (file) => {
  const buf = readFileSync(join(dir, file))
  return { raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length }
}
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`
let raw = 0
let gzip = 0
for (const file of initial) {
  const s = size(file)
  raw += s.raw
  gzip += s.gzip
  console.log(`${file}\t${kb(s.raw)}\t${kb(s.gzip)} gzip`)
}
console.log(`initial JavaScript: ${kb(raw)} (${kb(gzip)} gzip) in ${initial.length} files`)
const all = readdirSync(join(dir, 'assets')).filter((f) => f.endsWith('.js'))
const total = all.reduce((n, f) => n + size(join('assets', f)).gzip, 0)
console.log(`all JavaScript: ${kb(total)} gzip in ${all.length} files`)
