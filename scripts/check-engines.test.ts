import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * package.json's `engines` tells the truth: no installed package (dev ones included, CI runs them)
 * asks for a newer Node.js than the oldest it promises (scripts/check-engines.mjs).
 */
const script = fileURLToPath(new URL('./check-engines.mjs', import.meta.url))
const root = fileURLToPath(new URL('..', import.meta.url))
const run = (cwd: string) => spawnSync(process.execPath, [script], { cwd, encoding: 'utf8' })

it('passes on this repository: every installed package runs on Node.js 20.19', () => {
  const r = run(root)
  expect(r.stdout).toContain('Every installed package accepts Node.js 20.19.0')
  expect(r.status).toBe(0)
}, 30_000)

it('fails, naming the package, when one asks for a newer Node.js', () => {
  const dir = mkdtempSync(join(tmpdir(), 'check-engines-'))
  try {
    const pkg = (path: string, json: object) => {
      mkdirSync(path, { recursive: true })
      writeFileSync(join(path, 'package.json'), JSON.stringify(json))
    }
    pkg(dir, { name: 'app', engines: { node: '>=20.19' }, dependencies: { a: '1', b: '1' } })
    pkg(join(dir, 'node_modules', 'a'), { name: 'a', version: '1.0.0', engines: { node: '>=18' } })
    pkg(join(dir, 'node_modules', 'b'), { name: 'b', version: '1.0.0', engines: { node: '>=22' } })
    const r = run(dir)
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('node_modules/b 1.0.0: engines.node >=22')
    expect(r.stderr).not.toContain('node_modules/a ')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}, 30_000)
