import { screen, waitFor, within } from '@testing-library/react'
import { resetDb } from '~mocks/db'
import { server } from '~mocks/node'
import type { SeedUserName } from '~mocks/seed'
import { control, glance, tokenFor } from '~mocks/test-helpers'
import { initRuntime } from '~/config/runtime'
import { resetSessionState } from '~/session/session'
import { renderSignedIn } from '~/test-render'
import SavedImagesPage from './route'

// alice (producer) lists 28 images in RegionOne; with 52 bulk images and one "zz-needle" she
// lists 81: by name, the needle comes last, on the fourth page of 25.
const BULK = 52
const ALL = 28 + BULK + 1

beforeEach(() => {
  initRuntime({ mode: 'demo', defaultDomain: 'Default' })
  resetSessionState()
})

afterEach(() => {
  server.events.removeAllListeners()
})

async function addImages() {
  const token = await tokenFor('alice')
  const names = ['zz-needle', ...Array.from({ length: BULK }, (_, i) => `bulk-${String(i)}`)]
  for (const name of names) {
    const created = await glance(token, '/images', {
      method: 'POST',
      body: { name, disk_format: 'raw', container_format: 'bare' },
    })
    expect(created.status).toBe(201)
  }
}

/** The view's list requests (sorted, unlike the pending count's), and how many at once at most. */
function recordLists() {
  const isList = (r: Request) =>
    r.method === 'GET' &&
    /\/image\/[^/]+\/v2\/images$/.test(new URL(r.url).pathname) &&
    new URL(r.url).searchParams.has('sort_key')
  let inFlight = 0
  const seen = { count: 0, maxInFlight: 0 }
  server.events.on('request:start', ({ request }) => {
    if (!isList(request)) return
    seen.count += 1
    inFlight += 1
    seen.maxInFlight = Math.max(seen.maxInFlight, inFlight)
  })
  const settle = ({ request }: { request: Request }) => {
    if (isList(request)) inFlight -= 1
  }
  server.events.on('response:mocked', settle)
  server.events.on('request:unhandled', settle)
  return seen
}

// The view tabs link to /images.
const routes = ['/', '/images'].map((path) => ({ path, element: <SavedImagesPage /> }))
const page = (path: string, user: SeedUserName = 'alice') => renderSignedIn(routes, { path, user })

const imageLink = (name: string) => screen.queryByRole('link', { name })
const searchBox = () => screen.getByRole('searchbox', { name: 'Search by name' })

describe('Name contains', () => {
  it('reads on page after page until it finds a match beyond the first page', async () => {
    await addImages()
    const lists = recordLists()
    const { user, router } = await page('/?sort=name:asc')
    await screen.findByText('Showing 25 images. More are available.')
    expect(imageLink('zz-needle')).toBeNull()

    await user.type(searchBox(), 'NEEDLE{Enter}')
    expect(
      await screen.findByRole('link', { name: 'zz-needle' }, { timeout: 10_000 }),
    ).toBeVisible()
    expect(
      screen.getByText(`Searched all ${String(ALL)} images. Showing 1 image that matches.`),
    ).toBeVisible()
    // One page after another, never two at once; four pages in all.
    expect(lists.maxInFlight).toBe(1)
    expect(lists.count).toBe(4)
    // The background pages stay out of the URL: a reload searches again from the first.
    const url = new URLSearchParams(router.state.location.search)
    expect(url.get('q')).toBe('NEEDLE')
    expect(url.has('pages')).toBe(false)
    expect(screen.queryByRole('button', { name: 'Load more images' })).toBeNull()
  }, 30_000)

  it('a link with ?q= searches on load; clearing it stops and shows the first page again', async () => {
    await addImages()
    const { user } = await page('/?sort=name:asc&q=bulk')
    expect(
      await screen.findByText(
        `Searched all ${String(ALL)} images. Showing ${String(BULK)} images that match.`,
        undefined,
        { timeout: 10_000 },
      ),
    ).toBeVisible()
    expect(imageLink('zz-needle')).toBeNull()

    await user.click(screen.getByRole('button', { name: 'Clear search' }))
    expect(await screen.findByText('Showing 25 images. More are available.')).toBeVisible()
    expect(screen.getByRole('button', { name: 'Load more images' })).toBeVisible()
  }, 30_000)

  it('shows its progress; Stop keeps what it found, Continue goes on', async () => {
    await addImages()
    const { user, client } = await page('/?sort=name:asc')
    await screen.findByText('Showing 25 images. More are available.')
    await waitFor(() => {
      expect(client.isFetching()).toBe(0)
    })
    const firstPage = screen
      .getAllByRole('link')
      .map((a) => a.textContent)
      .filter((name) => name?.startsWith('bulk-'))
    expect(firstPage.length).toBeGreaterThan(0)
    // The next list request never answers, so the search is seen under way.
    await control('settings', {
      failNext: { status: 0, hang: true, method: 'GET', path: '/v2/images' },
    })

    await user.type(searchBox(), 'bulk{Enter}')
    expect(
      await screen.findByText(
        `Searching… searched 25 images, ${String(firstPage.length)} found so far.`,
      ),
    ).toBeVisible()
    // A polite live region says it.
    expect(screen.getByText(/^Searching…/)).toHaveAttribute('aria-live', 'polite')

    await user.click(screen.getByRole('button', { name: 'Stop searching' }))
    expect(
      await screen.findByText(
        `Search stopped at 25 images. Showing ${String(firstPage.length)} images that match.`,
      ),
    ).toBeVisible()
    for (const name of firstPage) expect(imageLink(name ?? '')).toBeVisible()
    const resume = screen.getByRole('button', { name: 'Continue searching' })
    expect(resume).toHaveFocus()

    await user.click(resume)
    expect(
      await screen.findByText(
        `Searched all ${String(ALL)} images. Showing ${String(BULK)} images that match.`,
        undefined,
        { timeout: 10_000 },
      ),
    ).toBeVisible()
  }, 30_000)

  it('stops by itself after 2,000 images and says so', async () => {
    // 5,000 more images of alice's (mocks/seed.ts, largeSeed).
    resetDb({ seed: 'large' })
    const lists = recordLists()
    const { user } = await page('/')
    await screen.findByText('Showing 25 images. More are available.')

    await user.type(searchBox(), 'no-such-name{Enter}')
    const capped =
      'Searched the first 2,000 images. Showing 0 images that match. Use Exact name to ask Glance for a whole name across all images.'
    expect(await screen.findByText(capped, undefined, { timeout: 40_000 })).toBeVisible()
    const empty = screen.getByRole('heading', { name: 'No image matches “no-such-name”' })
    expect(empty).toBeVisible()
    expect(lists.count).toBe(2000 / 25)
    expect(lists.maxInFlight).toBe(1)

    // Asked, it goes on for another 2,000.
    await user.click(screen.getByRole('button', { name: 'Search 2,000 more' }))
    expect(
      await screen.findByText(/^Searched the first 4,000 images\./, undefined, { timeout: 40_000 }),
    ).toBeVisible()
    expect(lists.count).toBe(4000 / 25)
  }, 90_000)
})

describe('Shared with me', () => {
  const sharedTab = () =>
    within(screen.getByRole('navigation', { name: 'Image views' })).getByRole('link', {
      name: 'Shared with me',
    })

  it('opens on Pending while a share waits for an answer', async () => {
    const { user } = await page('/', 'bob')
    await waitFor(() => {
      expect(sharedTab()).toHaveAttribute('href', '/images?view=shared&status=pending')
    })
    await user.click(sharedTab())
    const status = screen.getByRole('radiogroup', { name: 'Membership status' })
    expect(within(status).getByRole('radio', { name: 'Pending' })).toBeChecked()
    expect(await screen.findByRole('link', { name: 'app-server-2026.01' })).toBeVisible()
  })

  it('opens on Accepted when nothing waits', async () => {
    // No share waits for the admin project's answer.
    const { client } = await page('/', 'admin')
    await screen.findByRole('table', { name: 'Saved Images' })
    await waitFor(() => {
      expect(client.isFetching()).toBe(0)
    })
    expect(sharedTab()).toHaveAttribute('href', '/images?view=shared')
  })

  it('a status in the URL wins, and its tab keeps it', async () => {
    const { client } = await page('/?view=shared&status=rejected', 'bob')
    const status = screen.getByRole('radiogroup', { name: 'Membership status' })
    expect(within(status).getByRole('radio', { name: 'Rejected' })).toBeChecked()
    expect(await screen.findByRole('link', { name: 'db-snapshot-golden' })).toBeVisible()
    // bob's pending shares are known by now, and change nothing.
    await waitFor(() => {
      expect(client.isFetching()).toBe(0)
    })
    expect(within(status).getByRole('radio', { name: 'Rejected' })).toBeChecked()
    expect(sharedTab()).toHaveAttribute('href', '/images?view=shared&status=rejected')
  })
})
