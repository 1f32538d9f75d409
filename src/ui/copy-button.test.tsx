import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { CopyButton } from '~/ui/copy-button'

describe('CopyButton', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('is named after what it copies and writes the value to the clipboard', async () => {
    const user = userEvent.setup()
    render(<CopyButton value="4f1c-9a" label="image ID" />)

    await user.click(screen.getByRole('button', { name: 'Copy image ID' }))

    await expect(navigator.clipboard.readText()).resolves.toBe('4f1c-9a')
  })

  it('announces "Copied" in a live region for 2 seconds', async () => {
    // shouldAdvanceTime: Testing Library's async helpers wait on a real setTimeout(0).
    vi.useFakeTimers({ shouldAdvanceTime: true })
    const user = userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) })
    const { container } = render(<CopyButton value="abc" label="checksum" />)
    const live = container.querySelector('[aria-live="polite"]')
    expect(live).toBeInTheDocument()
    expect(live).toBeEmptyDOMElement()

    await user.click(screen.getByRole('button', { name: 'Copy checksum' }))
    await waitFor(() => {
      expect(live).toHaveTextContent('Copied')
    })

    act(() => {
      vi.advanceTimersByTime(1500)
    })
    expect(live).toHaveTextContent('Copied')
    act(() => {
      vi.advanceTimersByTime(600)
    })
    expect(live).toBeEmptyDOMElement()
  })

  describe('without the async Clipboard API (http origins)', () => {
    const original = Object.getOwnPropertyDescriptor(window.navigator, 'clipboard')

    beforeEach(() => {
      Object.defineProperty(window.navigator, 'clipboard', { configurable: true, value: undefined })
    })
    afterEach(() => {
      if (original) Object.defineProperty(window.navigator, 'clipboard', original)
      else Reflect.deleteProperty(window.navigator, 'clipboard')
      Reflect.deleteProperty(document, 'execCommand')
    })

    it('falls back to a hidden textarea and execCommand, keeping focus on the button', async () => {
      let copied: string | undefined
      const execCommand = vi.fn((command: string) => {
        const active = document.activeElement
        if (command === 'copy' && active instanceof HTMLTextAreaElement) copied = active.value
        return true
      })
      Object.defineProperty(document, 'execCommand', { configurable: true, value: execCommand })
      render(<CopyButton value="secret-id" label="project ID" />)
      const button = screen.getByRole('button', { name: 'Copy project ID' })
      button.focus()

      fireEvent.click(button)

      expect(await screen.findByText('Copied')).toBeInTheDocument()
      expect(execCommand).toHaveBeenCalledWith('copy')
      expect(copied).toBe('secret-id')
      expect(document.querySelector('textarea')).not.toBeInTheDocument()
      expect(button).toHaveFocus()
    })

    it('announces a failure when nothing could copy', async () => {
      Object.defineProperty(document, 'execCommand', {
        configurable: true,
        value: vi.fn(() => false),
      })
      render(<CopyButton value="x" label="name" />)

      fireEvent.click(screen.getByRole('button', { name: 'Copy name' }))

      expect(await screen.findByText('Copy failed')).toBeInTheDocument()
    })
  })
})
