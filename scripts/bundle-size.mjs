// Prints the JavaScript a visit downloads before a page shows, gzipped, for a built panel:
//   node scripts/bundle-size.mjs [dir] [--budget [KiB]]
// Counted for a page: the entry script and modulepreloads of index.html, what main.tsx awaits
// before it renders (its dynamic imports: the app, and in a demo build the mock cloud), the route's
// chunk, and every static import of those, followed. Not counted: CSS, and chunks loaded by a
// dynamic import after that (a dialog, a menu), which wait for a click or for the first rows.
// With --budget it also fails (exit 1) when Saved Images needs more than the budget; it builds
// nothing, so build first (`npm run build:cloud`; `npm run build:check` does both).
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

/**
 * At most this much gzipped JavaScript before Saved Images shows rows in a cloud build: issue 11's
 * 150 KiB, plus 2 for issue 13 (the theme at start, the phone's header, fault words naming the service),
 * plus 1 for issue 14 (the name search that reads on through the list, the count of shares waiting
 * in other regions).
 */
const BUDGET_KIB = 153

const args = process.argv.slice(2)
const at = args.indexOf('--budget')
const budgetArg = at >= 0 && /^\d+(\.\d+)?$/.test(args[at + 1] ?? '') ? args[at + 1] : undefined
const budget = at < 0 ? undefined : Number(budgetArg ?? BUDGET_KIB)
const dir = args.find((a, i) => !a.startsWith('--') && !(at >= 0 && i === at + 1)) ?? 'dist'

const assets = join(dir, 'assets')
if (!existsSync(join(dir, 'index.html')) || !existsSync(assets)) {
  console.error(`No built panel in ${dir}/ (index.html and assets/): build it first.`)
  process.exit(2)
}
const files = readdirSync(assets).filter((f) => f.endsWith('.js'))
const source = new Map(files.map((f) => [f, readFileSync(join(assets, f), 'utf8')]))
const gz = new Map(files.map((f) => [f, gzipSync(source.get(f), { level: 9 }).length]))
const kib = (n) => n / 1024
const fmt = (n) => `${kib(n).toFixed(1)} KiB`

// Rolldown writes `import{a as b}from"./x.js"`, `import"./x.js"` and `export{…}from"./x.js"`;
// a dynamic import is `import("./x.js")` or with backquotes.
const staticImports = (file) =>
  [...source.get(file).matchAll(/(?:from|import)\s*["']\.\/([^"']+\.js)["']/g)].map((m) => m[1])
const dynamicImports = (file) =>
  [...source.get(file).matchAll(/import\(\s*["'`]\.\/([^"'`]+\.js)["'`]\s*\)/g)].map((m) => m[1])

function closure(roots) {
  const seen = new Set()
  const walk = (file) => {
    if (seen.has(file) || !source.has(file)) return
    seen.add(file)
    staticImports(file).forEach(walk)
  }
  roots.forEach(walk)
  return seen
}
const sum = (set) => [...set].reduce((n, f) => n + (gz.get(f) ?? 0), 0)
// A chunk is named after its module (src/pages/saved-images.tsx: saved-images-<8-char hash>.js).
const chunk = (name) => files.filter((f) => new RegExp(`^${name}-[\\w-]{8}\\.js$`).test(f))

const html = readFileSync(join(dir, 'index.html'), 'utf8')
const entry = [
  ...html.matchAll(/<script[^>]*\ssrc="\/assets\/([^"]+\.js)"/g),
  ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="\/assets\/([^"]+\.js)"/g),
].map((m) => m[1])
// main.tsx awaits each of its dynamic imports before the first render.
const started = [...closure(entry)].flatMap(dynamicImports)
const initial = closure(entry)
console.log(`entry: ${fmt(sum(initial))} gzip in ${initial.size} files`)
const toPage = {}
for (const route of ['sign-in', 'saved-images', 'image-detail']) {
  const set = closure([...entry, ...started, ...chunk(route)])
  toPage[route] = sum(set)
  console.log(`to ${route}: ${fmt(toPage[route])} gzip in ${set.size} files`)
}
console.log(`all JavaScript: ${fmt(sum(new Set(files)))} gzip in ${files.length} files`)

if (budget !== undefined) {
  if (chunk('saved-images').length !== 1) {
    console.error(`Found no single saved-images chunk in ${assets}/: cannot check the budget.`)
    process.exit(2)
  }
  const over = kib(toPage['saved-images']) > budget
  console.log(
    `budget: Saved Images needs ${fmt(toPage['saved-images'])} gzip, at most ${budget} KiB: ${over ? 'OVER' : 'ok'}`,
  )
  if (over) process.exit(1)
}
