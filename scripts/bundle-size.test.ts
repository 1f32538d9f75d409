import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The size budget of `npm run build:check` (scripts/bundle-size.mjs --budget) on a fake build:
 * it counts what a browser loads before Saved Images shows rows, not what waits for a click, and
 * fails above the budget with the figure printed.
 */
const script = fileURLToPath(new URL('./bundle-size.mjs', import.meta.url))
let dist: string

// Random bytes in base64 do not compress much: about 0.77 KiB of gzip per KiB written.
const filler = (kib: number) => `/*${randomBytes(kib * 768).toString('base64')}*/`

function chunk(name: string, code: string, kib = 0) {
  writeFileSync(join(dist, 'assets', name), `${code}${kib ? filler(kib) : ''}`)
}

beforeAll(() => {
  dist = mkdtempSync(join(tmpdir(), 'bundle-size-'))
  mkdirSync(join(dist, 'assets'))
  writeFileSync(
    join(dist, 'index.html'),
    '<script type="module" crossorigin src="/assets/index-AAAAAAAA.js"></script>' +
      '<link rel="modulepreload" crossorigin href="/assets/vendor-BBBBBBBB.js">',
  )
  // What main.tsx awaits (the app), and what the app's routes load: Saved Images' chunk imports
  // a shared chunk statically and its dialog dynamically.
  chunk('index-AAAAAAAA.js', 'const a=()=>import(`./app-CCCCCCCC.js`);', 20)
  chunk('vendor-BBBBBBBB.js', '', 20)
  chunk(
    'app-CCCCCCCC.js',
    'import{x}from"./vendor-BBBBBBBB.js";const r=()=>import("./saved-images-DDDDDDDD.js");',
    20,
  )
  chunk(
    'saved-images-DDDDDDDD.js',
    'import"./table-EEEEEEEE.js";import("./dialog-FFFFFFFF.js");',
    20,
  )
  chunk('saved-images-state-GGGGGGGG.js', '', 50)
  chunk('table-EEEEEEEE.js', '', 20)
  chunk('dialog-FFFFFFFF.js', '', 50)
})
afterAll(() => rmSync(dist, { recursive: true, force: true }))

const run = (...args: string[]) =>
  spawnSync(process.execPath, [script, dist, ...args], { encoding: 'utf8' })
const kibOf = (out: string, label: string) =>
  Number(new RegExp(`${label}: ([\\d.]+) KiB`).exec(out)?.[1])

it('counts the entry, its preloads, what main awaits, the route chunk and its static imports', () => {
  const { stdout, status } = run()
  expect(status).toBe(0)
  expect(stdout).toMatch(/to saved-images: [\d.]+ KiB gzip in 5 files/)
  // Five chunks of about 15 KiB of gzip: not the dialog or the look-alike saved-images-state.
  expect(kibOf(stdout, 'to saved-images')).toBeGreaterThan(70)
  expect(kibOf(stdout, 'to saved-images')).toBeLessThan(85)
})

it('passes under the budget and prints the figure', () => {
  const { stdout, status } = run('--budget', '100')
  expect(stdout).toMatch(/budget: Saved Images needs [\d.]+ KiB gzip, at most 100 KiB: ok/)
  expect(status).toBe(0)
})

it('fails above the budget', () => {
  const { stdout, status } = run('--budget', '10')
  expect(stdout).toMatch(/budget: Saved Images needs [\d.]+ KiB gzip, at most 10 KiB: OVER/)
  expect(status).toBe(1)
})

it('holds the budget of 153 KiB when none is given', () => {
  const { stdout } = run('--budget')
  expect(stdout).toContain('at most 153 KiB')
})

it('refuses a folder with no build in it', () => {
  const { stderr, status } = spawnSync(process.execPath, [script, tmpdir(), '--budget'], {
    encoding: 'utf8',
  })
  expect(status).toBe(2)
  expect(stderr).toContain('build it first')
})
