import { act, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Toaster } from '~/ui/toast'
import { addToast, clearToasts, dismissToast } from '~/ui/toast-store'

// The store is module-level, so each test starts and ends empty.
beforeEach(() => {
  clearToasts()
})
afterEach(() => {
  act(() => {
    clearToasts()
  })
  vi.useRealTimers()
})

describe('Toaster', () => {
  it('renders added toasts in a polite live region, errors in an assertive one', () => {
    render(<Toaster />)
    expect(screen.getByRole('region', { name: 'Notifications' })).toBeInTheDocument()

    act(() => {
      addToast({ title: 'Image saved', description: 'cirros is ready', variant: 'success' })
      addToast({ title: 'Delete failed', variant: 'error' })
    })

    const saved = screen.getByText('Image saved').closest('li')
    expect(saved).toHaveTextContent('cirros is ready')
    expect(saved?.closest('[aria-live]')).toHaveAttribute('aria-live', 'polite')
    expect(screen.getByText('Delete failed').closest('[aria-live]')).toHaveAttribute(
      'aria-live',
      'assertive',
    )
  })

  it('shows toasts added before the Toaster mounted', () => {
    addToast({ title: 'Early' })
    render(<Toaster />)
    expect(screen.getByText('Early')).toBeInTheDocument()
  })

  it('runs the action and then dismisses the toast', async () => {
    const user = userEvent.setup()
    const undo = vi.fn()
    render(<Toaster />)
    act(() => {
      addToast({ title: 'Image removed', action: { label: 'Undo', onClick: undo } })
    })

    await user.click(screen.getByRole('button', { name: 'Undo' }))

    expect(undo).toHaveBeenCalledTimes(1)
    expect(screen.queryByText('Image removed')).not.toBeInTheDocument()
  })

  it('is dismissed with its Dismiss button or dismissToast(id)', async () => {
    const user = userEvent.setup()
    render(<Toaster />)
    let second = ''
    act(() => {
      addToast({ title: 'First' })
      second = addToast({ title: 'Second' })
    })

    const first = screen.getByText('First').closest('li')
    if (!first) throw new Error('toast not rendered')
    await user.click(within(first).getByRole('button', { name: 'Dismiss' }))
    expect(screen.queryByText('First')).not.toBeInTheDocument()

    act(() => {
      dismissToast(second)
    })
    expect(screen.queryByText('Second')).not.toBeInTheDocument()
  })

  it('auto-dismisses after durationMs (default 5 s)', () => {
    vi.useFakeTimers()
    render(<Toaster />)
    act(() => {
      addToast({ title: 'Default' })
      addToast({ title: 'Quick', durationMs: 1000 })
      addToast({ title: 'Sticky', durationMs: Infinity })
    })

    act(() => {
      vi.advanceTimersByTime(1000)
    })
    expect(screen.queryByText('Quick')).not.toBeInTheDocument()
    expect(screen.getByText('Default')).toBeInTheDocument()

    act(() => {
      vi.advanceTimersByTime(4000)
    })
    expect(screen.queryByText('Default')).not.toBeInTheDocument()

    act(() => {
      vi.advanceTimersByTime(60_000)
    })
    expect(screen.getByText('Sticky')).toBeInTheDocument()
  })

  it('pauses the countdown while a toast is hovered or focused', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    const user = userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) })
    render(<Toaster />)
    act(() => {
      addToast({ title: 'Undo me', durationMs: 1000, action: { label: 'Undo', onClick: vi.fn() } })
    })

    await user.hover(screen.getByText('Undo me'))
    act(() => {
      vi.advanceTimersByTime(5000)
    })
    expect(screen.getByText('Undo me')).toBeInTheDocument()

    // Keyboard focus keeps it open after the pointer leaves.
    act(() => {
      screen.getByRole('button', { name: 'Undo' }).focus()
    })
    await user.unhover(screen.getByText('Undo me'))
    act(() => {
      vi.advanceTimersByTime(5000)
    })
    expect(screen.getByText('Undo me')).toBeInTheDocument()

    act(() => {
      screen.getByRole('button', { name: 'Undo' }).blur()
    })
    act(() => {
      vi.advanceTimersByTime(1000)
    })
    expect(screen.queryByText('Undo me')).not.toBeInTheDocument()
  })
})
