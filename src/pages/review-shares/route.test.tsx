import { screen, waitFor, within } from '@testing-library/react'
import { http } from 'msw'
import { updateSettings } from '~mocks/db'
import { server } from '~mocks/node'
import { seedImageId, seedProjectId } from '~mocks/seed'
import { glance, PATCH_CONTENT_TYPE, tokenFor } from '~mocks/test-helpers'
import { initRuntime } from '~/config/runtime'
import { getMember, setMemberStatus } from '~/api/glance'
import { ALL_REGIONS, glanceTarget } from '~/api/scope'
import { resetSessionState, signIn } from '~/session/session'
import { renderSignedIn } from '~/test-render'
import { PendingSharesCounter } from '~/components/pending-shares-counter'
import ReviewSharesPage from './route'

// bob (consumer-a) has three pending shares in RegionOne (app-server-2026.01, a Unicode name and
// one without a name) and one in RegionTwo (region-two-app).
const APP = 'app-server-2026.01'
const UNICODE = 'Ubuntu 24.04 — 日本語 ✓ Ü'
const GONE =
  'No longer shared with you: the producer removed this project or made the image private.'
const consumerA = seedProjectId('consumer-a')

beforeEach(() => {
  initRuntime({ mode: 'demo', defaultDomain: 'Default' })
  resetSessionState()
})

afterEach(() => {
  server.events.removeAllListeners()
})

function openReview(region?: string, user?: 'rita') {
  return renderSignedIn(
    [
      {
        path: '/review',
        element: (
          <>
            <header>
              <PendingSharesCounter />
            </header>
            <main>
              <ReviewSharesPage />
            </main>
          </>
        ),
      },
      { path: '/images', element: <h1>Saved Images</h1> },
    ],
    { path: '/review', region, ...(user && { user }) },
  )
}

const table = () => screen.findByRole('table', { name: 'Images waiting for your answer' })
const dataRows = async () =>
  within(await table())
    .getAllByRole('row')
    .slice(1)
const rowOf = async (name: string) => {
  const found = (await dataRows()).find((r) => within(r).queryByRole('link', { name }) !== null)
  if (!found) throw new Error(`no row for ${name}`)
  return found
}
const counter = () =>
  screen.queryByRole('link', { name: /^Shared with you \d+ images? to review$/ })
const expectPending = (n: number) =>
  waitFor(() => {
    expect(counter()).toHaveAccessibleName(
      `Shared with you ${String(n)} image${n === 1 ? '' : 's'} to review`,
    )
  })

/** Every request other than a GET that Glance receives. */
function recordChanges() {
  const calls: string[] = []
  server.events.on('request:start', ({ request }) => {
    const path = new URL(request.url).pathname
    if (request.method !== 'GET' && path.startsWith('/proxy/image/'))
      calls.push(`${request.method} ${path}`)
  })
  return calls
}

const memberPath = (key: Parameters<typeof seedImageId>[0]) =>
  `/proxy/image/RegionOne/v2/images/${seedImageId(key)}/members/${consumerA}`

describe('Review shared images', () => {
  it('lists each pending share with its producer, size, formats and created date', async () => {
    await openReview()
    expect(
      screen.getByRole('heading', { level: 1, name: 'Review shared images' }),
    ).toBeInTheDocument()
    expect(
      within(screen.getByRole('navigation', { name: 'Breadcrumb' })).getByRole('link', {
        name: 'Saved Images',
      }),
    ).toHaveAttribute('href', '/images')
    expect(await dataRows()).toHaveLength(3)
    const row = await rowOf(APP)
    expect(within(row).getByRole('link', { name: APP })).toHaveAttribute(
      'href',
      `/images/${seedImageId('pendingForBob')}?region=RegionOne`,
    )
    expect(row).toHaveTextContent(seedProjectId('producer'))
    expect(row).toHaveTextContent('2.5 GB')
    expect(row).toHaveTextContent('qcow2 / bare')
    expect(row).toHaveTextContent(/20\d\d/)
    for (const answer of ['Accept', 'Reject', 'Decide later'])
      expect(within(row).getByRole('button', { name: `${answer} ${APP}` })).toBeEnabled()
    expect(await rowOf(UNICODE)).toBeInTheDocument()
    // One region: no Region column.
    expect(within(await table()).queryByRole('columnheader', { name: 'Region' })).toBeNull()
  })

  it('tells a reader why she cannot answer, as the detail page does, and sends nothing', async () => {
    const calls = recordChanges()
    const { user } = await openReview(undefined, 'rita')
    const reason = 'Your role in this project is reader: only the member role can answer a share.'
    const [row] = await dataRows()
    if (!row) throw new Error('rita has no share to review')
    for (const answer of ['Accept', 'Reject']) {
      const button = within(row).getByRole('button', { name: new RegExp(`^${answer} `) })
      expect(button).toHaveAttribute('aria-disabled', 'true')
      expect(button).toHaveAccessibleDescription(reason)
      await user.click(button)
    }
    expect(screen.getByRole('button', { name: 'Accept selected' })).toHaveAccessibleDescription(
      reason,
    )
    // Putting a row aside asks nothing of Glance: it stays open to her.
    expect(within(row).getByRole('button', { name: /^Decide later / })).toBeEnabled()
    expect(calls).toEqual([])
  })

  it('gives the project ID a producer needs, and a share request to send', async () => {
    const { user } = await openReview()
    const box = screen.getByRole('region', { name: 'Your project ID' })
    expect(box).toHaveTextContent(consumerA)
    expect(within(box).getByRole('button', { name: 'Copy your project ID' })).toBeVisible()
    await user.click(within(box).getByRole('button', { name: 'Copy share request' }))
    const copied = await navigator.clipboard.readText()
    expect(copied).toContain(`Project ID: ${consumerA}`)
    expect(copied).toContain('Project name: consumer-a')
    expect(copied).toContain('Region: RegionOne')
  })

  it('shows what the producer says about itself, marked as its own words', async () => {
    const alice = await tokenFor('alice')
    const saved = await glance(alice, `/images/${seedImageId('pendingForBob')}`, {
      method: 'PATCH',
      headers: { 'Content-Type': PATCH_CONTENT_TYPE },
      body: [
        { op: 'add', path: '/sharing_panel_shared_by', value: 'Build farm' },
        { op: 'add', path: '/sharing_panel_note', value: 'Ask #builds' },
      ],
    })
    expect(saved.status).toBe(200)
    await openReview()
    const row = await rowOf(APP)
    expect(row).toHaveTextContent('Shared by “Build farm” (the producer’s own words)')
    expect(row).toHaveTextContent('Note: “Ask #builds”')
  })

  it('undoes a reject from the row: the share is pending again and open to an answer', async () => {
    const { session, user } = await openReview()
    await expectPending(3)
    const row = await rowOf(APP)
    await user.click(within(row).getByRole('button', { name: `Reject ${APP}` }))
    await expectPending(2)
    const undo = await within(row).findByRole('button', { name: `Undo reject of ${APP}` })
    await user.click(undo)
    await expectPending(3)
    const accept = await within(row).findByRole('button', { name: `Accept ${APP}` })
    expect(accept).toHaveFocus()
    expect(screen.getByRole('status')).toHaveTextContent(
      `${APP} is pending again: answer it when you are ready.`,
    )
    const member = await getMember(
      glanceTarget(session, 'RegionOne'),
      seedImageId('pendingForBob'),
      consumerA,
    )
    expect(member.status).toBe('pending')
  })

  it('shows every region’s shares under All regions, with the region of each', async () => {
    await openReview(ALL_REGIONS)
    expect(await dataRows()).toHaveLength(4)
    expect(within(await table()).getByRole('columnheader', { name: 'Region' })).toBeVisible()
    expect(await rowOf('region-two-app')).toHaveTextContent('RegionTwo')
  })

  it('accepts one image: the row keeps its result, the count drops, focus moves on', async () => {
    const { session, user } = await openReview()
    await expectPending(3)
    const row = await rowOf(APP)
    await user.click(within(row).getByRole('button', { name: `Accept ${APP}` }))
    await waitFor(() => {
      expect(row).toHaveTextContent('Accepted')
    })
    expect(within(row).getByRole('link', { name: 'View in Saved Images' })).toHaveAttribute(
      'href',
      '/images',
    )
    await expectPending(2)
    // Still listed, without answers to give.
    expect(await dataRows()).toHaveLength(3)
    expect(within(row).queryByRole('button', { name: `Accept ${APP}` })).toBeNull()
    expect(within(row).getByRole('checkbox', { name: `Select ${APP}` })).toBeDisabled()
    expect(screen.getByRole('status', { name: '' })).toHaveTextContent(`${APP} accepted.`)
    // The next row waiting for an answer.
    expect(document.activeElement).toHaveAccessibleName(`Accept ${UNICODE}`)

    const member = await getMember(
      glanceTarget(session, 'RegionOne'),
      seedImageId('pendingForBob'),
      consumerA,
    )
    expect(member.status).toBe('accepted')
  })

  it('rejects one image', async () => {
    const { user } = await openReview()
    const row = await rowOf(UNICODE)
    await user.click(within(row).getByRole('button', { name: `Reject ${UNICODE}` }))
    await waitFor(() => {
      expect(row).toHaveTextContent('Rejected')
    })
    await expectPending(2)
  })

  it('Decide later sends nothing, leaves the image pending and counted', async () => {
    const calls = recordChanges()
    const { user } = await openReview()
    await expectPending(3)
    const row = await rowOf(APP)
    const box = within(row).getByRole('checkbox', { name: `Select ${APP}` })
    await user.click(box)
    expect(box).toBeChecked()
    await user.click(within(row).getByRole('button', { name: `Decide later ${APP}` }))
    expect(row).toHaveTextContent('Left pending')
    expect(box).not.toBeChecked()
    expect(document.activeElement).toHaveAccessibleName(`Accept ${UNICODE}`)
    // Still open to an answer.
    expect(within(row).getByRole('button', { name: `Accept ${APP}` })).toBeEnabled()
    await expectPending(3)
    expect(calls).toEqual([])
  })

  it('bulk accept reports per image: one accepted, one the producer took away', async () => {
    const calls = recordChanges()
    const { user } = await openReview()
    await table()
    const accept = () => screen.getByRole('button', { name: 'Accept selected' })
    // Nothing selected yet: the button says why it does nothing.
    expect(accept()).toHaveAttribute('aria-disabled', 'true')
    expect(accept()).toHaveAccessibleDescription(/Select images first/)

    await user.click(screen.getByRole('checkbox', { name: `Select ${APP}` }))
    await user.click(screen.getByRole('checkbox', { name: `Select ${UNICODE}` }))
    // The producer removes consumer-a from one of them behind the page.
    const alice = await tokenFor('alice')
    const removed = await glance(
      alice,
      `/images/${seedImageId('pendingForBob')}/members/${consumerA}`,
      {
        method: 'DELETE',
      },
    )
    expect(removed.status).toBe(204)

    await user.click(accept())
    await waitFor(async () => {
      expect(await rowOf(UNICODE)).toHaveTextContent('Accepted')
    })
    expect(await rowOf(APP)).toHaveTextContent(GONE)
    expect(screen.getByRole('status', { name: '' })).toHaveTextContent(
      '1 accepted, 1 failed. 1 no longer shared with you.',
    )
    // Each image had its own request.
    expect(calls.filter((c) => c.startsWith('PUT')).sort()).toEqual(
      [`PUT ${memberPath('pendingForBob')}`, `PUT ${memberPath('unicodeName')}`].sort(),
    )
    // Only the image without a name still waits.
    await expectPending(1)
    expect(within(await rowOf(APP)).getByRole('checkbox')).toBeDisabled()
    // Focus is back on the button used, not lost with the rows' buttons.
    expect(document.activeElement).toBe(accept())
  })

  it('Select all and Reject selected answer every open row', async () => {
    const { user } = await openReview()
    await table()
    await user.click(screen.getByRole('checkbox', { name: 'Select all' }))
    await user.click(screen.getByRole('button', { name: 'Reject selected' }))
    await waitFor(() => {
      expect(screen.getByRole('status', { name: '' })).toHaveTextContent('3 rejected.')
    })
    for (const row of await dataRows()) expect(row).toHaveTextContent('Rejected')
    await waitFor(() => {
      expect(counter()).toBeNull()
    })
    expect(screen.getByRole('checkbox', { name: 'Select all' })).toBeDisabled()
  })

  it('a refused answer rolls back: the error is shown and the image is still pending', async () => {
    const { session, user } = await openReview()
    await expectPending(3)
    updateSettings({ failNext: { status: 503, count: 1, method: 'PUT' } })
    const row = await rowOf(APP)
    await user.click(within(row).getByRole('button', { name: `Accept ${APP}` }))
    await waitFor(() => {
      expect(row).toHaveTextContent(
        'The server is currently unavailable. Please try again at a later time. Nothing changed; try again.',
      )
    })
    expect(row).not.toHaveTextContent('Accepted')
    const retry = within(row).getByRole('button', { name: `Accept ${APP}` })
    expect(retry).toBeEnabled()
    expect(document.activeElement).toBe(retry)
    await expectPending(3)
    const member = await getMember(
      glanceTarget(session, 'RegionOne'),
      seedImageId('pendingForBob'),
      consumerA,
    )
    expect(member.status).toBe('pending')

    // Trying again works.
    await user.click(retry)
    await waitFor(() => {
      expect(row).toHaveTextContent('Accepted')
    })
    await expectPending(2)
  })

  it('counts the answer at once while it is sent, and puts it back when Glance refuses', async () => {
    let release = () => {}
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    // Hold the PUT, then let the demo cloud answer it (a resolver that returns nothing falls through).
    server.use(http.put('*/v2/images/:id/members/:member', () => held))
    updateSettings({ failNext: { status: 403, count: 1, method: 'PUT' } })
    const { user } = await openReview()
    await expectPending(3)
    const row = await rowOf(APP)
    await user.click(within(row).getByRole('button', { name: `Accept ${APP}` }))
    expect(await within(row).findByText('Accepting…')).toBeInTheDocument()
    await expectPending(2)

    release()
    await waitFor(() => {
      expect(row).toHaveTextContent('Glance refused:')
    })
    await expectPending(3)
  })

  it('says in words when a share is taken away while the page is open', async () => {
    const { client } = await openReview()
    const row = await rowOf(APP)
    const alice = await tokenFor('alice')
    await glance(alice, `/images/${seedImageId('pendingForBob')}/members/${consumerA}`, {
      method: 'DELETE',
    })
    await client.invalidateQueries()
    await waitFor(() => {
      expect(row).toHaveTextContent(GONE)
    })
    expect(within(row).queryByRole('button', { name: `Accept ${APP}` })).toBeNull()
    await expectPending(2)
  })

  it('says so when nothing waits, with a way back to Saved Images', async () => {
    const session = await signIn({ username: 'bob', password: 'bob-demo', domain: 'Default' })
    await setMemberStatus(
      glanceTarget(session, 'RegionTwo'),
      seedImageId('r2PendingForBob'),
      consumerA,
      'rejected',
    )
    const { user, router } = await openReview('RegionTwo')
    expect(
      await screen.findByRole('heading', { name: 'Nothing waits for your answer' }),
    ).toBeInTheDocument()
    expect(screen.queryByRole('table')).toBeNull()
    await user.click(screen.getByRole('link', { name: 'Back to Saved Images' }))
    expect(router.state.location.pathname).toBe('/images')
  })

  it('shows a load failure with Try again', async () => {
    updateSettings({ failNext: { status: 503, count: 1, method: 'GET' } })
    const { user } = await openReview()
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('Shares waiting for your answer could not be loaded')
    expect(alert).toHaveTextContent('The server is currently unavailable.')
    await user.click(within(alert).getByRole('button', { name: 'Try again' }))
    expect(await dataRows()).toHaveLength(3)
  })
})
