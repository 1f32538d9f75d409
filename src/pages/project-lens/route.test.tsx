import { screen, within } from '@testing-library/react'
import { server } from '~mocks/node'
import { FOREIGN_PROJECT_ID } from '~mocks/seed'
import { initRuntime } from '~/config/runtime'
import { resetSessionState } from '~/session/session'
import { renderSignedIn } from '~/test-render'
import { paths } from '~/util/paths'
import ProjectLensPage from './route'
import { readLensUrl, refusedProject } from './url-state'

// Glance takes any text as a member ID; this one, as an argument of openstack, is an option.
const HOSTILE = '--os-auth-url=http://127.0.0.1:6199/v3'

beforeEach(() => {
  initRuntime({ mode: 'demo', defaultDomain: 'Default' })
  resetSessionState()
})

afterEach(() => {
  server.events.removeAllListeners()
})

/** Every Glance request the demo cloud receives. */
function recordGlanceCalls() {
  const calls: string[] = []
  server.events.on('request:start', ({ request }) => {
    if (new URL(request.url).pathname.includes('/image/')) calls.push(request.url)
  })
  return calls
}

const openLens = (project: string) =>
  renderSignedIn([{ path: '/inspect/project', element: <ProjectLensPage /> }], {
    path: paths.projectLens({ project }),
    user: 'admin',
  })

test("a link's project that is not a project ID is refused, apart from its region", () => {
  const params = new URLSearchParams({ project: HOSTILE, region: 'RegionTwo' })
  expect(readLensUrl(params)).toEqual({ region: 'RegionTwo' })
  expect(refusedProject(params)).toBe(HOSTILE)
  const ok = new URLSearchParams({ project: FOREIGN_PROJECT_ID })
  expect(readLensUrl(ok)).toEqual({ project: FOREIGN_PROJECT_ID })
  expect(refusedProject(ok)).toBeUndefined()
})

test('a link to scan for what is not a project ID says so and scans nothing', async () => {
  const calls = recordGlanceCalls()
  const { user } = await openLens(HOSTILE)
  const alert = await screen.findByRole('alert')
  expect(alert).toHaveTextContent('Not scanned: not a project ID')
  expect(alert).toHaveTextContent(`${HOSTILE} is not a project ID`)
  expect(screen.queryByRole('heading', { level: 2 })).toBeNull()
  expect(calls.filter((url) => url.includes('/v2/images'))).toEqual([])

  // Typed, it is refused as well, with the reason under the field.
  const field = screen.getByRole('textbox', { name: 'Project ID' })
  expect(field).toHaveValue(HOSTILE)
  await user.click(screen.getByRole('button', { name: 'Scan' }))
  expect(field).toHaveAccessibleDescription(/is not a project ID/)
  await user.clear(field)
  await user.type(field, 'build-farm')
  await user.click(screen.getByRole('button', { name: 'Scan' }))
  expect(field).toHaveAccessibleDescription(/looks like a name/)
  expect(calls.filter((url) => url.includes('/v2/images'))).toEqual([])
})

test('a project ID is scanned for', async () => {
  await openLens(FOREIGN_PROJECT_ID)
  const section = await screen.findByRole('region', { name: /^Shared with/ })
  expect(within(section).getByText(FOREIGN_PROJECT_ID)).toBeInTheDocument()
  expect(screen.queryByText('Not scanned: not a project ID')).toBeNull()
})
