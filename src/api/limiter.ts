// Apart from concurrency.ts, which the image list needs: only the project lens loads this.

/**
 * Runs the tasks given to it at most `limit` at a time, in the order given, however many callers
 * hand them in and whenever: for work that arrives while earlier work runs.
 */
export function limiter(limit: number) {
  let active = 0
  const waiting: (() => void)[] = []
  return async function run<R>(task: () => Promise<R>): Promise<R> {
    // A finished task hands its slot straight to the next in line, so none is taken twice.
    if (active < limit) active++
    else
      await new Promise<void>((go) => {
        waiting.push(go)
      })
    try {
      return await task()
    } finally {
      const next = waiting.shift()
      if (next) next()
      else active--
    }
  }
}
