import { screen, waitFor, within } from '@testing-library/react'
import { server } from '~mocks/node'
import { seedImageId, seedProjectId } from '~mocks/seed'
import { glance, tokenFor } from '~mocks/test-helpers'
import { initRuntime } from '~/config/runtime'
import { resetSessionState } from '~/session/session'
import { renderSignedIn } from '~/test-render'
import { paths } from '~/util/paths'
import InspectPage from './route'
import { readInspectUrl, refusedCheck } from './url-state'

// Glance takes any text as a member ID; as an argument of openstack this one is an option that
// sends the password of whoever runs the command to that Keystone.
const HOSTILE = '--os-auth-url=http://127.0.0.1:6199/v3'
const image = seedImageId('manyMembers')
const consumerB = seedProjectId('consumer-b')

beforeEach(() => {
  initRuntime({ mode: 'demo', defaultDomain: 'Default' })
  resetSessionState()
})

afterEach(() => {
  server.events.removeAllListeners()
})

const openInspect = (check: string) =>
  renderSignedIn([{ path: '/inspect', element: <InspectPage /> }], {
    path: paths.inspect({ image, region: 'RegionOne', check }),
    user: 'admin',
  })

const checkRegion = () => screen.findByRole('region', { name: 'Check a project' })

/** Every openstack or glance command the section shows, opened or not. */
const commandsIn = (el: HTMLElement) =>
  Array.from(el.querySelectorAll('code'), (c) => c.textContent).filter((t) =>
    /^(openstack|glance) /.test(t),
  )

describe('the project to check, from a link', () => {
  it('is refused when it is not a project ID, and kept apart from the others', () => {
    const params = new URLSearchParams({ image, check: HOSTILE })
    expect(readInspectUrl(params)).toEqual({ image })
    expect(refusedCheck(params)).toBe(HOSTILE)
    // Keystone's form, in capitals or as a dashed UUID, is a project ID as typed.
    const dashed = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0'
    for (const id of [consumerB, consumerB.toUpperCase(), dashed]) {
      const ok = new URLSearchParams({ check: ` ${id} ` })
      expect(readInspectUrl(ok)).toEqual({ check: id })
      expect(refusedCheck(ok)).toBeUndefined()
    }
  })

  it('says an ID that is an option to openstack is not checked, and shows no command for it', async () => {
    await openInspect(HOSTILE)
    const check = await checkRegion()
    const alert = await within(check).findByRole('alert')
    expect(alert).toHaveTextContent('Not checked: not a project ID')
    expect(alert).toHaveTextContent(`${HOSTILE} is not a project ID`)
    // No verdicts, hence no commands about it.
    expect(within(check).queryByRole('heading', { level: 3 })).toBeNull()
    expect(commandsIn(check)).toEqual([])
  })

  it('checks a project ID, with commands that end their options before the IDs', async () => {
    await openInspect(consumerB)
    const check = await checkRegion()
    expect(
      await within(check).findByText('It is a member; its answer is rejected.', { exact: false }),
    ).toBeVisible()
    expect(commandsIn(check)).toContain(
      `openstack --os-region-name RegionOne image remove project -- ${image} ${consumerB}`,
    )
  })
})

describe('Explain, on a member whose ID is not a project ID', () => {
  it('says why it is not checked, and names it in no command', async () => {
    const added = await glance(await tokenFor('alice', 'producer'), `/images/${image}/members`, {
      method: 'POST',
      body: { member: HOSTILE },
    })
    expect(added.status).toBe(200)
    const { user } = await renderSignedIn([{ path: '/inspect', element: <InspectPage /> }], {
      path: paths.inspect({ image, region: 'RegionOne' }),
      user: 'admin',
    })
    await user.click(
      await screen.findByRole('button', { name: `Explain what project ${HOSTILE} sees` }),
    )
    const check = await checkRegion()
    await waitFor(() => {
      expect(within(check).getByRole('alert')).toHaveTextContent('Not checked: not a project ID')
    })
    expect(commandsIn(document.body).some((c) => c.includes('os-auth-url'))).toBe(false)
  })
})

describe('Check a project, typed', () => {
  it('refuses what is not a project ID, with the reason', async () => {
    const { user } = await openInspect(consumerB)
    const check = await checkRegion()
    const field = within(check).getByRole('textbox', { name: 'Project ID' })
    await user.clear(field)
    await user.type(field, HOSTILE)
    await user.click(within(check).getByRole('button', { name: 'Check' }))
    expect(field).toHaveAccessibleDescription(/is not a project ID/)
    // What is shown is still the project checked before.
    expect(commandsIn(check)).toContain(
      `openstack --os-region-name RegionOne image remove project -- ${image} ${consumerB}`,
    )
    expect(commandsIn(check).some((c) => c.includes('os-auth-url'))).toBe(false)
  })
})
