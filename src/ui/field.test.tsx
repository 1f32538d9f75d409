import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { TextField } from '~/ui/field'

describe('TextField', () => {
  it('labels the input and passes input props through', async () => {
    const user = userEvent.setup()
    render(
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
      />,
    )

    const input = screen.getByLabelText('Password')
    expect(input).toHaveAttribute('type', 'password')
    expect(input).toHaveAttribute('autocomplete', 'current-password')
    expect(input).toHaveAttribute('name', 'password')
    expect(input).toBeRequired()
    expect(input).not.toHaveAttribute('aria-invalid')
    expect(input).not.toHaveAttribute('aria-describedby')

    await user.type(input, 'hunter2')
    expect(input).toHaveValue('hunter2')
  })

  it('describes the input with its hint', () => {
    render(<TextField label="Project" hint="Optional. Leave empty to choose later." />)
    expect(screen.getByRole('textbox', { name: 'Project' })).toHaveAccessibleDescription(
      'Optional. Leave empty to choose later.',
    )
  })

  it('marks the input invalid and links the error message', () => {
    render(
      <TextField label="User name" hint="As given by your admin." error="Enter a user name." />,
    )

    const input = screen.getByRole('textbox', { name: 'User name' })
    expect(input).toBeInvalid()
    expect(input).toHaveAccessibleErrorMessage('Enter a user name.')
    expect(input).toHaveAccessibleDescription('As given by your admin. Enter a user name.')
    // Not a live region: focus management on submit is what announces it.
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  })

  it('honours a caller-supplied id', () => {
    render(
      <>
        <TextField id="domain" label="Domain" error="Unknown domain" />
        <a href="#domain">Fix domain</a>
      </>,
    )
    const input = screen.getByLabelText('Domain')
    expect(input).toHaveAttribute('id', 'domain')
    expect(input).toHaveAccessibleErrorMessage('Unknown domain')
  })
})
