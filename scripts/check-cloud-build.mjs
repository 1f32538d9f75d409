// A cloud build (npm run build:cloud) must carry no mock code (no MSW, no demo world, no worker
// script) and serve no source: no .map file and no sourceMappingURL comment in dist-cloud/ (the
// hidden maps go to dist-cloud-sourcemaps/, which is never deployed).
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

const dir = process.argv[2] ?? 'dist-cloud'
const markers = ['setupWorker', 'mockServiceWorker', 'alice-demo', 'isp-demo-db']
const problems = []
if (existsSync(join(dir, 'mockServiceWorker.js'))) problems.push('mockServiceWorker.js is present')
const files = readdirSync(dir, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile())
  .map((e) => join(e.parentPath, e.name))
for (const file of files) {
  if (file.endsWith('.map')) {
    problems.push(`${file} is a source map`)
    continue
  }
  if (!/\.(js|mjs|css|html)$/.test(file)) continue
  const code = readFileSync(file, 'utf8')
  if (/[#@] sourceMappingURL=/.test(code)) problems.push(`${file} points to a source map`)
  if (!file.endsWith('.js')) continue
  for (const m of markers) if (code.includes(m)) problems.push(`${file} contains "${m}"`)
}
if (problems.length) {
  console.error(`The cloud build is not fit to deploy:\n  ${problems.join('\n  ')}`)
  process.exit(1)
}
console.log(
  `${dir}: no mock code (checked for ${markers.join(', ')}), no source map and no sourceMappingURL in ${files.length} files`,
)
