import type { QueryClient } from '@tanstack/react-query'
import { screen, waitFor } from '@testing-library/react'
import { server } from '~mocks/node'
import { glance, tokenFor } from '~mocks/test-helpers'
import { initRuntime } from '~/config/runtime'
import { resetSessionState } from '~/session/session'
import { renderSignedIn } from '~/test-render'
import { savedImagesLoader } from './loader'
import SavedImagesPage from './route'

// alice (producer) has 28 images in RegionOne; 52 more make 80: three pages of 25, and 5 more.
const EXTRA = 52

beforeEach(async () => {
  initRuntime({ mode: 'demo', defaultDomain: 'Default' })
  resetSessionState()
  const token = await tokenFor('alice')
  for (let i = 0; i < EXTRA; i++) {
    const created = await glance(token, '/images', {
      method: 'POST',
      body: {
        name: `bulk-${String(i).padStart(2, '0')}`,
        disk_format: 'raw',
        container_format: 'bare',
      },
    })
    expect(created.status).toBe(201)
  }
})

afterEach(() => {
  server.events.removeAllListeners()
})

/**
 * The view's list requests (GET /v2/images with the view's sort) Glance receives from now on, by
 * their query strings; the header's pending-shares count asks too, unsorted.
 */
function recordLists() {
  const lists: URLSearchParams[] = []
  server.events.on('request:start', ({ request }) => {
    const url = new URL(request.url)
    const isList = request.method === 'GET' && /\/image\/[^/]+\/v2\/images$/.test(url.pathname)
    if (isList && url.searchParams.has('sort_key')) lists.push(url.searchParams)
  })
  return lists
}

const imageLinks = () =>
  screen
    .getAllByRole('link')
    .map((a) => a.getAttribute('href') ?? '')
    .filter((href) => href.startsWith('/images/'))

describe('Saved Images reloaded with ?pages=N', () => {
  it.each([
    ['the page alone', false],
    ['with the route loader', true],
  ])(
    'asks Glance once for all three pages (%s), each image once',
    async (_, withLoader) => {
      const lists = recordLists()
      let client: QueryClient | undefined
      const { user } = await renderSignedIn(
        [
          {
            path: '/',
            element: <SavedImagesPage />,
            // The loader needs the client renderSignedIn makes, known once `before` has run.
            loader: (args) => (withLoader && client ? savedImagesLoader(client)(args) : null),
          },
        ],
        {
          path: '/?pages=3',
          user: 'alice',
          before: (c) => {
            client = c
            // As in the app (src/app/app.tsx): the page does not ask again for what the loader got.
            c.setDefaultOptions({
              queries: { ...c.getDefaultOptions().queries, staleTime: 10_000 },
            })
            return Promise.resolve()
          },
        },
      )
      await waitFor(
        () => {
          expect(imageLinks()).toHaveLength(75)
        },
        { timeout: 15_000 },
      )
      const links = imageLinks()
      expect(new Set(links).size).toBe(links.length)
      expect(lists).toHaveLength(1)
      expect(lists[0]?.get('limit')).toBe('75')

      // "Load more" goes on from the 75th image's marker, with no image twice.
      await user.click(screen.getByRole('button', { name: 'Load more images' }))
      // Rendering 80 rows in jsdom takes seconds, more on a busy machine.
      await waitFor(
        () => {
          expect(imageLinks()).toHaveLength(28 + EXTRA)
        },
        { timeout: 15_000 },
      )
      expect(new Set(imageLinks()).size).toBe(28 + EXTRA)
      expect(lists).toHaveLength(2)
      expect(lists[1]?.get('limit')).toBe('25')
      expect(links.at(-1)).toContain(`/images/${lists[1]?.get('marker') ?? 'none'}`)
    },
    40_000,
  )
})
