import { limiter } from './limiter'

test('limiter runs at most `limit` tasks at once, in the order given, even when handed in late', async () => {
  const run = limiter(2)
  let active = 0
  let most = 0
  const started: number[] = []
  const task = (n: number) => async () => {
    started.push(n)
    active++
    most = Math.max(most, active)
    await new Promise((resolve) => setTimeout(resolve, 5))
    active--
    return n
  }
  const first = [1, 2, 3].map((n) => run(task(n)))
  // More work arrives while the first runs, as pages of a list do.
  await new Promise((resolve) => setTimeout(resolve, 1))
  const later = [4, 5].map((n) => run(task(n)))
  expect(await Promise.all([...first, ...later])).toEqual([1, 2, 3, 4, 5])
  expect(most).toBe(2)
  expect(started).toEqual([1, 2, 3, 4, 5])
})

test('a failing task frees its slot for the next', async () => {
  const run = limiter(1)
  const failed = run(() => Promise.reject(new Error('no')))
  const next = run(() => Promise.resolve('ok'))
  await expect(failed).rejects.toThrow('no')
  await expect(next).resolves.toBe('ok')
})
