// The demo panel for the benches: built from a checkout, served with `vite preview`, and its demo
// cloud's world reset from inside a page (MSW runs there).
import { spawn, spawnSync } from 'node:child_process'
import { resolve } from 'node:path'

/** Builds the checkout `dir` into a private folder, or takes the build `dist` as it is. */
export function buildDemo(dir, dist) {
  if (dist) return resolve(dist)
  const out = `/tmp/isp-bench-dist-${dir.replace(/[^a-z0-9]+/gi, '-')}`
  console.error(`building ${dir} into ${out}…`)
  const r = spawnSync(
    'npx',
    ['vite', 'build', '--outDir', out, '--emptyOutDir', '--logLevel', 'warn'],
    { cwd: dir, stdio: ['ignore', 'inherit', 'inherit'] },
  )
  if (r.status !== 0) throw new Error(`vite build failed in ${dir}`)
  return out
}

/** Serves `dist` on `port` until the returned function is called. */
export async function serveDemo(dir, dist, port) {
  const base = `http://127.0.0.1:${port}`
  const child = spawn(
    'npx',
    ['vite', 'preview', '--outDir', dist, '--port', String(port), '--strictPort'],
    { cwd: dir, stdio: 'ignore', detached: true },
  )
  const stop = () => {
    try {
      // Its own process group: npx and the vite it started.
      process.kill(-child.pid, 'SIGTERM')
    } catch {
      // already gone
    }
  }
  for (let i = 0; i < 120; i++) {
    if (await answers(`${base}/config.json`)) return stop
    await new Promise((r) => setTimeout(r, 500))
  }
  stop()
  throw new Error(`vite preview did not answer on ${base}`)
}

export async function answers(url) {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2000) })).ok
  } catch {
    return false
  }
}

/** Reset the demo world (standard, large or lens) in this tab's demo cloud; how long it took. */
export async function resetWorld(page, seed, keepTokens = false) {
  return page.evaluate(
    async ({ seed, keepTokens }) => {
      const t0 = performance.now()
      const q = new URLSearchParams({ seed, ...(keepTokens ? { keepTokens: '1' } : {}) })
      const r = await fetch(`/demo-cloud/_control/reset?${q}`, { method: 'POST' })
      if (!r.ok) throw new Error(`reset: ${r.status}`)
      return performance.now() - t0
    },
    { seed, keepTokens },
  )
}
