import { screen, waitFor } from '@testing-library/react'
import { http } from 'msw'
import { useLocation } from 'react-router'
import { server } from '~mocks/node'
import { seedImageId } from '~mocks/seed'
import { control } from '~mocks/test-helpers'
import { initRuntime } from '~/config/runtime'
import { resetSessionState } from '~/session/session'
import { renderSignedIn } from '~/test-render'
import { OpenImageById, parseImageId } from './open-image-by-id'

beforeEach(() => {
  initRuntime({ mode: 'demo', defaultDomain: 'Default' })
  resetSessionState()
})

function Opened() {
  const location = useLocation()
  return <p>Opened {location.pathname + location.search}</p>
}

async function renderField() {
  const { user } = await renderSignedIn(
    [
      { path: '/images', element: <OpenImageById /> },
      { path: '/images/:imageId', element: <Opened /> },
    ],
    { path: '/images' },
  )
  return {
    user,
    field: screen.getByRole('textbox', { name: 'Open image by ID' }),
    open: screen.getByRole('button', { name: 'Open' }),
  }
}

describe('parseImageId', () => {
  it('accepts a UUID with spaces around, in capitals or without dashes, as Glance writes it', () => {
    const id = '3f0c2b8e-1d4a-4c55-9a7e-2b6f0d9e4a11'
    expect(parseImageId(id)).toBe(id)
    expect(parseImageId(`  ${id.toUpperCase()}\n`)).toBe(id)
    expect(parseImageId(id.replace(/-/g, ''))).toBe(id)
  })

  it('refuses anything else', () => {
    for (const text of ['', 'app-server', '3f0c2b8e-1d4a-4c55-9a7e-2b6f0d9e4a1', 'g'.repeat(32)]) {
      expect(parseImageId(text)).toBeNull()
    }
  })
})

describe('Open image by ID', () => {
  it('explains a malformed ID inline and keeps the text', async () => {
    const { user, field, open } = await renderField()
    await user.type(field, 'app-server-2026.01')
    await user.click(open)
    expect(field).toHaveAttribute('aria-invalid', 'true')
    expect(field).toHaveAccessibleDescription(
      /“app-server-2026.01” is not an image ID: an image ID is a UUID/,
    )
    expect(field).toHaveValue('app-server-2026.01')
    expect(screen.queryByText(/^Opened/)).toBeNull()
  })

  it('says an unknown ID is not visible to the project in any region, and keeps the text', async () => {
    const { user, field, open } = await renderField()
    const unknown = '00000000-0000-4000-8000-000000000000'
    await user.type(field, unknown)
    await user.click(open)
    await waitFor(() => {
      expect(field).toHaveAccessibleDescription(
        `No image with ID ${unknown} is visible to project consumer-a in any region: it may not exist, or not be shared with this project.`,
      )
    })
    expect(field).toHaveAttribute('aria-invalid', 'true')
    expect(field).toHaveValue(unknown)
    expect(screen.queryByText(/^Opened/)).toBeNull()
  })

  it('opens a pending share, which no list shows, in the region that has it', async () => {
    const { user, field, open } = await renderField()
    const id = seedImageId('pendingForBob')
    await user.type(field, ` ${id.toUpperCase()} `)
    await user.click(open)
    expect(await screen.findByText(`Opened /images/${id}?region=RegionOne`)).toBeInTheDocument()
  })

  it('searches every region', async () => {
    const { user, field, open } = await renderField()
    const id = seedImageId('r2PendingForBob')
    await user.type(field, id)
    await user.click(open)
    expect(await screen.findByText(`Opened /images/${id}?region=RegionTwo`)).toBeInTheDocument()
  })

  it('is busy while looking, and shows Glance’s message when it fails otherwise', async () => {
    const { user, field, open } = await renderField()
    let release = () => {}
    const gate = new Promise<void>((resolve) => {
      release = resolve
    })
    // Returning nothing passes the request on to the demo cloud, with the fault planned below.
    server.use(
      http.get('*/v2/images/:imageId', async () => {
        await gate
      }),
    )
    await control('settings', { failNext: { status: 503, method: 'GET' } })
    await user.type(field, seedImageId('pendingForBob'))
    await user.click(open)
    await waitFor(() => {
      expect(open).toHaveAttribute('aria-busy', 'true')
    })
    release()
    await waitFor(() => {
      expect(field).toHaveAccessibleDescription(/.+/)
    })
    expect(field).toHaveAccessibleDescription(/The server is currently unavailable/)
    expect(open).not.toHaveAttribute('aria-busy')
    expect(field).toHaveValue(seedImageId('pendingForBob'))
  })
})
