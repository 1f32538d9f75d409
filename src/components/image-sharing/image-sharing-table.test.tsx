import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query'
import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { FOREIGN_PROJECT_ID, seedImageId, seedProjectId, type SeedImageKey } from '~mocks/seed'
import { server } from '~mocks/node'
import { initRuntime } from '~/config/runtime'
import { deleteImage, getImage, setImageVisibility } from '~/api/glance'
import { imageDetailQuery, SHARING_POLL_MS, sharingMembersQuery } from '~/api/queries'
import type { Image, Member } from '~/api/schemas'
import { glanceTarget } from '~/api/scope'
import { resetSessionState, signIn, useSession } from '~/session/session'
import { Toaster } from '~/ui/toast'
import { ImageSharingTable } from './image-sharing-table'
import { membersCsv } from './members-csv'

const REGION = 'RegionOne'
const consumerA = seedProjectId('consumer-a')
const consumerB = seedProjectId('consumer-b')
const qa = seedProjectId('qa')
const passwords = { alice: 'alice-demo', rita: 'rita-demo', bob: 'bob-demo' } as const

beforeEach(() => {
  initRuntime({ mode: 'demo', defaultDomain: 'Default' })
  resetSessionState()
})

/** The section as Image Detail shows it: the image from its detail query, or as given (stale). */
function Harness({ imageId, stale }: { imageId: string; stale?: Image }) {
  const session = useSession()
  const detail = useQuery({
    ...imageDetailQuery(session, [REGION], imageId),
    enabled: stale === undefined,
  })
  const image = stale ?? detail.data?.image
  if (!image) return <p>loading image</p>
  return <ImageSharingTable image={image} region={REGION} />
}

async function renderSection(
  key: SeedImageKey,
  user: keyof typeof passwords = 'alice',
  opts: { stale?: (session: Awaited<ReturnType<typeof signIn>>) => Promise<Image> } = {},
) {
  const session = await signIn({ username: user, password: passwords[user], domain: 'Default' })
  const stale = opts.stale ? await opts.stale(session) : undefined
  const client = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  })
  render(
    <QueryClientProvider client={client}>
      <Harness imageId={seedImageId(key)} stale={stale} />
      <Toaster />
    </QueryClientProvider>,
  )
  return { session, client, user: userEvent.setup() }
}

const table = () => screen.findByRole('table', { name: 'Image Sharing' })
const rowOf = async (memberId: string) =>
  within(await table())
    .getAllByRole('row')
    .find((r) => r.textContent.includes(memberId)) as HTMLElement
const dataRows = async () =>
  within(await table())
    .getAllByRole('row')
    .slice(1)

/** Every request to …/members the demo cloud receives. */
function recordMemberCalls() {
  const calls: string[] = []
  server.events.on('request:start', ({ request }) => {
    if (/\/members(\/|$)/.test(new URL(request.url).pathname))
      calls.push(`${request.method} ${new URL(request.url).pathname}`)
  })
  return calls
}

afterEach(() => {
  server.events.removeAllListeners()
})

describe('Image Sharing table', () => {
  it('shows each member with a status badge in words and flags shares pending over a week', async () => {
    await renderSection('manyMembers')
    const rows = await dataRows()
    expect(rows).toHaveLength(5)
    expect(within(await rowOf(consumerA)).getByText('Accepted')).toBeInTheDocument()
    expect(within(await rowOf(consumerB)).getByText('Rejected')).toBeInTheDocument()
    expect(within(await rowOf(qa)).getByText('Pending')).toBeInTheDocument()
    // The seed's pending shares are months old: both carry the hint, the others do not.
    for (const id of [qa, FOREIGN_PROJECT_ID]) {
      expect(within(await rowOf(id)).getByText(/check the project ID/)).toBeInTheDocument()
    }
    expect(within(await rowOf(consumerA)).queryByText(/check the project ID/)).toBeNull()
    // Re-share is offered only where the member rejected.
    expect(within(await rowOf(consumerB)).getByRole('button', { name: 'Re-share' })).toBeVisible()
    expect(within(await rowOf(consumerA)).queryByRole('button', { name: 'Re-share' })).toBeNull()
    expect(screen.getByRole('button', { name: 'Copy all member IDs' })).toBeVisible()
  })

  it('filters by status', async () => {
    const { user } = await renderSection('manyMembers')
    await table()
    const filter = screen.getByLabelText('Filter by status')
    await user.selectOptions(filter, 'pending')
    expect((await dataRows()).map((r) => r.textContent.includes('Pending'))).toEqual([true, true])
    await user.selectOptions(filter, 'rejected')
    expect(await dataRows()).toHaveLength(1)
    expect((await dataRows())[0]).toHaveTextContent(consumerB)
    await user.selectOptions(filter, 'accepted')
    expect(await dataRows()).toHaveLength(2)
    await user.selectOptions(filter, 'all')
    expect(await dataRows()).toHaveLength(5)
  })

  it('removes a member after confirmation, and Undo shares it again as pending', async () => {
    const { user } = await renderSection('manyMembers')
    await user.click(within(await rowOf(consumerA)).getByRole('button', { name: 'Remove' }))
    const dialog = await screen.findByRole('alertdialog', { name: 'Remove this member?' })
    expect(dialog).toHaveTextContent(consumerA)
    await user.click(within(dialog).getByRole('button', { name: 'Remove' }))
    await waitFor(() => {
      expect(screen.queryByRole('alertdialog')).toBeNull()
    })
    await waitFor(async () => {
      expect(await dataRows()).toHaveLength(4)
    })
    expect(screen.getByText(`Removed ${consumerA}`)).toBeInTheDocument()
    expect(screen.getByText(/Glance resets it to pending/)).toBeInTheDocument()

    await user.click(screen.getByRole('button', { name: 'Undo' }))
    await waitFor(async () => {
      expect(await dataRows()).toHaveLength(5)
    })
    // Back, but pending: Glance resets a re-added member.
    expect(within(await rowOf(consumerA)).getByText('Pending')).toBeInTheDocument()
    expect(await screen.findByText(`Shared with ${consumerA} again`)).toBeInTheDocument()
  })

  it('re-shares a rejected member, which makes it pending again', async () => {
    const { user } = await renderSection('rejectedByBob')
    const calls = recordMemberCalls()
    await user.click(within(await rowOf(consumerA)).getByRole('button', { name: 'Re-share' }))
    const dialog = await screen.findByRole('alertdialog', { name: 'Re-share with this project?' })
    await user.click(within(dialog).getByRole('button', { name: 'Re-share' }))
    await waitFor(async () => {
      expect(within(await rowOf(consumerA)).getByText('Pending')).toBeInTheDocument()
    })
    // Just re-shared: not stale, so no hint.
    expect(within(await rowOf(consumerA)).queryByText(/check the project ID/)).toBeNull()
    expect(within(await rowOf(consumerB)).getByText('Rejected')).toBeInTheDocument()
    expect(calls.filter((c) => !c.startsWith('GET'))).toEqual([
      `DELETE /proxy/image/RegionOne/v2/images/${seedImageId('rejectedByBob')}/members/${consumerA}`,
      `POST /proxy/image/RegionOne/v2/images/${seedImageId('rejectedByBob')}/members`,
    ])
  })

  it('exports the rows shown as CSV', async () => {
    const blobs: Blob[] = []
    const create = vi.fn((b: Blob) => {
      blobs.push(b)
      return 'blob:members'
    })
    // jsdom has no object URLs; the download itself is the browser's (see the e2e spec).
    const saved = Object.getOwnPropertyDescriptors(URL)
    URL.createObjectURL = create
    URL.revokeObjectURL = vi.fn()
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {})
    const { user } = await renderSection('manyMembers')
    await table()
    await user.selectOptions(screen.getByLabelText('Filter by status'), 'pending')
    await user.click(screen.getByRole('button', { name: 'Export CSV' }))
    expect(click).toHaveBeenCalledOnce()
    const text = await new Promise<string>((resolve) => {
      const reader = new FileReader()
      reader.onload = () => {
        resolve(typeof reader.result === 'string' ? reader.result : '')
      }
      reader.readAsText(blobs[0] as Blob)
    })
    const lines = text.trimEnd().split('\r\n')
    expect(lines[0]).toBe(
      'project_id,project_name,status,shared_at,last_changed,your_name_for_project',
    )
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 3))).toEqual([
      [qa, '', 'pending'],
      [FOREIGN_PROJECT_ID, '', 'pending'],
    ])
    click.mockRestore()
    Object.defineProperties(URL, saved)
  })

  it('keeps CSV cells safe: quotes, commas and formula-like member IDs', () => {
    const member = (id: string): Member => ({
      image_id: 'i',
      member_id: id,
      status: 'pending',
      created_at: '2026-01-01T00:00:00Z',
      updated_at: '2026-01-02T00:00:00Z',
    })
    const csv = membersCsv([member('=HYPERLINK("x")'), member('a,b')], (id) =>
      id === 'a,b' ? 'Team "A"' : undefined,
    )
    expect(csv.split('\r\n')).toEqual([
      'project_id,project_name,status,shared_at,last_changed,your_name_for_project',
      `"'=HYPERLINK(""x"")",,pending,2026-01-01T00:00:00Z,2026-01-02T00:00:00Z,`,
      '"a,b","Team ""A""",pending,2026-01-01T00:00:00Z,2026-01-02T00:00:00Z,',
      '',
    ])
  })

  it('explains sharing when there are no members', async () => {
    await renderSection('producerQueued')
    expect(await screen.findByText('Not shared with any project yet')).toBeInTheDocument()
    expect(screen.getByText(/Each project sees it as pending until it accepts/)).toBeVisible()
  })

  it('does not ask Glance for members of a private or public image, and says why', async () => {
    const calls = recordMemberCalls()
    await renderSection('producerPrivate')
    expect(await screen.findByText(/make it shared to add members/)).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Share Image' })).toBeEnabled()
    expect(calls).toEqual([])
  })

  it('shows a reader the actions disabled, with the reason', async () => {
    await renderSection('manyMembers', 'rita')
    const remove = within(await rowOf(consumerA)).getByRole('button', { name: 'Remove' })
    expect(remove).toHaveAttribute('aria-disabled', 'true')
    expect(remove).toHaveAccessibleDescription(
      'Your role in this project is reader: only the member role can remove members.',
    )
    expect(screen.getByRole('button', { name: 'Share Image' })).toHaveAttribute(
      'aria-disabled',
      'true',
    )
    expect(screen.getByRole('button', { name: 'Share Image' })).toHaveAccessibleDescription(
      /reader/,
    )
  })

  it('explains to another project that only the owner sees the members', async () => {
    const calls = recordMemberCalls()
    await renderSection('acceptedByBob', 'bob')
    expect(await screen.findByText(/Only its owner/)).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Share Image' })).toBeNull()
    expect(calls).toEqual([])
  })

  it('says in words when the image was deleted meanwhile', async () => {
    const { session, user } = await renderSection('manyMembers')
    const row = await rowOf(consumerA)
    await deleteImage(glanceTarget(session, REGION), seedImageId('manyMembers'))
    await user.click(within(row).getByRole('button', { name: 'Remove' }))
    const dialog = await screen.findByRole('alertdialog', { name: 'Remove this member?' })
    await user.click(within(dialog).getByRole('button', { name: 'Remove' }))
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      /Glance no longer finds this image or this member.*not found/,
    )
  })

  it('shows Glance’s own 403 when the image turned private behind the page', async () => {
    await renderSection('manyMembers', 'alice', {
      stale: async (session) => {
        const t = glanceTarget(session, REGION)
        const image = await getImage(t, seedImageId('manyMembers'))
        await setImageVisibility(t, image.id, 'private')
        return image
      },
    })
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('The member list could not be loaded')
    expect(alert).toHaveTextContent(
      `Not allowed to list members for image ${seedImageId('manyMembers')}: Only shared images have members.`,
    )
  })

  it('keeps the members fresh: polls every 30 s and on window focus', async () => {
    const session = await signIn({ username: 'alice', password: 'alice-demo', domain: 'Default' })
    const q = sharingMembersQuery(session, REGION, 'x')
    expect(q.refetchInterval).toBe(SHARING_POLL_MS)
    expect(SHARING_POLL_MS).toBe(30_000)
    expect(q.refetchOnWindowFocus).toBe(true)
    expect(q.refetchIntervalInBackground).toBe(false)
  })
})
