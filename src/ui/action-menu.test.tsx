import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'

// Each test imports ActionMenu afresh, so its menu's code has not loaded yet when the page shows:
// the trigger stands alone, and a click on it must not be lost.
async function freshActionMenu() {
  vi.resetModules()
  return (await import('~/ui/action-menu')).ActionMenu
}

const actions = [
  { label: 'Rename', onSelect: vi.fn() },
  { label: 'Delete', onSelect: vi.fn(), variant: 'danger' as const },
]
const trigger = <button type="button">Actions</button>

describe('ActionMenu before its code has loaded', () => {
  it('opens once loaded when its trigger was clicked', async () => {
    const ActionMenu = await freshActionMenu()
    const user = userEvent.setup()
    render(<ActionMenu trigger={trigger} actions={actions} />)

    const button = screen.getByRole('button', { name: 'Actions' })
    expect(button).toHaveAttribute('aria-haspopup', 'menu')
    await user.click(button)

    const menu = await screen.findByRole('menu')
    expect(menu).toBeInTheDocument()
    expect(screen.getByRole('menuitem', { name: 'Rename' })).not.toHaveFocus()
  })

  it('starts on the first item when Enter opened it, as a key press on a loaded menu does', async () => {
    const ActionMenu = await freshActionMenu()
    const user = userEvent.setup()
    render(<ActionMenu trigger={trigger} actions={actions} />)

    screen.getByRole('button', { name: 'Actions' }).focus()
    await user.keyboard('{Enter}')

    await screen.findByRole('menu')
    expect(await screen.findByRole('menuitem', { name: 'Rename' })).toHaveFocus()
    await user.keyboard('{ArrowDown}')
    expect(screen.getByRole('menuitem', { name: 'Delete' })).toHaveFocus()
  })

  it('hands focus from the stand-in to the real trigger when the code arrives', async () => {
    const ActionMenu = await freshActionMenu()
    render(<ActionMenu trigger={trigger} actions={actions} />)

    const standIn = screen.getByRole('button', { name: 'Actions' })
    standIn.focus()

    // Radix's trigger says its state; the stand-in does not.
    await waitFor(() => {
      expect(screen.getByRole('button', { name: 'Actions' })).toHaveAttribute(
        'data-state',
        'closed',
      )
    })
    expect(screen.getByRole('button', { name: 'Actions' })).not.toBe(standIn)
    expect(screen.getByRole('button', { name: 'Actions' })).toHaveFocus()
  })
})
