import { act, screen, waitFor, within } from '@testing-library/react'
import { FOREIGN_PROJECT_ID, seedProjectId, seedUserId } from '~mocks/seed'
import { passwordOf } from '~mocks/test-helpers'
import { bookKey, nameProject, noteKeystoneName, readBook } from '~/api/address-book'
import type { Member } from '~/api/schemas'
import { DEMO_AUTH_URL } from '~/config/config'
import { initRuntime } from '~/config/runtime'
import { resetSessionState, signIn } from '~/session/session'
import { ProjectLabel } from '~/components/project-label'
import { membersCsv } from '~/components/image-sharing/members-csv'
import { lensCsv, lensJson } from '~/pages/project-lens/lens-export'
import type { LensRow } from '~/api/project-lens'
import { renderSignedIn } from '~/test-render'
import AddressBookDialog from './address-book-dialog'

const producer = seedProjectId('producer')
const aliceBook = () => bookKey(DEMO_AUTH_URL, seedUserId('alice'))

// jsdom's Blob has no text(), which every browser the panel supports has.
Object.defineProperty(Blob.prototype, 'text', {
  configurable: true,
  value(this: Blob) {
    return new Promise<string>((resolve, reject) => {
      const reader = new FileReader()
      reader.onload = () => {
        resolve(typeof reader.result === 'string' ? reader.result : '')
      }
      reader.onerror = () => {
        reject(reader.error ?? new Error('unreadable'))
      }
      reader.readAsText(this)
    })
  },
})

beforeEach(() => {
  initRuntime({ mode: 'demo', defaultDomain: 'Default' })
  resetSessionState()
  localStorage.removeItem(aliceBook())
})

/** The same project in two places, as the member table and the share results show it. */
function twoPlaces(id: string) {
  return renderSignedIn(
    [
      {
        path: '/',
        element: (
          <main>
            <section aria-label="Members">
              <ProjectLabel id={id} />
            </section>
            <section aria-label="Share results">
              <ProjectLabel id={id} copy={false} />
            </section>
          </main>
        ),
      },
    ],
    { path: '/', user: 'alice' },
  )
}

const place = (name: string) => screen.getByRole('region', { name })

async function renderBook() {
  const onClose = vi.fn()
  const rendered = await renderSignedIn(
    [{ path: '/', element: <AddressBookDialog onClose={onClose} /> }],
    { path: '/', user: 'alice' },
  )
  return { onClose, ...rendered }
}

/** What the next download saves, as text (jsdom has no object URLs: the download is the browser's). */
function captureDownloads() {
  const blobs: Blob[] = []
  const saved = Object.getOwnPropertyDescriptors(URL)
  URL.createObjectURL = vi.fn((b: Blob) => {
    blobs.push(b)
    return 'blob:book'
  })
  URL.revokeObjectURL = vi.fn()
  const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {})
  return {
    last: () => (blobs.at(-1) as Blob).text(),
    restore: () => {
      click.mockRestore()
      Object.defineProperties(URL, saved)
    },
  }
}

test('a name given on one label shows wherever the project shows, marked as yours, until cleared', async () => {
  const { user } = await twoPlaces(FOREIGN_PROJECT_ID)
  const [nameButton] = await screen.findAllByRole('button', {
    name: `Name project ${FOREIGN_PROJECT_ID}`,
  })
  await user.click(nameButton as HTMLElement)
  const dialog = await screen.findByRole('dialog', { name: 'Name project' })
  await user.type(within(dialog).getByLabelText('Your name for this project'), ' build-farm ')
  await user.click(within(dialog).getByRole('button', { name: 'Save' }))

  await waitFor(() => {
    expect(screen.queryByRole('dialog')).toBeNull()
  })
  for (const where of ['Members', 'Share results'])
    expect(place(where)).toHaveTextContent(`build-farm (your name)${FOREIGN_PROJECT_ID}`)
  // Focus is back where the user was.
  expect(nameButton).toHaveFocus()

  // Opened again, it shows the name kept; forgetting it clears every place.
  await user.click(within(place('Share results')).getByRole('button', { name: /^Name project/ }))
  const again = await screen.findByRole('dialog', { name: 'Name project' })
  expect(within(again).getByLabelText('Your name for this project')).toHaveValue('build-farm')
  await user.click(within(again).getByRole('button', { name: 'Forget name' }))
  await waitFor(() => {
    expect(screen.queryByText('build-farm')).toBeNull()
  })
  expect(readBook(aliceBook())).toEqual({})
})

test('a name Keystone gives is shown as is, with no Name button, and kept for later', async () => {
  await twoPlaces(producer)
  await waitFor(() => {
    expect(within(place('Members')).getByText('producer')).toBeInTheDocument()
  })
  expect(place('Members')).not.toHaveTextContent('(your name)')
  expect(screen.queryByRole('button', { name: /^Name project/ })).toBeNull()
  await waitFor(() => {
    expect(readBook(aliceBook())[producer]).toMatchObject({ name: 'producer', source: 'keystone' })
  })
})

test('a name Keystone gave earlier still shows when it no longer does, marked as seen earlier', async () => {
  noteKeystoneName(aliceBook(), FOREIGN_PROJECT_ID, 'partner-lab')
  await twoPlaces(FOREIGN_PROJECT_ID)
  expect(place('Members')).toHaveTextContent(`partner-lab (seen earlier)${FOREIGN_PROJECT_ID}`)
  // Still the user's to rename: Keystone does not tell it now.
  expect(
    await within(place('Members')).findByRole('button', {
      name: `Name project ${FOREIGN_PROJECT_ID}`,
    }),
  ).toBeVisible()
})

test('the address book adds, lists and deletes names, and refuses an ID that is not one', async () => {
  const { user } = await renderBook()
  const dialog = await screen.findByRole('dialog', { name: 'Project names' })
  expect(within(dialog).getByText(/No names yet/)).toBeInTheDocument()

  await user.type(within(dialog).getByLabelText('Project ID'), 'build-farm')
  await user.type(within(dialog).getByLabelText('Name'), 'Build farm')
  await user.click(within(dialog).getByRole('button', { name: 'Save name' }))
  expect(within(dialog).getByLabelText('Project ID')).toHaveAccessibleDescription(
    /looks like a name/,
  )
  expect(within(dialog).getByLabelText('Project ID')).toHaveFocus()

  await user.clear(within(dialog).getByLabelText('Project ID'))
  await user.type(within(dialog).getByLabelText('Project ID'), FOREIGN_PROJECT_ID.toUpperCase())
  await user.click(within(dialog).getByRole('button', { name: 'Save name' }))
  const table = within(dialog).getByRole('table')
  expect(within(table).getByRole('row', { name: /Build farm \(your name\)/ })).toHaveTextContent(
    FOREIGN_PROJECT_ID,
  )
  expect(within(dialog).getByText('1 name')).toBeInTheDocument()

  // Edit puts the entry in the form; saving it changes the name, not the number of names.
  await user.click(
    within(dialog).getByRole('button', { name: `Edit name for project ${FOREIGN_PROJECT_ID}` }),
  )
  expect(within(dialog).getByLabelText('Project ID')).toHaveValue(FOREIGN_PROJECT_ID)
  expect(within(dialog).getByLabelText('Name')).toHaveFocus()
  await user.clear(within(dialog).getByLabelText('Name'))
  await user.type(within(dialog).getByLabelText('Name'), 'Partner lab')
  await user.click(within(dialog).getByRole('button', { name: 'Save name' }))
  expect(within(dialog).getByRole('status')).toHaveTextContent(
    `Changed Partner lab for ${FOREIGN_PROJECT_ID}.`,
  )
  expect(within(dialog).getByText('1 name')).toBeInTheDocument()

  await user.click(
    within(dialog).getByRole('button', { name: `Delete name for project ${FOREIGN_PROJECT_ID}` }),
  )
  expect(within(dialog).getByRole('status')).toHaveTextContent(
    `Deleted Partner lab (${FOREIGN_PROJECT_ID}).`,
  )
  expect(readBook(aliceBook())).toEqual({})
})

test('Export saves a file that Import reads back, saying how many were added and updated', async () => {
  nameProject(aliceBook(), FOREIGN_PROJECT_ID, 'partner-lab')
  nameProject(aliceBook(), seedProjectId('qa'), 'qa team')
  const downloads = captureDownloads()
  try {
    const { user } = await renderBook()
    const dialog = await screen.findByRole('dialog', { name: 'Project names' })
    await user.click(within(dialog).getByRole('button', { name: 'Export' }))
    const text = await downloads.last()

    // Another browser: one name differs, one is missing.
    act(() => {
      localStorage.removeItem(aliceBook())
      nameProject(aliceBook(), FOREIGN_PROJECT_ID, 'old name')
    })
    await user.upload(
      within(dialog).getByLabelText('Import names from a file'),
      new File([text], 'names.json', { type: 'application/json' }),
    )
    // The name this browser's user gave is replaced: the report says which, as a warning.
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Imported names.json: 1 added, 1 updated. It replaced 1 name of your own: “old name” is now “partner-lab”.',
    )
    expect(readBook(aliceBook())[FOREIGN_PROJECT_ID]?.name).toBe('partner-lab')
    // Names from a file are marked as such, even the exporter's own.
    expect(within(dialog).getByRole('row', { name: /qa team \(imported\)/ })).toBeInTheDocument()
  } finally {
    downloads.restore()
  }
})

test('a file that says its names came from Keystone is believed no more than any file', async () => {
  const { user } = await renderBook()
  const dialog = await screen.findByRole('dialog', { name: 'Project names' })
  const forged = JSON.stringify({
    format: 'image-sharing-panel/project-names',
    version: 1,
    projects: [{ id: FOREIGN_PROJECT_ID, name: 'prod-payments', source: 'keystone' }],
  })
  await user.upload(
    within(dialog).getByLabelText('Import names from a file'),
    new File([forged], 'forged.json', { type: 'application/json' }),
  )
  expect(await within(dialog).findByRole('status')).toHaveTextContent(
    'Imported forged.json: 1 added, 0 updated.',
  )
  expect(within(dialog).getByRole('row', { name: /prod-payments/ })).toHaveTextContent(
    'prod-payments (imported)',
  )
  expect(readBook(aliceBook())[FOREIGN_PROJECT_ID]?.source).toBe('file')
})

test('a file that is not an address book is refused whole, with the reason', async () => {
  nameProject(aliceBook(), FOREIGN_PROJECT_ID, 'partner-lab')
  const { user } = await renderBook()
  const dialog = await screen.findByRole('dialog', { name: 'Project names' })
  const bad = JSON.stringify({
    format: 'image-sharing-panel/project-names',
    version: 1,
    projects: [
      { id: producer, name: 'fine' },
      { id: 'prod-7', name: 'not an ID' },
    ],
  })
  await user.upload(
    within(dialog).getByLabelText('Import names from a file'),
    new File([bad], 'bad.json', { type: 'application/json' }),
  )
  const alert = await within(dialog).findByRole('alert')
  expect(alert).toHaveTextContent('Not imported')
  expect(alert).toHaveTextContent(
    'bad.json was not imported: project 2: the project ID is not 32 hexadecimal digits. Nothing was changed.',
  )
  expect(Object.keys(readBook(aliceBook()))).toEqual([FOREIGN_PROJECT_ID])
})

test('a member ID named like a member of every object is shown unnamed, here and in the CSV', async () => {
  nameProject(aliceBook(), FOREIGN_PROJECT_ID, 'partner-lab')
  await twoPlaces('constructor')
  expect(
    await within(place('Members')).findByRole('button', { name: 'Name project constructor' }),
  ).toBeVisible()
  expect(place('Members')).toHaveTextContent(/^constructor$/)
  expect(place('Members')).not.toHaveTextContent('Object')
  const lines = membersCsv(
    [
      {
        image_id: 'i',
        member_id: 'constructor',
        status: 'pending',
        created_at: '2026-01-01T00:00:00Z',
        updated_at: '2026-01-02T00:00:00Z',
      },
    ],
    () => undefined,
  ).split('\r\n')
  expect(lines[1]).toBe('constructor,,pending,2026-01-01T00:00:00Z,2026-01-02T00:00:00Z,')
})

test('the members CSV carries the user’s own name for a project in a column of its own', async () => {
  await signIn({ username: 'alice', password: passwordOf('alice'), domain: 'Default' })
  nameProject(aliceBook(), FOREIGN_PROJECT_ID, 'partner-lab')
  const row = (id: string): Member => ({
    image_id: 'i',
    member_id: id,
    status: 'pending',
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-02T00:00:00Z',
  })
  const lines = membersCsv([row(FOREIGN_PROJECT_ID), row(producer)], (id) =>
    id === producer ? 'producer' : undefined,
  ).split('\r\n')
  expect(lines.slice(0, 3)).toEqual([
    'project_id,project_name,status,shared_at,last_changed,your_name_for_project',
    `${FOREIGN_PROJECT_ID},,pending,2026-01-01T00:00:00Z,2026-01-02T00:00:00Z,partner-lab`,
    `${producer},producer,pending,2026-01-01T00:00:00Z,2026-01-02T00:00:00Z,`,
  ])
})

test('the project lens export names the owner as the user does, in a column of its own', async () => {
  await signIn({ username: 'alice', password: passwordOf('alice'), domain: 'Default' })
  nameProject(aliceBook(), FOREIGN_PROJECT_ID, 'partner-lab')
  const row: LensRow = {
    region: 'RegionOne',
    order: 0,
    image: {
      id: 'img-1',
      name: 'base',
      status: 'active',
      owner: FOREIGN_PROJECT_ID,
    } as LensRow['image'],
    member: {
      image_id: 'img-1',
      member_id: producer,
      status: 'pending',
      created_at: '2026-01-01T00:00:00Z',
      updated_at: '2026-01-02T00:00:00Z',
    },
  }
  const [header, line] = lensCsv([row], () => undefined).split('\r\n')
  expect(header?.split(',').at(-1)).toBe('your_name_for_owner')
  expect(line?.split(',').at(-1)).toBe('partner-lab')
  const json = JSON.parse(
    lensJson(
      { projectId: producer, projectName: 'producer', regions: ['RegionOne'] },
      { regions: {}, scanned: 1, rows: [row], failures: [], done: true },
      [row],
      () => undefined,
    ),
  ) as { images: { owner_project_name: string; your_name_for_owner: string }[] }
  expect(json.images[0]).toMatchObject({
    owner_project_name: '',
    your_name_for_owner: 'partner-lab',
  })
})
