// A cloud build (npm run build:cloud) must carry no mock code: no MSW, no demo world, no worker script.
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

const dir = process.argv[2] ?? 'dist-cloud'
const markers = ['setupWorker', 'mockServiceWorker', 'alice-demo', 'isp-demo-db']
const problems = []
if (existsSync(join(dir, 'mockServiceWorker.js'))) problems.push('mockServiceWorker.js is present')
for (const file of readdirSync(join(dir, 'assets')).filter((f) => f.endsWith('.js'))) {
  const code = readFileSync(join(dir, 'assets', file), 'utf8')
  for (const m of markers) if (code.includes(m)) problems.push(`${file} contains "${m}"`)
}
if (problems.length) {
  console.error(`The cloud build carries mock code:\n  ${problems.join('\n  ')}`)
  process.exit(1)
}
console.log(`${dir}: no mock code (checked for ${markers.join(', ')})`)
