import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { act, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { createMemoryRouter, RouterProvider } from 'react-router'
import { ApiError } from '~/api/http'
import { signInWords, type SignInBody } from '~/api/session-flow'
import { initRuntime, type DemoHooks } from '~/config/runtime'
import * as sessionModule from '~/session/session'
import { rememberSignIn } from './remembered'
import SignInPage from './route'
import { markSsoStart, SSO_MARKER_KEY, ssoWords } from './sso'

// The server's second step and Web SSO routes are stood in for here: the tests decide what
// Keystone answers. A sign-in that succeeds signs alice in to the demo cloud for real, so the
// page sees a session as it would.
vi.mock('~/session/session', async (importOriginal) => {
  const actual = await importOriginal<typeof sessionModule>()
  return {
    ...actual,
    beginSignIn: vi.fn(),
    answerStep: vi.fn(),
    claimSso: vi.fn(),
    declineSso: vi.fn(() => Promise.resolve()),
  }
})
const session = vi.mocked(sessionModule)

const university = { label: 'University', url: 'https://idp.example/websso?origin=x' }

function setUp(demo?: Partial<DemoHooks>) {
  initRuntime(
    { mode: 'demo', defaultDomain: 'Default', sso: [university] },
    demo ? { users: [], reset: () => undefined, ...demo } : undefined,
  )
}

/** alice, signed in for real: what the page does once Keystone said yes. */
const aliceSignsIn = () =>
  session.signIn({ username: 'alice', password: 'alice-demo', domain: 'Default' })

const step = (needs: 'passcode' | 'password' = 'passcode') => ({
  step: { needs, user: 'mia', expiresAt: '2030-01-01T10:05:00Z' },
})

function renderAt(path: string, { strict = false } = {}) {
  const client = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  })
  const router = createMemoryRouter(
    [
      { path: '/sign-in', Component: SignInPage },
      { path: '*', element: <h1>Signed-in page</h1> },
    ],
    { initialEntries: [path] },
  )
  const app = (
    <QueryClientProvider client={client}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  )
  render(strict ? <StrictMode>{app}</StrictMode> : app)
  return { router, user: userEvent.setup() }
}

const methodGroup = () => screen.getByRole('radiogroup', { name: 'Sign in with' })
const chooseMethod = (user: ReturnType<typeof userEvent.setup>, name: string) =>
  user.click(within(methodGroup()).getByRole('radio', { name }))
const sentBodies = (): SignInBody[] => session.beginSignIn.mock.calls.map(([body]) => body)

beforeEach(() => {
  for (const fake of [session.beginSignIn, session.answerStep, session.claimSso]) fake.mockReset()
  session.declineSso.mockReset().mockResolvedValue(undefined)
  localStorage.clear()
  sessionModule.resetSessionState()
  setUp()
  // jsdom does not navigate: a click on a link to the identity provider stays on the page.
  document.addEventListener('click', preventNavigation)
})
afterEach(() => {
  document.removeEventListener('click', preventNavigation)
})
function preventNavigation(e: Event) {
  if (e.target instanceof Element && e.target.closest('a')) e.preventDefault()
}

describe('the way in', () => {
  it('opens on Password with the fields the e2e tests and password managers know', () => {
    renderAt('/sign-in')
    expect(within(methodGroup()).getByRole('radio', { name: 'Password' })).toBeChecked()
    const form = screen.getByRole('form', { name: 'Sign in' })
    expect(within(form).getByLabelText('User name')).toHaveAttribute('autocomplete', 'username')
    expect(within(form).getByLabelText('Password')).toHaveAttribute('type', 'password')
    expect(within(form).getByLabelText('Domain')).toHaveValue('Default')
    expect(within(form).getByLabelText('Project')).toBeInTheDocument()
    // One field is named Password: the choice of method is not a second one.
    expect(screen.getAllByLabelText(/password/i)).toHaveLength(1)
  })

  it('switches to Passcode and to an application credential, by ID or by name', async () => {
    const { user } = renderAt('/sign-in')
    await chooseMethod(user, 'Passcode')
    const passcode = screen.getByLabelText('Passcode')
    expect(passcode).toHaveAttribute('autocomplete', 'one-time-code')
    expect(passcode).toHaveAttribute('inputmode', 'numeric')
    expect(screen.queryByLabelText('Password')).not.toBeInTheDocument()
    expect(screen.getByLabelText('Project')).toBeInTheDocument()

    await chooseMethod(user, 'Application credential')
    expect(screen.getByText(/the session stays in that project/)).toBeInTheDocument()
    expect(screen.getByRole('radio', { name: 'By ID' })).toBeChecked()
    expect(screen.getByLabelText('Application credential ID')).toBeInTheDocument()
    const secret = screen.getByLabelText('Secret')
    expect(secret).toHaveAttribute('type', 'password')
    expect(secret).toHaveAttribute('autocomplete', 'off')
    expect(screen.queryByLabelText('User name')).not.toBeInTheDocument()

    await user.click(screen.getByRole('radio', { name: 'By name' }))
    expect(screen.getByLabelText('Application credential name')).toBeInTheDocument()
    expect(screen.getByLabelText('User name')).toBeInTheDocument()
    expect(screen.getByLabelText('Domain')).toBeInTheDocument()
    expect(screen.queryByLabelText('Application credential ID')).not.toBeInTheDocument()
  })

  it('moves between methods with the arrow keys', async () => {
    const { user } = renderAt('/sign-in')
    within(methodGroup()).getByRole('radio', { name: 'Password' }).focus()
    await user.keyboard('{ArrowRight}')
    expect(within(methodGroup()).getByRole('radio', { name: 'Passcode' })).toHaveFocus()
    expect(screen.getByLabelText('Passcode')).toBeInTheDocument()
    await user.keyboard('{End}')
    expect(screen.getByLabelText('Application credential ID')).toBeInTheDocument()
    await user.keyboard('{ArrowRight}')
    expect(within(methodGroup()).getByRole('radio', { name: 'Password' })).toBeChecked()
  })
})

describe('a password, then a passcode', () => {
  async function toStep(needs: 'passcode' | 'password' = 'passcode') {
    session.beginSignIn.mockResolvedValueOnce(step(needs))
    const rendered = renderAt('/sign-in?next=%2Freview')
    const { user } = rendered
    await user.type(screen.getByLabelText('User name'), 'mia')
    await user.type(screen.getByLabelText('Password'), 'mia-demo')
    await user.type(screen.getByLabelText('Project'), 'producer')
    await user.click(screen.getByRole('button', { name: 'Sign in' }))
    return rendered
  }

  it('asks for the passcode in one field, focused, and signs in with it', async () => {
    const { router, user } = await toStep()
    expect(sentBodies()).toEqual([
      {
        method: 'password',
        username: 'mia',
        password: 'mia-demo',
        domain: 'Default',
        project: 'producer',
      },
    ])
    const form = await screen.findByRole('form', { name: 'Second step' })
    expect(within(form).getByRole('heading', { name: 'Enter your passcode' })).toBeInTheDocument()
    // The one element named Passcode is the field (e2e tests find it by its label).
    expect(screen.getAllByLabelText(/passcode/i)).toHaveLength(1)
    expect(form).toHaveTextContent(
      'Keystone needs a second factor for mia: the 6-digit code from your authenticator app.',
    )
    expect(form).toHaveTextContent('Finish before 10:05 UTC.')
    const field = within(form).getByLabelText('Passcode')
    expect(field).toHaveFocus()
    expect(field).toHaveAttribute('autocomplete', 'one-time-code')
    expect(field).toHaveAttribute('pattern', '[0-9]*')

    session.answerStep.mockImplementationOnce(async () => ({ session: await aliceSignsIn() }))
    await user.type(field, '123 456')
    expect(field).toHaveValue('123456')
    await user.click(within(form).getByRole('button', { name: 'Verify' }))
    expect(session.answerStep.mock.calls.map(([answer]) => answer)).toEqual([
      { passcode: '123456' },
    ])
    await waitFor(() => {
      expect(router.state.location.pathname).toBe('/review')
    })
  })

  it('keeps the step after a wrong passcode, with the field empty and focused', async () => {
    const { user } = await toStep()
    session.answerStep.mockRejectedValueOnce(
      new ApiError({ status: 401, message: signInWords.wrongPasscode, reason: 'wrong-passcode' }),
    )
    const form = await screen.findByRole('form', { name: 'Second step' })
    await user.type(within(form).getByLabelText('Passcode'), '000000')
    await user.click(within(form).getByRole('button', { name: 'Verify' }))

    expect(await within(form).findByRole('alert')).toHaveTextContent(signInWords.wrongPasscode)
    expect(within(form).getByLabelText('Passcode')).toHaveValue('')
    expect(within(form).getByLabelText('Passcode')).toHaveFocus()
  })

  it('refuses a code that is not 6 to 10 digits before asking', async () => {
    const { user } = await toStep()
    const form = await screen.findByRole('form', { name: 'Second step' })
    await user.type(within(form).getByLabelText('Passcode'), '12345')
    await user.click(within(form).getByRole('button', { name: 'Verify' }))
    expect(within(form).getByLabelText('Passcode')).toHaveAccessibleDescription(
      /6 digits \(some clouds use up to 10\)/,
    )
    expect(session.answerStep).not.toHaveBeenCalled()
  })

  it('goes back to the first step when the receipt ran out, keeping all but the password', async () => {
    const { user } = await toStep()
    session.answerStep.mockRejectedValueOnce(
      new ApiError({ status: 401, message: signInWords.receiptExpired, reason: 'receipt-expired' }),
    )
    const form = await screen.findByRole('form', { name: 'Second step' })
    await user.type(within(form).getByLabelText('Passcode'), '123456')
    await user.click(within(form).getByRole('button', { name: 'Verify' }))

    const first = await screen.findByRole('form', { name: 'Sign in' })
    expect(within(first).getByRole('alert')).toHaveTextContent(signInWords.receiptExpired)
    expect(within(first).getByLabelText('User name')).toHaveValue('mia')
    expect(within(first).getByLabelText('Project')).toHaveValue('producer')
    expect(within(first).getByLabelText('Domain')).toHaveValue('Default')
    expect(within(first).getByLabelText('Password')).toHaveValue('')
    expect(within(first).getByLabelText('Password')).toHaveFocus()
  })

  it('starts again on request, and asks for a password when that is the factor missing', async () => {
    const { user } = await toStep('password')
    const form = await screen.findByRole('form', { name: 'Second step' })
    expect(within(form).getByRole('heading', { name: 'Enter your password' })).toBeInTheDocument()
    expect(within(form).getByLabelText('Password')).toHaveAttribute('type', 'password')
    await user.click(within(form).getByRole('button', { name: 'Start again' }))
    expect(screen.getByRole('form', { name: 'Sign in' })).toBeInTheDocument()
    expect(screen.getByLabelText('User name')).toHaveValue('mia')
    expect(screen.getByLabelText('Password')).toHaveValue('')
  })
})

describe('a passcode alone, and application credentials', () => {
  it('sends the passcode without spaces, and empties it when refused', async () => {
    session.beginSignIn.mockRejectedValueOnce(
      new ApiError({ status: 401, message: signInWords.passcodeRefused }),
    )
    const { user } = renderAt('/sign-in')
    await chooseMethod(user, 'Passcode')
    await user.type(screen.getByLabelText('User name'), 'tess')
    await user.type(screen.getByLabelText('Passcode'), '654 321')
    await user.click(screen.getByRole('button', { name: 'Sign in' }))
    expect(sentBodies()).toEqual([
      {
        method: 'totp',
        username: 'tess',
        passcode: '654321',
        domain: 'Default',
        project: undefined,
      },
    ])
    expect(await screen.findByRole('alert')).toHaveTextContent(signInWords.passcodeRefused)
    expect(screen.getByLabelText('User name')).toHaveValue('tess')
    expect(screen.getByLabelText('Passcode')).toHaveValue('')
    expect(screen.getByLabelText('Passcode')).toHaveFocus()
  })

  it('names the credential by ID, and goes on once signed in', async () => {
    session.beginSignIn.mockImplementationOnce(async () => ({ session: await aliceSignsIn() }))
    const { router, user } = renderAt('/sign-in?next=%2Fimages%3Fq%3Dx')
    await chooseMethod(user, 'Application credential')
    await user.type(screen.getByLabelText('Application credential ID'), ' ac-1 ')
    await user.type(screen.getByLabelText('Secret'), 's3cret')
    await user.click(screen.getByRole('button', { name: 'Sign in' }))
    expect(sentBodies()).toEqual([
      { method: 'application_credential', id: 'ac-1', secret: 's3cret' },
    ])
    await waitFor(() => {
      expect(router.state.location.pathname + router.state.location.search).toBe('/images?q=x')
    })
  })

  it('names the credential by name, user and domain; a refusal empties the secret only', async () => {
    session.beginSignIn.mockRejectedValueOnce(
      new ApiError({
        status: 401,
        message: signInWords.credentialRefused,
        reason: 'credential-refused',
      }),
    )
    const { user } = renderAt('/sign-in')
    await chooseMethod(user, 'Application credential')
    await user.click(screen.getByRole('radio', { name: 'By name' }))
    await user.type(screen.getByLabelText('Application credential name'), 'ci')
    await user.type(screen.getByLabelText('User name'), 'alice')
    await user.type(screen.getByLabelText('Secret'), 's3cret')
    await user.click(screen.getByRole('button', { name: 'Sign in' }))
    expect(sentBodies()).toEqual([
      {
        method: 'application_credential',
        name: 'ci',
        user: 'alice',
        domain: 'Default',
        secret: 's3cret',
      },
    ])
    expect(await screen.findByRole('alert')).toHaveTextContent(signInWords.credentialRefused)
    expect(screen.getByLabelText('Application credential name')).toHaveValue('ci')
    expect(screen.getByLabelText('Secret')).toHaveValue('')
  })
})

describe('Web SSO', () => {
  it('offers each choice as a link, and notes before leaving where to come back to', async () => {
    const { user } = renderAt('/sign-in?next=%2Freview')
    const link = screen.getByRole('link', { name: 'Sign in with University' })
    expect(link).toHaveAttribute('href', university.url)
    await user.click(link)
    const marker: unknown = JSON.parse(sessionStorage.getItem(SSO_MARKER_KEY) ?? 'null')
    expect(marker).toMatchObject({ next: '/review', label: 'University' })
  })

  it('claims the answer it asked for and goes on to the page the user came from', async () => {
    markSsoStart({ next: '/images/abc?region=RegionTwo', label: 'University' })
    session.claimSso.mockImplementationOnce(aliceSignsIn)
    const { router } = renderAt('/sign-in?sso=ready')
    expect(screen.getByRole('status')).toHaveTextContent('Finishing the sign-in with University…')
    await waitFor(() => {
      expect(router.state.location.pathname + router.state.location.search).toBe(
        '/images/abc?region=RegionTwo',
      )
    })
    expect(session.claimSso).toHaveBeenCalledTimes(1)
    expect(session.declineSso).not.toHaveBeenCalled()
    expect(sessionStorage.getItem(SSO_MARKER_KEY)).toBeNull()
  })

  it('claims once under Strict Mode, which runs effects twice (a claim is spent at the server)', async () => {
    markSsoStart({ next: '/review', label: 'University' })
    session.claimSso.mockImplementationOnce(aliceSignsIn)
    const { router } = renderAt('/sign-in?sso=ready', { strict: true })
    await waitFor(() => {
      expect(router.state.location.pathname).toBe('/review')
    })
    expect(session.claimSso).toHaveBeenCalledTimes(1)
    expect(session.declineSso).not.toHaveBeenCalled()
  })

  it('says so when the claim is refused, and offers the form', async () => {
    markSsoStart({ next: '/review', label: 'University' })
    session.claimSso.mockRejectedValueOnce(
      new ApiError({ status: 401, message: signInWords.ssoExpired, reason: 'sso-expired' }),
    )
    renderAt('/sign-in?sso=ready')
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('Signing in with University failed')
    expect(alert).toHaveTextContent(signInWords.ssoExpired)
    expect(screen.getByRole('form', { name: 'Sign in' })).toBeInTheDocument()
  })

  it('declines an answer this tab never asked for', async () => {
    const { router } = renderAt('/sign-in?sso=ready')
    expect(await screen.findByRole('alert')).toHaveTextContent(ssoWords.unsolicited)
    expect(session.declineSso).toHaveBeenCalledTimes(1)
    expect(session.claimSso).not.toHaveBeenCalled()
    await waitFor(() => {
      expect(router.state.location.search).toBe('')
    })
  })

  it('declines an answer asked for too long ago', async () => {
    markSsoStart({ next: '/review', label: 'University' }, Date.now() - 16 * 60_000)
    renderAt('/sign-in?sso=ready')
    expect(await screen.findByRole('alert')).toHaveTextContent(ssoWords.unsolicited)
    expect(session.declineSso).toHaveBeenCalledTimes(1)
  })

  it('says the sign-in did not finish when the tab comes back without an answer', async () => {
    markSsoStart({ next: '/review', label: 'University' })
    renderAt('/sign-in?next=%2Freview')
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Signing in with University did not finish: it was cancelled, or the identity provider or Keystone refused it.',
    )
    expect(screen.getByRole('alert')).toHaveTextContent('[federation] trusted_dashboard')
    expect(sessionStorage.getItem(SSO_MARKER_KEY)).toBeNull()
  })

  it('says so too when Back shows the page from the back-forward cache', async () => {
    renderAt('/sign-in')
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
    markSsoStart({ next: '/review', label: 'University' })
    act(() => {
      window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }))
    })
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Signing in with University did not finish',
    )
  })

  it.each([
    ['refused', ssoWords.refused],
    ['unreachable', ssoWords.unreachable],
    ['no-token', ssoWords['no-token']],
  ])('puts ?sso=%s in words, and takes it out of the address', async (outcome, words) => {
    markSsoStart({ next: '/review', label: 'University' })
    const { router } = renderAt(`/sign-in?sso=${outcome}`)
    expect(await screen.findByRole('alert')).toHaveTextContent(words)
    await waitFor(() => {
      expect(router.state.location.search).toBe('')
    })
    expect(session.claimSso).not.toHaveBeenCalled()
  })
})

describe('remembering the way in', () => {
  it('opens on the method and domain of the last sign-in that worked, never its secret', async () => {
    session.beginSignIn.mockImplementationOnce(async () => ({ session: await aliceSignsIn() }))
    const first = renderAt('/sign-in')
    await chooseMethod(first.user, 'Passcode')
    await first.user.clear(screen.getByLabelText('Domain'))
    await first.user.type(screen.getByLabelText('Domain'), 'Staff')
    await first.user.type(screen.getByLabelText('User name'), 'tess')
    await first.user.type(screen.getByLabelText('Passcode'), '123456')
    await first.user.click(screen.getByRole('button', { name: 'Sign in' }))
    await waitFor(() => {
      expect(first.router.state.location.pathname).toBe('/images')
    })
    expect(JSON.stringify(localStorage)).not.toContain('123456')
    expect(JSON.stringify(localStorage)).not.toContain('tess')

    await act(() => sessionModule.signOut())
    renderAt('/sign-in?reason=expired')
    expect(screen.getAllByRole('radio', { name: 'Passcode' })[0]).toBeChecked()
    expect(screen.getAllByLabelText('Domain')[0]).toHaveValue('Staff')
  })

  it('puts the single sign-on used last first, and says so', () => {
    initRuntime({
      mode: 'demo',
      defaultDomain: 'Default',
      sso: [university, { label: 'Partner lab', url: 'https://lab.example/sso' }],
    })
    rememberSignIn({ method: 'sso', ssoLabel: 'Partner lab' })
    renderAt('/sign-in')
    expect(screen.getByText('You last signed in with Partner lab.')).toBeInTheDocument()
    const links = screen.getAllByRole('link', { name: /^Sign in with / })
    expect(links.map((l) => l.textContent)).toEqual([
      'Sign in with Partner lab',
      'Sign in with University',
    ])
  })
})

describe('the demo', () => {
  it('shows the passcode now and fills in each kind of user', async () => {
    setUp({
      users: [{ name: 'bob', password: 'bob-demo', description: 'A consumer' }],
      mfa: { name: 'mia', password: 'mia-demo', code: () => Promise.resolve('246810') },
      totpOnly: { name: 'tess', code: () => Promise.resolve('135791') },
      applicationCredential: {
        id: 'cred-id',
        secret: 'cred-secret',
        name: 'ci',
        user: 'alice',
        domain: 'Default',
      },
      sso: [{ label: 'Demo university', url: '/sign-in/demo-idp' }],
    })
    const { user } = renderAt('/sign-in')
    const table = screen.getByRole('table')
    expect(await within(table).findByText('246810')).toBeInTheDocument()
    expect(await within(table).findByText('135791')).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Sign in with Demo university' })).toHaveAttribute(
      'href',
      '/sign-in/demo-idp',
    )

    await user.click(screen.getByRole('button', { name: 'Fill in mia' }))
    expect(screen.getByLabelText('User name')).toHaveValue('mia')
    expect(screen.getByLabelText('Password')).toHaveValue('mia-demo')

    await user.click(screen.getByRole('button', { name: 'Fill in tess' }))
    expect(screen.getByRole('radio', { name: 'Passcode' })).toBeChecked()
    expect(screen.getByLabelText('Passcode')).toHaveValue('135791')

    await user.click(screen.getByRole('button', { name: 'Fill in application credential ci' }))
    expect(screen.getByRole('radio', { name: 'Application credential' })).toBeChecked()
    expect(screen.getByLabelText('Application credential ID')).toHaveValue('cred-id')
    expect(screen.getByLabelText('Secret')).toHaveValue('cred-secret')
  })
})
