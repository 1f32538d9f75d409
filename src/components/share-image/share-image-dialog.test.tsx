import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query'
import { cleanup, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { createMemoryRouter, RouterProvider } from 'react-router'
import { server } from '~mocks/node'
import { seedImageId, seedProjectId, type SeedImageKey } from '~mocks/seed'
import { initRuntime } from '~/config/runtime'
import { addMember, deleteImage, getImage } from '~/api/glance'
import { imageDetailQuery } from '~/api/queries'
import { glanceTarget } from '~/api/scope'
import { getSessionState, resetSessionState, signIn, useSession } from '~/session/session'
import { bookKey, nameProject } from '~/api/address-book'
import { getRuntime } from '~/config/runtime'
import { ShareImageDialog } from './share-image-dialog'

const REGION = 'RegionOne'
const consumerA = seedProjectId('consumer-a')
const consumerB = seedProjectId('consumer-b')
const qa = seedProjectId('qa')
const producer = seedProjectId('producer')
const passwords = {
  alice: 'alice-demo',
  carol: 'carol-demo',
  rita: 'rita-demo',
  admin: 'admin-demo',
} as const

beforeEach(() => {
  initRuntime({ mode: 'demo', defaultDomain: 'Default' })
  resetSessionState()
})

/** The dialog as a page uses it: the image from its detail query, so a visibility change shows. */
function Harness({ imageId }: { imageId: string }) {
  const session = useSession()
  const [open, setOpen] = useState(true)
  const detail = useQuery(imageDetailQuery(session, [REGION], imageId))
  if (!detail.data) return <p>loading image</p>
  const { image, region } = detail.data
  return (
    <>
      <p>visibility: {image.visibility}</p>
      <button type="button" onClick={() => setOpen(true)}>
        Open share
      </button>
      <ShareImageDialog image={image} region={region} open={open} onOpenChange={setOpen} />
    </>
  )
}

function signInAs(user: keyof typeof passwords, project = 'producer') {
  return signIn({ username: user, password: passwords[user], domain: 'Default', project }).then(
    (session) => ({ session }),
  )
}

async function openDialog(
  key: SeedImageKey,
  user: keyof typeof passwords = 'alice',
  project = 'producer',
) {
  const session = await signIn({
    username: user,
    password: passwords[user],
    domain: 'Default',
    project,
  })
  const client = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  })
  const router = createMemoryRouter([
    { path: '/', element: <Harness imageId={seedImageId(key)} /> },
    { path: '/review', element: <h1>Review page</h1> },
  ])
  render(
    <QueryClientProvider client={client}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  )
  const dialog = await screen.findByRole('dialog', { name: 'Share Image' })
  return { session, dialog, user: userEvent.setup() }
}

/** Every POST …/members the demo cloud receives. */
function recordPosts() {
  const posts: string[] = []
  let inFlight = 0
  let maxInFlight = 0
  const isMemberPost = (r: Request) => r.method === 'POST' && /\/members$/.test(r.url)
  server.events.on('request:start', ({ request }) => {
    if (!isMemberPost(request)) return
    posts.push(request.url)
    inFlight += 1
    maxInFlight = Math.max(maxInFlight, inFlight)
  })
  const settle = ({ request }: { request: Request }) => {
    if (isMemberPost(request)) inFlight -= 1
  }
  server.events.on('response:mocked', settle)
  server.events.on('request:unhandled', settle)
  return {
    posts,
    get maxInFlight() {
      return maxInFlight
    },
  }
}
afterEach(() => server.events.removeAllListeners())

/** IDs are pasted far more often than typed, and typing 32 digits each is slow in jsdom. */
async function enter(user: ReturnType<typeof userEvent.setup>, dialog: HTMLElement, text: string) {
  await user.click(field(dialog))
  await user.paste(text)
}
/**
 * Share, first confirming any never-seen IDs as the user must (the tests of that confirmation
 * click Share themselves).
 */
async function shareNow(user: ReturnType<typeof userEvent.setup>, dialog: HTMLElement) {
  const unseen = within(dialog).queryByRole('checkbox', { name: /^I checked th/ })
  if (unseen && unseen.getAttribute('aria-checked') !== 'true') await user.click(unseen)
  await user.click(within(dialog).getByRole('button', { name: 'Share' }))
}
const field = (dialog: HTMLElement) => within(dialog).getByLabelText('Project IDs')
const checked = (dialog: HTMLElement) =>
  within(dialog).getByRole('list', { name: 'Entries to share' })
const results = (dialog: HTMLElement) =>
  within(dialog).findByRole('list', { name: 'Share results' })
const resultFor = async (dialog: HTMLElement, id: string) =>
  within(await results(dialog))
    .getAllByRole('listitem')
    .find((li) => li.textContent.includes(id))

describe('ShareImageDialog: whether an ID was checked', () => {
  const stranger = 'ab'.repeat(16)
  const rowOf = (dialog: HTMLElement, id: string) =>
    within(checked(dialog))
      .getAllByRole('listitem')
      .find((li) => li.textContent.includes(id))
  const NOT_CHECKED = 'not checked: only a cloud administrator can look up another project'

  it('asks a non-admin to confirm IDs never seen here before sending anything', async () => {
    const posts = recordPosts()
    const { dialog, user } = await openDialog('pendingForBob')
    await enter(user, dialog, `${qa} ${stranger}`)
    expect(rowOf(dialog, stranger)).toHaveTextContent(`${NOT_CHECKED}; never seen here before`)
    const box = within(dialog).getByRole('checkbox', {
      name: 'I checked these IDs with their projects',
    })
    await user.click(within(dialog).getByRole('button', { name: 'Share' }))
    expect(box).toHaveFocus()
    expect(box).toHaveAccessibleDescription('Confirm the IDs first: nothing has been sent.')
    expect(posts.posts).toHaveLength(0)
    await user.click(box)
    await user.click(within(dialog).getByRole('button', { name: 'Share' }))
    await waitFor(() => expect(posts.posts).toHaveLength(2))
  })

  it('asks nothing more for an ID named in the address book or already a member', async () => {
    const { session } = await signInAs('alice')
    const book = bookKey(getRuntime().authUrl, session.user.id)
    nameProject(book, qa, 'Team B')
    // The book outlives a test (localStorage, and its cache): forget the name whatever happens.
    onTestFinished(() => {
      nameProject(book, qa, '')
    })
    const posts = recordPosts()
    const { dialog, user } = await openDialog('pendingForBob')
    await enter(user, dialog, qa)
    expect(rowOf(dialog, qa)).toHaveTextContent(`Ready to share(${NOT_CHECKED})`)
    expect(within(dialog).queryByRole('checkbox', { name: /^I checked/ })).toBeNull()
    await user.click(within(dialog).getByRole('button', { name: 'Share' }))
    await waitFor(() => expect(posts.posts).toHaveLength(1))
  })

  it('knows the user’s own projects', async () => {
    const { dialog, user } = await openDialog('longName', 'carol')
    await enter(user, dialog, consumerB)
    expect(rowOf(dialog, consumerB)).toHaveTextContent('(one of your projects)')
    expect(within(dialog).queryByRole('checkbox', { name: /^I checked/ })).toBeNull()
  })

  it('offers the user’s other projects, and after sharing switches to one to review', async () => {
    const { dialog, user } = await openDialog('longName', 'carol')
    const picks = await within(dialog).findByRole('group', { name: 'Your other projects' })
    await user.click(within(picks).getByRole('button', { name: 'Add consumer-b' }))
    expect(field(dialog)).toHaveValue(consumerB)
    expect(within(dialog).queryByRole('group', { name: 'Your other projects' })).toBeNull()
    await shareNow(user, dialog)
    await user.click(
      await within(dialog).findByRole('button', { name: 'Switch to consumer-b and review' }),
    )
    expect(await screen.findByRole('heading', { name: 'Review page' })).toBeVisible()
    expect(getSessionState().session?.project?.name).toBe('consumer-b')
    expect(screen.queryByRole('dialog')).toBeNull()
  })

  it('saves who shares and a note on the image, for its members to read', async () => {
    const { session, dialog, user } = await openDialog('pendingForBob')
    await user.click(
      await within(dialog).findByText('What the projects see about you: “producer”, no note'),
    )
    const by = within(dialog).getByRole('textbox', { name: 'Shared by' })
    await user.clear(by)
    await user.type(by, 'Build farm team')
    await user.type(
      within(dialog).getByRole('textbox', { name: 'Note for them (optional)' }),
      'Ask #builds',
    )
    await enter(user, dialog, qa)
    await shareNow(user, dialog)
    expect(await resultFor(dialog, qa)).toHaveTextContent('Shared (pending)')
    await waitFor(async () => {
      const image = await getImage(glanceTarget(session, REGION), seedImageId('pendingForBob'))
      expect(image).toMatchObject({
        sharing_panel_shared_by: 'Build farm team',
        sharing_panel_note: 'Ask #builds',
      })
    })
  })

  it('asks Keystone for an admin, and refuses an ID no project has', async () => {
    const posts = recordPosts()
    const { dialog, user } = await openDialog('pendingForBob', 'admin', 'admin')
    await enter(user, dialog, `${qa} ${stranger}`)
    await waitFor(() =>
      expect(rowOf(dialog, qa)).toHaveTextContent('checked: Keystone knows this project'),
    )
    expect(rowOf(dialog, qa)).toHaveTextContent('qa')
    await waitFor(() =>
      expect(rowOf(dialog, stranger)).toHaveTextContent(
        'Keystone has no project with this ID: nobody would receive the image.',
      ),
    )
    expect(rowOf(dialog, stranger)).not.toHaveTextContent('Ready to share')
    await user.click(within(dialog).getByRole('button', { name: 'Share' }))
    expect(field(dialog)).toHaveFocus()
    expect(field(dialog)).toHaveAccessibleDescription(
      expect.stringContaining('Keystone has no project with an ID marked below'),
    )
    expect(posts.posts).toHaveLength(0)
    await user.clear(field(dialog))
    await user.paste(qa)
    await user.click(within(dialog).getByRole('button', { name: 'Share' }))
    await waitFor(() => expect(posts.posts).toHaveLength(1))
  })
})

describe('ShareImageDialog: checks before sending', () => {
  it('names every problem per entry and sends nothing until they are fixed', async () => {
    const posts = recordPosts()
    const { dialog, user } = await openDialog('pendingForBob')
    await waitFor(() =>
      expect(within(dialog).getByText(/^Members: 2 of at most 128/)).toBeVisible(),
    )

    await enter(
      user,
      dialog,
      `${qa}, 0123abcd\n${producer} consumer-a ${consumerA} ${qa.toUpperCase()}`,
    )
    const list = checked(dialog)
    const rows = within(list).getAllByRole('listitem')
    expect(rows.map((r) => r.textContent)).toEqual([
      `${qa}Ready to share(not checked: only a cloud administrator can look up another project; never seen here before)`,
      '0123abcd“0123abcd” has 8 hexadecimal digits; a project ID has 32.',
      `producer${producer}This is the image’s own project, which has it already.`,
      'consumer-a“consumer-a” looks like a name. Glance needs the project’s ID (32 hexadecimal digits), not its name.',
      `${consumerA}Already a member of this image: it is not sent again.`,
      `${qa}Entered more than once: it is shared once.`,
    ])

    await shareNow(user, dialog)
    expect(
      within(dialog).getByText('Fix the entries marked below; nothing has been sent.'),
    ).toBeVisible()
    expect(field(dialog)).toHaveAttribute('aria-invalid', 'true')
    expect(field(dialog)).toHaveFocus()
    expect(posts.posts).toEqual([])
  })

  it('asks for at least one ID, and says when every one is a member already', async () => {
    const { dialog, user } = await openDialog('pendingForBob')
    await shareNow(user, dialog)
    expect(within(dialog).getByText('Enter at least one project ID.')).toBeVisible()

    await waitFor(() => expect(within(dialog).getByText(/^Members: 2/)).toBeVisible())
    await enter(user, dialog, consumerB)
    await shareNow(user, dialog)
    expect(
      within(dialog).getByText(
        'Every project entered is already a member: there is nothing to send.',
      ),
    ).toBeVisible()
  })

  it('shows a project’s name where Keystone tells it, and accepts a dashed, upper-case ID', async () => {
    // carol works in producer and consumer-b, so she may know consumer-b's name.
    const { dialog, user } = await openDialog('unshared', 'carol')
    const dashed = `${consumerB.slice(0, 8)}-${consumerB.slice(8, 12)}-${consumerB.slice(12, 16)}-${consumerB.slice(16, 20)}-${consumerB.slice(20)}`
    await enter(user, dialog, dashed.toUpperCase())
    const row = within(checked(dialog)).getByRole('listitem')
    await waitFor(() => expect(row).toHaveTextContent(`consumer-b${consumerB}Ready to share`))

    await shareNow(user, dialog)
    const result = await resultFor(dialog, consumerB)
    expect(result).toHaveTextContent('consumer-b')
    expect(result).toHaveTextContent('Shared (pending)')
    expect(field(dialog)).toHaveValue('')
    // The member list was refreshed: sending again is caught before it leaves.
    await enter(user, dialog, consumerB)
    await waitFor(() =>
      expect(within(checked(dialog)).getByRole('listitem')).toHaveTextContent(
        'Already a member of this image',
      ),
    )
  })
})

describe('ShareImageDialog: per-project results', () => {
  it('shares with several projects, at most 4 requests at a time', async () => {
    const posts = recordPosts()
    const { dialog, user } = await openDialog('unshared')
    const ids = ['1', '2', '3', '4', '5', '6'].map((d) => d.repeat(32))
    await enter(user, dialog, ids.join(', '))
    await shareNow(user, dialog)
    const list = await results(dialog)
    expect(within(list).getAllByText('Shared (pending)')).toHaveLength(6)
    expect(
      within(dialog).getByText('Shared with 6 projects; each sees it as pending.'),
    ).toBeVisible()
    expect(posts.posts).toHaveLength(6)
    expect(posts.maxInFlight).toBeGreaterThan(1)
    expect(posts.maxInFlight).toBeLessThanOrEqual(4)
    expect(within(dialog).getByRole('heading', { name: 'Results' })).toHaveFocus()
  })

  it('reports a member added meanwhile as already a member (409)', async () => {
    const { session, dialog, user } = await openDialog('unshared')
    await waitFor(() => expect(within(dialog).getByText(/^Members: 0/)).toBeVisible())
    // Someone else adds qa after the dialog listed the members.
    await addMember(glanceTarget(session, REGION), seedImageId('unshared'), qa)
    await enter(user, dialog, `${qa} ${consumerA}`)
    await shareNow(user, dialog)

    const dup = await resultFor(dialog, qa)
    expect(dup).toHaveTextContent('Already a member')
    expect(dup).toHaveTextContent(`Member ${qa} is duplicated for image ${seedImageId('unshared')}`)
    expect(await resultFor(dialog, consumerA)).toHaveTextContent('Shared (pending)')
    // Both are done, so nothing is left to retry.
    expect(field(dialog)).toHaveValue('')
  })

  it('reports over quota (413) with Glance’s words, keeps the ID and learns the quota', async () => {
    await fetch('http://localhost/demo-cloud/_control/settings', {
      method: 'POST',
      body: JSON.stringify({ image_member_quota: 2 }),
    })
    const { dialog, user } = await openDialog('pendingForBob')
    await waitFor(() =>
      expect(within(dialog).getByText(/^Members: 2 of at most 128/)).toBeVisible(),
    )
    await enter(user, dialog, qa)
    await shareNow(user, dialog)

    const over = await resultFor(dialog, qa)
    expect(over).toHaveTextContent('Over quota')
    expect(over).toHaveTextContent('Attempted: 3, Maximum: 2')
    expect(field(dialog)).toHaveValue(qa)
    expect(
      within(dialog).getByText(
        '1 project could not be added; its ID is kept in the field to try again.',
      ),
    ).toBeVisible()
    // From now on the dialog knows the real quota and stops before sending.
    expect(
      within(dialog).getByText('Members: 2 of at most 2 (as Glance reported it).'),
    ).toBeVisible()
    expect(within(checked(dialog)).getByRole('listitem')).toHaveTextContent(
      'Over the member quota: the image has 2 of at most 2 members. Remove a member first.',
    )
  })

  it('keeps only the failed ID when the network drops halfway', async () => {
    await fetch('http://localhost/demo-cloud/_control/settings', {
      method: 'POST',
      body: JSON.stringify({ failNext: { status: 0, count: 1, method: 'POST' } }),
    })
    const { dialog, user } = await openDialog('unshared')
    await enter(user, dialog, `${consumerA}\n${consumerB}\n${qa}`)
    await shareNow(user, dialog)

    const list = await results(dialog)
    const failed = within(list)
      .getAllByRole('listitem')
      .filter((li) => li.textContent.includes('Failed'))
    expect(failed).toHaveLength(1)
    expect(failed[0]).toHaveTextContent('Check your network connection')
    expect(within(list).getAllByText('Shared (pending)')).toHaveLength(2)
    const failedId = [consumerA, consumerB, qa].find((id) => failed[0]?.textContent.includes(id))
    expect(field(dialog)).toHaveValue(failedId)

    // Trying again finishes the job.
    await shareNow(user, dialog)
    await waitFor(() => expect(field(dialog)).toHaveValue(''))
    expect(await resultFor(dialog, failedId ?? '')).toHaveTextContent('Shared (pending)')
  })

  it('says the image is gone when it was deleted meanwhile', async () => {
    const { session, dialog, user } = await openDialog('unshared')
    await deleteImage(glanceTarget(session, REGION), seedImageId('unshared'))
    await enter(user, dialog, qa)
    await shareNow(user, dialog)
    expect(await resultFor(dialog, qa)).toHaveTextContent('Failed')
    expect(
      within(dialog).getByText(/Glance no longer finds image .*: it may have been deleted/),
    ).toBeVisible()
    expect(field(dialog)).toHaveValue(qa)
  })
})

describe('ShareImageDialog: visibility and permissions', () => {
  it('makes a private image shared first, only once confirmed', async () => {
    const posts = recordPosts()
    const { dialog, user } = await openDialog('producerPrivate')
    expect(within(dialog).getByText('This image is private')).toBeVisible()
    await enter(user, dialog, `${qa} ${consumerA}`)
    await shareNow(user, dialog)
    const confirm = within(dialog).getByRole('checkbox', {
      name: 'Make this image shared, then share it',
    })
    expect(confirm).toHaveFocus()
    expect(confirm).toHaveAccessibleDescription(/Glance refuses members for a private image/)
    expect(posts.posts).toEqual([])
    expect(screen.getByText('visibility: private')).toBeInTheDocument()

    await user.click(confirm)
    await shareNow(user, dialog)
    expect(await resultFor(dialog, qa)).toHaveTextContent('Shared (pending)')
    // consumer-a's old row came back with the image being shared: not sent again.
    expect(await resultFor(dialog, consumerA)).toHaveTextContent('Already a member')
    expect(posts.posts).toHaveLength(1)
    await waitFor(() => expect(screen.getByText('visibility: shared')).toBeInTheDocument())
    expect(within(dialog).queryByText('This image is private')).not.toBeInTheDocument()
  })

  it.each([
    ['producerCommunity', 'Community'],
    ['ubuntu2404', 'Public'],
  ] as const)(
    'explains that a %s image cannot have members, offering nothing to send',
    async (key, word) => {
      const { dialog } = await openDialog(key)
      expect(within(dialog).getByText('This image cannot be shared with projects')).toBeVisible()
      expect(
        within(dialog).getByText(
          new RegExp(`^${word} images cannot have members: Glance refuses them \\(403\\)`),
        ),
      ).toBeVisible()
      expect(within(dialog).queryByLabelText('Project IDs')).not.toBeInTheDocument()
      expect(within(dialog).queryByRole('button', { name: 'Share' })).not.toBeInTheDocument()
    },
  )

  it('disables Share for a reader, saying why, and keeps what was typed', async () => {
    const posts = recordPosts()
    const { dialog, user } = await openDialog('pendingForBob', 'rita')
    const button = within(dialog).getByRole('button', { name: 'Share' })
    expect(button).toHaveAttribute('aria-disabled', 'true')
    expect(button).toHaveAccessibleDescription(
      'Your role in this project is reader: sharing needs the member role.',
    )
    await enter(user, dialog, qa)
    await user.click(button)
    expect(posts.posts).toEqual([])
    expect(field(dialog)).toHaveValue(qa)
  })

  it('keeps the typed text for this user when the dialog is taken away (a session that expired)', async () => {
    const { dialog, user } = await openDialog('unshared')
    await enter(user, dialog, `${qa}, `)
    cleanup()
    await openDialog('unshared')
    expect(field(await screen.findByRole('dialog', { name: 'Share Image' }))).toHaveValue(`${qa}, `)
    cleanup()
    // Another user of the tab starts with an empty field.
    const carol = await openDialog('unshared', 'carol', 'producer')
    expect(field(carol.dialog)).toHaveValue('')
  })

  it('keeps the typed text when closed and opened again', async () => {
    const { dialog, user } = await openDialog('unshared')
    await enter(user, dialog, `${qa}, `)
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }))
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Open share' }))
    const again = await screen.findByRole('dialog', { name: 'Share Image' })
    expect(field(again)).toHaveValue(`${qa}, `)
  })
})
