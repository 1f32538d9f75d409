import { act, render, screen } from '@testing-library/react'
import { SessionEndsSoon, WARN_BEFORE_MS } from './session-ends-soon'

afterEach(() => vi.useRealTimers())

describe('SessionEndsSoon', () => {
  it('says nothing until five minutes before the token expires, then counts the minutes down', () => {
    vi.useFakeTimers()
    const start = Date.parse('2026-12-07T10:00:00Z')
    vi.setSystemTime(start)
    const expiresAt = new Date(start + WARN_BEFORE_MS + 60_000).toISOString()
    render(<SessionEndsSoon expiresAt={expiresAt} />)
    expect(screen.queryByRole('alert')).toBeNull()

    act(() => {
      vi.advanceTimersByTime(60_000)
    })
    expect(screen.getByRole('alert')).toHaveTextContent(
      /Your session ends soon.*Your session ends in 5 minutes, at .*with what you have typed still in place\./,
    )
    act(() => {
      vi.advanceTimersByTime(4 * 60_000)
    })
    expect(screen.getByRole('alert')).toHaveTextContent('Your session ends in 1 minute,')
    act(() => {
      vi.advanceTimersByTime(60_000)
    })
    expect(screen.queryByRole('alert')).toBeNull()
  })
})
