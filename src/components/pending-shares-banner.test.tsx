import { screen, waitFor, within } from '@testing-library/react'
import { updateSettings } from '~mocks/db'
import { server } from '~mocks/node'
import { seedImageId } from '~mocks/seed'
import { initRuntime } from '~/config/runtime'
import { setMemberStatus } from '~/api/glance'
import { ALL_REGIONS, glanceTarget } from '~/api/scope'
import { getSessionState, resetSessionState } from '~/session/session'
import { renderSignedIn } from '~/test-render'
import { PendingSharesBanner } from './pending-shares-banner'
import { PendingSharesCounter } from './pending-shares-counter'

// bob (consumer-a) has three pending shares in RegionOne and one in RegionTwo.

beforeEach(() => {
  initRuntime({ mode: 'demo', defaultDomain: 'Default' })
  resetSessionState()
})

afterEach(() => {
  server.events.removeAllListeners()
})

function renderAs(region?: string) {
  return renderSignedIn(
    [
      {
        path: '/images',
        element: (
          <>
            <header>
              <PendingSharesCounter />
            </header>
            <PendingSharesBanner />
          </>
        ),
      },
      { path: '/review', element: <h1>Review page</h1> },
    ],
    { path: '/images', region },
  )
}

const banner = () => screen.findByRole('region', { name: 'Shares waiting for your answer' })
const counter = () => screen.findByRole('link', { name: /^Shared with you \d+ images? to review$/ })

/** Every GET of an image list the demo cloud receives, by region. */
function recordLists() {
  const lists: string[] = []
  server.events.on('request:start', ({ request }) => {
    const url = new URL(request.url)
    if (request.method === 'GET' && url.pathname.endsWith('/v2/images'))
      lists.push(
        `${url.pathname.split('/')[3] ?? ''} member_status=${url.searchParams.get('member_status') ?? ''}`,
      )
  })
  return lists
}

describe('Pending shares: banner and header counter', () => {
  it('counts the shares waiting in the chosen region, with one request behind both, and the others apart', async () => {
    const lists = recordLists()
    const { user, router } = await renderAs()
    const region = await banner()
    expect(
      within(region).getByRole('heading', { name: '3 images shared with you' }),
    ).toBeInTheDocument()
    expect(region).toHaveTextContent('They are waiting for your answer.')
    // One region counted: no per-region counts.
    expect(region).not.toHaveTextContent('RegionOne:')
    expect(await counter()).toHaveAccessibleName('Shared with you 3 images to review')
    expect(await counter()).toHaveTextContent('Shared with you 3 images to review')
    // One request for the chosen region (banner and counter), one for the region left out.
    expect(lists.sort()).toEqual([
      'RegionOne member_status=pending',
      'RegionTwo member_status=pending',
    ])
    expect(
      await within(region).findByText(
        '1 more image shared with you waits in another region (1 in RegionTwo).',
      ),
    ).toBeVisible()

    await user.click(within(region).getByRole('link', { name: 'Review' }))
    expect(router.state.location.pathname).toBe('/review')
  })

  it('counts every region under All regions, and says how many in each', async () => {
    await renderAs(ALL_REGIONS)
    const region = await banner()
    expect(
      await within(region).findByRole('heading', { name: '4 images shared with you' }),
    ).toBeInTheDocument()
    const byRegion = within(region).getByRole('list', { name: 'By region' })
    expect(
      within(byRegion)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['RegionOne: 3', 'RegionTwo: 1'])
    expect(await counter()).toHaveAccessibleName('Shared with you 4 images to review')
  })

  it('says one image in the singular, and goes away once nothing waits', async () => {
    const { session, client, user } = await renderAs('RegionTwo')
    const region = await banner()
    expect(
      within(region).getByRole('heading', { name: '1 image shared with you' }),
    ).toBeInTheDocument()
    expect(region).toHaveTextContent('It is waiting for your answer.')
    expect(await counter()).toHaveAccessibleName('Shared with you 1 image to review')

    await setMemberStatus(
      glanceTarget(session, 'RegionTwo'),
      seedImageId('r2PendingForBob'),
      session.project?.id ?? '',
      'rejected',
    )
    await client.invalidateQueries()
    await waitFor(() => {
      expect(screen.queryByRole('heading', { name: /shared with you/ })).toBeNull()
    })
    expect(screen.queryByRole('link', { name: /shared with you/ })).toBeNull()
    // Nothing waits here, but three do in RegionOne: the banner stays to say so.
    const stays = await banner()
    expect(stays).toHaveTextContent(
      '3 images shared with you wait in another region (3 in RegionOne).',
    )
    await user.click(within(stays).getByRole('button', { name: 'Switch to RegionOne' }))
    expect(getSessionState().session?.region).toBe('RegionOne')
    expect(
      await within(await banner()).findByRole('heading', { name: '3 images shared with you' }),
    ).toBeInTheDocument()
  })

  it('goes away once nothing waits in any region', async () => {
    const { session, client } = await renderAs('RegionTwo')
    await banner()
    for (const [region, key] of [
      ['RegionTwo', 'r2PendingForBob'],
      ['RegionOne', 'pendingForBob'],
      ['RegionOne', 'unicodeName'],
      ['RegionOne', 'nullName'],
    ] as const)
      await setMemberStatus(
        glanceTarget(session, region),
        seedImageId(key),
        session.project?.id ?? '',
        'rejected',
      )
    await client.invalidateQueries()
    await waitFor(() => {
      expect(screen.queryByRole('region', { name: 'Shares waiting for your answer' })).toBeNull()
    })
  })

  it('shows nothing while it loads', async () => {
    await renderAs()
    // The first render is before Glance answers.
    expect(screen.queryByRole('region', { name: 'Shares waiting for your answer' })).toBeNull()
    expect(screen.queryByRole('link', { name: /shared with you/ })).toBeNull()
    expect(await banner()).toBeInTheDocument()
  })

  it('names a region that could not be checked and still counts the others', async () => {
    updateSettings({ failNext: { status: 503, count: 1, method: 'GET', path: '/RegionTwo/' } })
    await renderAs(ALL_REGIONS)
    const region = await banner()
    expect(
      await within(region).findByRole('heading', { name: '3 images shared with you' }),
    ).toBeInTheDocument()
    expect(region).toHaveTextContent('RegionOne: 3')
    expect(region).toHaveTextContent('RegionTwo: not checked')
    expect(region).toHaveTextContent('Shares in RegionTwo could not be checked')
    expect(await counter()).toHaveAccessibleName('Shared with you 3 images to review')
  })

  it('says quietly when the shares could not be checked, and Try again asks again', async () => {
    updateSettings({ failNext: { status: 503, count: 1, method: 'GET' } })
    const { user } = await renderAs()
    const region = await banner()
    expect(
      await within(region).findByText('Shares waiting for your answer could not be checked'),
    ).toBeInTheDocument()
    expect(within(region).getByRole('status')).toBeInTheDocument()
    // The counter does not guess.
    expect(screen.queryByRole('link', { name: /shared with you/ })).toBeNull()

    await user.click(within(region).getByRole('button', { name: 'Try again' }))
    expect(
      await within(await banner()).findByRole('heading', { name: '3 images shared with you' }),
    ).toBeInTheDocument()
    expect(await counter()).toHaveAccessibleName('Shared with you 3 images to review')
  })
})
