// Prints the JavaScript a visit downloads, gzipped: the entry, and what the sign-in and Saved Images
// routes need on top (each chunk's static imports followed). Usage: node scripts/bundle-size.mjs [dist]
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

const dir = process.argv[2] ?? 'dist'
const assets = join(dir, 'assets')
const files = readdirSync(assets).filter((f) => f.endsWith('.js'))
const gz = new Map(
  files.map((f) => [f, gzipSync(readFileSync(join(assets, f)), { level: 9 }).length]),
)
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`

function closure(roots) {
  const seen = new Set()
  const walk = (file) => {
    if (seen.has(file) || !gz.has(file)) return
    seen.add(file)
    const code = readFileSync(join(assets, file), 'utf8')
    // Static imports only (`from"./x.js"` and bare `import"./x.js"`), not import("./x.js").
    for (const m of code.matchAll(/(?:from|import)\s*["']\.\/([^"']+\.js)["']/g)) walk(m[1])
  }
  roots.forEach(walk)
  return seen
}
const sum = (set) => [...set].reduce((n, f) => n + (gz.get(f) ?? 0), 0)
const chunk = (prefix) => files.filter((f) => f.startsWith(`${prefix}-`))

const html = readFileSync(join(dir, 'index.html'), 'utf8')
const entry = [...html.matchAll(/src="\/assets\/([^"]+\.js)"/g)].map((m) => m[1])
const initial = closure(entry)
console.log(`initial JavaScript (entry): ${kb(sum(initial))} gzip in ${initial.size} files`)
for (const route of ['sign-in', 'saved-images', 'image-detail']) {
  const set = closure([...entry, ...chunk('app'), ...chunk(route)])
  console.log(`to ${route}: ${kb(sum(set))} gzip in ${set.size} files`)
}
console.log(`all JavaScript: ${kb(sum(new Set(files)))} gzip in ${files.length} files`)
