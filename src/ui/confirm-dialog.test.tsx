import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState, type ReactElement } from 'react'
import { ConfirmDialog, type ConfirmDialogProps } from '~/ui/confirm-dialog'

function Harness(props: Partial<ConfirmDialogProps> & Pick<ConfirmDialogProps, 'onConfirm'>) {
  const [open, setOpen] = useState(true)
  return (
    <>
      <p>{open ? 'open' : 'closed'}</p>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title="Delete image?"
        description="cirros-0.6 will be deleted permanently."
        confirmLabel="Delete image"
        {...props}
      />
    </>
  )
}

/** Renders an open dialog and waits for its code, which loads the first time one opens. */
async function renderOpen(ui: ReactElement) {
  render(ui)
  await screen.findByRole('alertdialog')
}

function deferred() {
  let resolve: () => void = () => undefined
  let reject: (reason: unknown) => void = () => undefined
  const promise = new Promise<void>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

describe('ConfirmDialog', () => {
  it('is an alertdialog named by its title and described by its description', async () => {
    await renderOpen(<Harness onConfirm={vi.fn()} />)
    const dialog = screen.getByRole('alertdialog', { name: 'Delete image?' })
    expect(dialog).toHaveAccessibleDescription('cirros-0.6 will be deleted permanently.')
    // Destructive default: focus starts on the safe choice.
    expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus()
  })

  it('closes on Cancel without confirming', async () => {
    const user = userEvent.setup()
    const onConfirm = vi.fn()
    await renderOpen(<Harness onConfirm={onConfirm} />)

    await user.click(screen.getByRole('button', { name: 'Cancel' }))

    expect(onConfirm).not.toHaveBeenCalled()
    expect(screen.getByText('closed')).toBeInTheDocument()
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument()
  })

  it('closes right away after a synchronous onConfirm', async () => {
    const user = userEvent.setup()
    const onConfirm = vi.fn()
    await renderOpen(<Harness onConfirm={onConfirm} />)

    await user.click(screen.getByRole('button', { name: 'Delete image' }))

    expect(onConfirm).toHaveBeenCalledTimes(1)
    expect(screen.getByText('closed')).toBeInTheDocument()
  })

  it('stays open and busy until the returned promise resolves', async () => {
    const user = userEvent.setup()
    const work = deferred()
    await renderOpen(<Harness onConfirm={() => work.promise} />)

    await user.click(screen.getByRole('button', { name: 'Delete image' }))

    const confirm = screen.getByRole('button', { name: 'Delete image' })
    expect(confirm).toHaveAttribute('aria-busy', 'true')
    expect(confirm).toBeDisabled()
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeDisabled()
    await user.keyboard('{Escape}')
    expect(screen.getByRole('alertdialog')).toBeInTheDocument()

    work.resolve()
    await waitFor(() => {
      expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument()
    })
    expect(screen.getByText('closed')).toBeInTheDocument()
  })

  it('stays open for a retry when the promise rejects', async () => {
    const user = userEvent.setup()
    const work = deferred()
    await renderOpen(<Harness onConfirm={() => work.promise} />)

    await user.click(screen.getByRole('button', { name: 'Delete image' }))
    work.reject(new Error('409 Conflict'))

    const confirm = screen.getByRole('button', { name: 'Delete image' })
    await waitFor(() => {
      expect(confirm).toBeEnabled()
    })
    expect(screen.getByRole('alertdialog')).toBeInTheDocument()
    expect(confirm).not.toHaveAttribute('aria-busy')
  })

  it('honours the external pending flag', async () => {
    const user = userEvent.setup()
    await renderOpen(
      <Harness onConfirm={vi.fn()} pending variant="primary" confirmLabel="Accept" />,
    )

    expect(screen.getByRole('button', { name: 'Accept' })).toHaveAttribute('aria-busy', 'true')
    await user.keyboard('{Escape}')
    expect(screen.getByText('open')).toBeInTheDocument()
  })
})
