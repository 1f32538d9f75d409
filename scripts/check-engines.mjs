// Every installed package must run on the oldest Node.js that package.json's `engines` promises
// ("^20.19.0 || >=22.12.0": CI and Debian web hosts run Node 20; Node 21 and 22.0–22.11 are left out
// since glob, minimatch and vite skip them). A package whose own engines.node excludes it
// (cookie@2 and content-disposition@3 asked for Node 22; package.json's `overrides` pin the last
// versions that do not) is listed and the check fails. Run from the directory to check:
// `node scripts/check-engines.mjs`; scripts/check-engines.test.ts runs it on this repository.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

const range = JSON.parse(readFileSync('package.json', 'utf8')).engines?.node ?? ''
// The oldest version promised: the first alternative, ">=20.19" or "^20.19.0 || >=22.12.0".
const floor = /^(?:>=|\^)\s*(\d+)\.(\d+)(?:\.(\d+))?(?:\s|$)/.exec(range)
if (!floor) {
  console.error(
    `package.json engines.node is ${JSON.stringify(range)}; expected ">=major.minor" or "^major.minor.patch || …"`,
  )
  process.exit(1)
}
const oldest = `${floor[1]}.${floor[2]}.${floor[3] ?? 0}`
// npm's own semver, on the installed tree (node_modules), dev dependencies included.
const query = `:attr(engines, [node]):not(:semver(${oldest}, :attr(engines, [node]), satisfies))`
const excluded = JSON.parse(execFileSync('npm', ['query', query], { encoding: 'utf8' }))
if (excluded.length > 0) {
  console.error(`Installed packages that do not run on Node.js ${oldest} (package.json: ${range}):`)
  for (const p of excluded)
    console.error(`  ${p.location} ${p.version}: engines.node ${p.engines.node}`)
  process.exit(1)
}
console.log(`Every installed package accepts Node.js ${oldest} (package.json engines: ${range}).`)
