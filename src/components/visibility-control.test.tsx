import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query'
import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { seedImageId, type SeedImageKey } from '~mocks/seed'
import { initRuntime } from '~/config/runtime'
import { imageDetailQuery } from '~/api/queries'
import { deleteImage } from '~/api/glance'
import { glanceTarget } from '~/api/scope'
import { getSessionState, resetSessionState, signIn, useSession } from '~/session/session'
import { Toaster } from '~/ui/toast'
import { consequences, VisibilityControl } from './visibility-control'

const REGION = 'RegionOne'
const passwords = { alice: 'alice-demo', rita: 'rita-demo', admin: 'admin-demo' } as const

beforeEach(() => {
  initRuntime({ mode: 'demo', defaultDomain: 'Default' })
  resetSessionState()
})

function Harness({ imageId }: { imageId: string }) {
  const session = useSession()
  const detail = useQuery(imageDetailQuery(session, [REGION], imageId))
  if (detail.isError) return <p>detail: {detail.error.status}</p>
  if (!detail.data) return <p>loading image</p>
  return (
    <>
      <p>now: {detail.data.image.visibility}</p>
      <VisibilityControl image={detail.data.image} region={REGION} />
    </>
  )
}

async function renderControl(key: SeedImageKey, user: keyof typeof passwords = 'alice') {
  await signIn({ username: user, password: passwords[user], domain: 'Default' })
  const client = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  })
  render(
    <QueryClientProvider client={client}>
      <Harness imageId={seedImageId(key)} />
      <Toaster />
    </QueryClientProvider>,
  )
  await screen.findByRole('group', { name: /Who can use this image/ })
  return userEvent.setup()
}

describe('VisibilityControl', () => {
  it('offers public to admins only, and says why to everyone else', async () => {
    await renderControl('manyMembers')
    const pub = screen.getByRole('radio', { name: 'Public' })
    expect(pub).toBeDisabled()
    expect(pub).toHaveAccessibleDescription(/Only a cloud administrator can make an image public/)
    expect(screen.getByRole('radio', { name: 'Shared' })).toBeChecked()
    expect(screen.getByRole('radio', { name: 'Private' })).toBeEnabled()
    expect(screen.getByRole('radio', { name: 'Community' })).toBeEnabled()
  })

  it('states the consequences before making a shared image private, then applies it', async () => {
    const user = await renderControl('manyMembers')
    await user.click(screen.getByRole('radio', { name: 'Private' }))
    await user.click(screen.getByRole('button', { name: 'Change visibility' }))
    const dialog = await screen.findByRole('alertdialog', { name: 'Make this image private?' })
    expect(dialog).toHaveTextContent(/lose access at once/)
    expect(dialog).toHaveTextContent(/come back, with the status they had/)
    await user.click(within(dialog).getByRole('button', { name: 'Make private' }))
    await waitFor(() => {
      expect(screen.getByText('now: private')).toBeInTheDocument()
    })
    expect(screen.getByRole('radio', { name: 'Private' })).toBeChecked()
  })

  it('says an image deleted meanwhile is gone, and the page reads it again once that is read', async () => {
    const user = await renderControl('manyMembers')
    const alice = getSessionState().session
    if (!alice) throw new Error('alice is not signed in')
    await deleteImage(glanceTarget(alice, REGION), seedImageId('manyMembers'))
    await user.click(screen.getByRole('radio', { name: 'Private' }))
    await user.click(screen.getByRole('button', { name: 'Change visibility' }))
    const dialog = await screen.findByRole('alertdialog', { name: 'Make this image private?' })
    await user.click(within(dialog).getByRole('button', { name: 'Make private' }))
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      `Glance no longer finds image ${seedImageId('manyMembers')}: it may have been deleted or made private meanwhile.`,
    )
    // The words stay until the dialog is closed; only then does the page ask Glance again.
    expect(screen.getByText('now: shared')).toBeInTheDocument()
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }))
    expect(await screen.findByText('detail: 404')).toBeInTheDocument()
  })

  it('disables every change for a reader, with the reason', async () => {
    await renderControl('manyMembers', 'rita')
    expect(screen.getByRole('radio', { name: 'Private' })).toBeDisabled()
    const button = screen.getByRole('button', { name: 'Change visibility' })
    expect(button).toHaveAttribute('aria-disabled', 'true')
    expect(button).toHaveAccessibleDescription(
      'Your role in this project is reader: only the member role can change its visibility.',
    )
  })

  it('lets an admin make an image public', async () => {
    await renderControl('manyMembers', 'admin')
    expect(screen.getByRole('radio', { name: 'Public' })).toBeEnabled()
  })
})

describe('consequences', () => {
  it('says that private hides the image from members and sharing again brings them back', () => {
    const c = consequences('shared', 'private', 5)
    expect(c.body).toMatch(/^Its 5 member projects will lose access at once/)
    expect(c.body).toMatch(/when the image is shared again they come back/)
    expect(c.variant).toBe('danger')
    expect(consequences('private', 'shared').body).toMatch(/get access back/)
  })
})
