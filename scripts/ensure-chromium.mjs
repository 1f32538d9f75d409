// Playwright drives Debian's Chromium: a browser download is impossible here. Install it when missing.
import { execSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

if (existsSync(CHROMIUM)) process.exit(0)

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
if (!isRoot) {
  console.error(
    `Chromium is missing at ${CHROMIUM}. Install Debian's package as root:\n  apt-get update && apt-get install -y chromium\nor set CHROMIUM_PATH to another Chromium.`,
  )
  process.exit(1)
}
console.log(`Chromium is missing at ${CHROMIUM}; installing Debian's chromium package…`)
try {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  execSync('apt-get update -qq', { stdio: 'inherit', env })
  execSync('apt-get install -y -qq --no-install-recommends chromium fonts-liberation', {
    stdio: 'inherit',
    env,
  })
} catch {
  console.error(
    'Installing chromium with apt-get failed; install it by hand: apt-get install -y chromium',
  )
  process.exit(1)
}
if (!existsSync(CHROMIUM)) {
  console.error(`apt-get finished but ${CHROMIUM} is still missing.`)
  process.exit(1)
}
