import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Alert } from '~/ui/alert'
import { Badge } from '~/ui/badge'
import { Checkbox } from '~/ui/checkbox'
import { DescriptionItem, DescriptionList } from '~/ui/description-list'
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '~/ui/dialog'
import { EmptyState } from '~/ui/empty-state'
import { Label, Textarea } from '~/ui/field'
import { NativeSelect } from '~/ui/select'
import { Skeleton } from '~/ui/skeleton'
import { Spinner } from '~/ui/spinner'
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '~/ui/table'

describe('Alert', () => {
  it.each([
    ['error', 'alert'],
    ['warning', 'alert'],
    ['info', 'status'],
    ['success', 'status'],
  ] as const)('%s uses role %s', (variant, role) => {
    render(
      <Alert variant={variant} title="Title" action={<button type="button">Retry</button>}>
        Body
      </Alert>,
    )
    const alert = screen.getByRole(role)
    expect(alert).toHaveTextContent('TitleBody')
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument()
  })
})

describe('Badge, Spinner, Skeleton, EmptyState', () => {
  it('badge carries its text, spinner its label, skeleton is hidden', () => {
    const { container } = render(
      <>
        <Badge tone="danger">killed</Badge>
        <Spinner />
        <Spinner label="Loading images" />
        <Skeleton data-testid="skeleton" />
        <EmptyState title="No images yet" action={<button type="button">Upload</button>}>
          Nothing here.
        </EmptyState>
      </>,
    )
    expect(screen.getByText('killed')).toHaveAttribute('data-tone', 'danger')
    expect(screen.getAllByRole('status').map((s) => s.textContent)).toEqual([
      'Loading',
      'Loading images',
    ])
    expect(screen.getByTestId('skeleton')).toHaveAttribute('aria-hidden', 'true')
    expect(screen.getByRole('heading', { level: 2, name: 'No images yet' })).toBeInTheDocument()
    expect(container.querySelectorAll('svg:not([aria-hidden="true"])')).toHaveLength(0)
  })
})

describe('Table', () => {
  it('uses semantic elements with column headers', () => {
    render(
      <Table aria-label="Images">
        <TableHeader>
          <TableRow>
            <TableHead>Name</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          <TableRow>
            <TableCell>cirros</TableCell>
          </TableRow>
        </TableBody>
      </Table>,
    )
    expect(screen.getByRole('table', { name: 'Images' })).toBeInTheDocument()
    expect(screen.getByRole('columnheader', { name: 'Name' })).toHaveAttribute('scope', 'col')
    expect(screen.getByRole('cell', { name: 'cirros' })).toBeInTheDocument()
  })
})

describe('Dialog', () => {
  it('opens from its trigger with a labelled close button', async () => {
    const user = userEvent.setup()
    render(
      <Dialog>
        <DialogTrigger>Edit</DialogTrigger>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>Edit image</DialogTitle>
            <DialogDescription>Change the name.</DialogDescription>
          </DialogHeader>
          <DialogFooter>Footer</DialogFooter>
        </DialogContent>
      </Dialog>,
    )

    await user.click(screen.getByRole('button', { name: 'Edit' }))
    const dialog = screen.getByRole('dialog', { name: 'Edit image' })
    expect(dialog).toHaveAccessibleDescription('Change the name.')

    await user.click(screen.getByRole('button', { name: 'Close' }))
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Edit' })).toHaveFocus()
  })

  it('accepts aria-describedby={undefined} without a Description', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    render(
      <Dialog open>
        <DialogContent aria-describedby={undefined}>
          <DialogTitle>Plain</DialogTitle>
        </DialogContent>
      </Dialog>,
    )
    expect(screen.getByRole('dialog', { name: 'Plain' })).not.toHaveAttribute('aria-describedby')
    expect(warn).not.toHaveBeenCalled()
  })
})

describe('Select', () => {
  it('NativeSelect is a labelled combobox', async () => {
    const user = userEvent.setup()
    render(
      <>
        <label htmlFor="region">Region</label>
        <NativeSelect id="region" defaultValue="RegionOne">
          <option>RegionOne</option>
          <option>RegionTwo</option>
        </NativeSelect>
      </>,
    )
    const select = screen.getByRole('combobox', { name: 'Region' })
    await user.selectOptions(select, 'RegionTwo')
    expect(select).toHaveValue('RegionTwo')
  })
})

describe('DescriptionList', () => {
  it('pairs each term with its value', () => {
    render(
      <DescriptionList>
        <DescriptionItem term="Status">active</DescriptionItem>
        <DescriptionItem term="Region">RegionOne</DescriptionItem>
      </DescriptionList>,
    )
    expect(screen.getAllByRole('term').map((t) => t.textContent)).toEqual(['Status', 'Region'])
    expect(screen.getAllByRole('definition').map((d) => d.textContent)).toEqual([
      'active',
      'RegionOne',
    ])
  })
})

describe('Textarea', () => {
  it('is a textbox named by its label', async () => {
    const user = userEvent.setup()
    render(
      <>
        <Label htmlFor="ids">Project IDs</Label>
        <Textarea id="ids" />
      </>,
    )
    const box = screen.getByRole('textbox', { name: 'Project IDs' })
    await user.type(box, 'a{Enter}b')
    expect(box).toHaveValue('a\nb')
  })
})

describe('Checkbox', () => {
  it('is a named checkbox that toggles, by click or label', async () => {
    const user = userEvent.setup()
    const onCheckedChange = vi.fn()
    render(
      <>
        <Checkbox id="confirm" onCheckedChange={onCheckedChange} />
        <label htmlFor="confirm">Make this image shared</label>
      </>,
    )
    const box = screen.getByRole('checkbox', { name: 'Make this image shared' })
    expect(box).not.toBeChecked()
    await user.click(box)
    expect(box).toBeChecked()
    await user.click(screen.getByText('Make this image shared'))
    expect(box).not.toBeChecked()
    expect(onCheckedChange.mock.calls).toEqual([[true], [false]])
  })

  it('says "some" as mixed, and a disabled box does not change', async () => {
    const user = userEvent.setup()
    const onCheckedChange = vi.fn()
    render(
      <>
        <Checkbox aria-label="Select all" checked="indeterminate" />
        <Checkbox aria-label="Select cirros" disabled onCheckedChange={onCheckedChange} />
      </>,
    )
    expect(screen.getByRole('checkbox', { name: 'Select all' })).toBePartiallyChecked()
    const disabled = screen.getByRole('checkbox', { name: 'Select cirros' })
    expect(disabled).toBeDisabled()
    await user.click(disabled)
    expect(onCheckedChange).not.toHaveBeenCalled()
  })
})
