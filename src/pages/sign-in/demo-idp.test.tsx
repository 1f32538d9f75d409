import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { http, HttpResponse } from 'msw'
import { server } from '~mocks/node'
import DemoIdentityProvider, { landingOf, tokenInWebSsoPage } from './demo-idp'

const WEBSSO =
  '*/demo-cloud/identity/v3/auth/OS-FEDERATION/identity_providers/localidp/protocols/mapped/websso'

/** Keystone's WebSSO page: a form that posts the token on to the dashboard. */
const webSsoPage = (token: string) =>
  `<html><body><form action="http://localhost/session/websso" method="post" id="sso">
  <input type="hidden" name="token" id="token" value="${token}"/></form></body></html>`

describe('the demo identity provider', () => {
  it('reads the token from Keystone’s WebSSO page', () => {
    expect(tokenInWebSsoPage(webSsoPage('gAAAAAtoken'))).toBe('gAAAAAtoken')
    expect(tokenInWebSsoPage('<p>Unauthorized</p>')).toBeNull()
  })

  it('goes on only to sign-in, where the receiver sends the browser', () => {
    expect(landingOf(`${location.origin}/sign-in?sso=ready`)).toBe('/sign-in?sso=ready')
    expect(landingOf(`${location.origin}/session/websso`)).toBe('/sign-in')
    expect(landingOf('https://evil.example/sign-in?sso=ready')).toBe('/sign-in')
    expect(landingOf('')).toBe('/sign-in')
  })

  it('asserts the user to Keystone and hands the token to the receiver, then loads the page it names', async () => {
    const seen: { user: string | null; origin: string | null; token: string | null } = {
      user: null,
      origin: null,
      token: null,
    }
    server.use(
      http.get(WEBSSO, ({ request }) => {
        seen.user = request.headers.get('X-Remote-User')
        seen.origin = new URL(request.url).searchParams.get('origin')
        return new HttpResponse(webSsoPage('gAAAAAtoken'), {
          headers: { 'Content-Type': 'text/html' },
        })
      }),
      http.post('*/session/websso', async ({ request }) => {
        seen.token = new URLSearchParams(await request.text()).get('token')
        return new HttpResponse(null, { status: 303, headers: { Location: '/sign-in?sso=ready' } })
      }),
      http.get('*/sign-in', () => new HttpResponse('<html></html>')),
    )
    const go = vi.fn()
    render(<DemoIdentityProvider go={go} />)
    const user = userEvent.setup()
    expect(screen.getByRole('heading', { name: 'Demo identity provider' })).toBeInTheDocument()
    const name = screen.getByLabelText('User name')
    expect(name).toHaveValue('sam')
    await user.clear(name)
    await user.type(name, 'robin')
    await user.click(screen.getByRole('button', { name: 'Sign in' }))

    await vi.waitFor(() => {
      expect(go).toHaveBeenCalledWith('/sign-in?sso=ready')
    })
    expect(seen).toEqual({
      user: 'robin',
      origin: `${location.origin}/session/websso`,
      token: 'gAAAAAtoken',
    })
  })

  it('goes back to sign-in when Keystone refuses, and on Cancel', async () => {
    server.use(http.get(WEBSSO, () => new HttpResponse('Unauthorized', { status: 401 })))
    const go = vi.fn()
    render(<DemoIdentityProvider go={go} />)
    const user = userEvent.setup()
    await user.click(screen.getByRole('button', { name: 'Sign in' }))
    await vi.waitFor(() => {
      expect(go).toHaveBeenCalledWith('/sign-in')
    })
    await user.click(screen.getByRole('button', { name: 'Cancel' }))
    expect(go).toHaveBeenLastCalledWith('/sign-in')
  })
})
