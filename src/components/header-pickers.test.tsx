import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { MemoryRouter } from 'react-router'
import { keys } from '~/api/queries'
import { callerOf, type Session } from '~/api/scope'
import { initRuntime } from '~/config/runtime'
import { HeaderPickers } from './header-pickers'
import { SwitchAndReview } from './share-image/own-projects'

// Whoever is signed in, as the test sets it: the pickers read the session through useCaller.
const signedIn = vi.hoisted(() => ({ session: null as Session | null }))
vi.mock('~/session/use-caller', () => ({
  useCaller: () => {
    if (!signedIn.session) throw new Error('no session')
    return { session: signedIn.session, caller: callerOf(signedIn.session) }
  },
}))

const base: Session = {
  id: 'sid-1',
  expiresAt: '2030-01-01T00:00:00Z',
  user: { id: 'u-alice', name: 'alice', domainName: 'Default' },
  project: { id: 'p-producer', name: 'producer' },
  roles: ['member'],
  catalog: [],
  region: 'RegionOne',
  method: 'password',
  applicationCredential: null,
}
const byCredential: Session = {
  ...base,
  method: 'application_credential',
  applicationCredential: { id: 'ac-1', name: 'ci-builds', restricted: true },
}
const projects = [
  { id: 'p-producer', name: 'producer', domain_id: 'default' },
  { id: 'p-qa', name: 'qa', domain_id: 'default' },
]

function renderAs(session: Session, ui: React.ReactNode) {
  signedIn.session = session
  // The user's projects as Keystone listed them: no request leaves in these tests.
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } })
  client.setQueryData(keys.projects(session), projects)
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter>{ui}</MemoryRouter>
    </QueryClientProvider>,
  )
  return userEvent.setup()
}

const why =
  'This session is fixed to project producer: it was signed in with application credential “ci-builds”, which Keystone ties to one project.'

beforeEach(() => {
  initRuntime({ mode: 'demo', defaultDomain: 'Default', sso: [] })
})

describe('the project switcher', () => {
  it('offers the user’s projects in a password session', () => {
    renderAs(base, <HeaderPickers />)
    const select = screen.getByRole('combobox', { name: 'Project' })
    expect(select).toHaveDisplayValue('producer')
    expect(screen.getByRole('option', { name: 'qa' })).toBeInTheDocument()
  })

  it('offers no other project in an application credential’s session, and says why', async () => {
    const user = renderAs(byCredential, <HeaderPickers />)
    expect(screen.queryByRole('combobox', { name: 'Project' })).not.toBeInTheDocument()
    expect(screen.queryByRole('option', { name: 'qa' })).not.toBeInTheDocument()
    const button = screen.getByRole('button', { name: 'Project: producer (fixed)' })
    // Read out on focus, whether or not the note is open.
    expect(button).toHaveAccessibleDescription(why)
    expect(screen.queryByText(why)).not.toBeVisible()

    await user.click(button)
    expect(button).toHaveAttribute('aria-expanded', 'true')
    expect(screen.getByText(why)).toBeVisible()
    await user.keyboard('{Escape}')
    expect(screen.queryByText(why)).not.toBeVisible()
  })
})

describe('switching to the project just shared with', () => {
  const results = [{ memberId: 'p-qa', outcome: 'shared' as const, raw: 'p-qa' }]

  it('offers the switch in a password session', () => {
    renderAs(
      base,
      <SwitchAndReview results={results} region="RegionOne" onLeave={() => undefined} />,
    )
    expect(screen.getByRole('button', { name: 'Switch to qa and review' })).toBeInTheDocument()
  })

  it('says why not in an application credential’s session', () => {
    renderAs(
      byCredential,
      <SwitchAndReview results={results} region="RegionOne" onLeave={() => undefined} />,
    )
    expect(screen.queryByRole('button', { name: /Switch to/ })).not.toBeInTheDocument()
    expect(screen.getByText(/Shared with your own project qa: it waits there/)).toHaveTextContent(
      why,
    )
  })
})
