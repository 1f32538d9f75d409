import type * as React from 'react'
import { act, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Button } from '~/ui/button'

describe('Button', () => {
  it('is a non-submitting button by default and calls onClick', async () => {
    const user = userEvent.setup()
    const onClick = vi.fn()
    const onSubmit = vi.fn((event: React.SyntheticEvent) => {
      event.preventDefault()
    })
    render(
      <form onSubmit={onSubmit}>
        <Button onClick={onClick}>Save</Button>
      </form>,
    )

    const button = screen.getByRole('button', { name: 'Save' })
    expect(button).toHaveAttribute('type', 'button')
    await user.click(button)
    expect(onClick).toHaveBeenCalledTimes(1)
    expect(onSubmit).not.toHaveBeenCalled()
  })

  it('loading sets aria-busy, disables the button and keeps its name', async () => {
    const user = userEvent.setup()
    const onClick = vi.fn()
    render(
      <Button loading onClick={onClick}>
        Sign in
      </Button>,
    )

    const button = screen.getByRole('button', { name: 'Sign in' })
    expect(button).toHaveAttribute('aria-busy', 'true')
    expect(button).toBeDisabled()
    await user.click(button)
    expect(onClick).not.toHaveBeenCalled()
  })

  describe('disabledReason', () => {
    // jsdom lacks ResizeObserver, which Radix measures the open tooltip with.
    beforeEach(() => {
      vi.stubGlobal(
        'ResizeObserver',
        class {
          observe() {}
          unobserve() {}
          disconnect() {}
        },
      )
    })
    afterEach(() => {
      vi.unstubAllGlobals()
    })

    it('stays focusable, is aria-disabled and describes the reason', async () => {
      const user = userEvent.setup()
      render(<Button disabledReason="Protected images can't be deleted">Delete</Button>)
      // The tooltip's code loads with the first button that needs it.
      await act(() => import('~/ui/tooltip'))

      const button = screen.getByRole('button', { name: 'Delete' })
      expect(button).toHaveAttribute('aria-disabled', 'true')
      expect(button).not.toBeDisabled()
      expect(button).toHaveAccessibleDescription("Protected images can't be deleted")

      await user.tab()
      expect(button).toHaveFocus()
      expect(await screen.findByRole('tooltip')).toHaveTextContent(
        "Protected images can't be deleted",
      )
      // The tooltip replaces, not repeats, the hidden description.
      expect(button).toHaveAccessibleDescription("Protected images can't be deleted")
    })

    it('blocks clicks, keyboard activation and form submission', async () => {
      const user = userEvent.setup()
      const onClick = vi.fn()
      const onSubmit = vi.fn((event: React.SyntheticEvent) => {
        event.preventDefault()
      })
      render(
        <form onSubmit={onSubmit}>
          <Button type="submit" disabledReason="Nothing to save" onClick={onClick}>
            Save
          </Button>
        </form>,
      )

      const button = screen.getByRole('button', { name: 'Save' })
      await user.click(button)
      button.focus()
      await user.keyboard('{Enter}')
      await user.keyboard(' ')
      expect(onClick).not.toHaveBeenCalled()
      expect(onSubmit).not.toHaveBeenCalled()
    })

    it('keeps a caller-provided description', () => {
      render(
        <>
          <p id="extra">Three images selected</p>
          <Button aria-describedby="extra" disabledReason="Read-only project">
            Delete
          </Button>
        </>,
      )
      expect(screen.getByRole('button', { name: 'Delete' })).toHaveAccessibleDescription(
        'Three images selected Read-only project',
      )
    })
  })

  it('merges className last so callers can override', () => {
    render(<Button className="w-full px-8">Go</Button>)
    const button = screen.getByRole('button', { name: 'Go' })
    expect(button).toHaveClass('w-full', 'px-8')
    expect(button).not.toHaveClass('px-4')
  })
})
