import { initRuntime } from '~/config/runtime'
import { readRemembered, rememberedKey, rememberSignIn } from './remembered'

const cloud = 'https://keystone.example/v3'

beforeEach(() => {
  localStorage.clear()
  initRuntime({ mode: 'demo', defaultDomain: 'Default', sso: [] })
})

describe('remembering how this browser signed in', () => {
  it('keeps the last method and domain per Keystone', () => {
    rememberSignIn({ method: 'totp', domain: 'Staff' }, cloud)
    expect(readRemembered(cloud)).toEqual({ method: 'totp', domain: 'Staff' })
    expect(readRemembered('https://other.example/v3')).toBeNull()
    expect(localStorage.getItem(`isp-sign-in:${cloud}`)).not.toBeNull()
  })

  it('keys to the runtime Keystone by default', () => {
    rememberSignIn({ method: 'password', domain: 'Default' })
    expect(rememberedKey()).toBe('isp-sign-in:/demo-cloud/identity/v3')
    expect(readRemembered()).toEqual({ method: 'password', domain: 'Default' })
  })

  it('keeps what a later sign-in does not say: SSO names no domain', () => {
    rememberSignIn({ method: 'application_credential', domain: 'Staff', credentialBy: 'name' })
    rememberSignIn({ method: 'sso', ssoLabel: 'University', domain: undefined })
    expect(readRemembered()).toEqual({
      method: 'sso',
      domain: 'Staff',
      credentialBy: 'name',
      ssoLabel: 'University',
    })
  })

  it('stores nothing but the method, domain, SSO label and how a credential was named', () => {
    const sneaky = { method: 'password', domain: 'Default', password: 'hunter2', username: 'alice' }
    rememberSignIn(sneaky as Parameters<typeof rememberSignIn>[0])
    const stored = localStorage.getItem(rememberedKey()) ?? ''
    expect(stored).not.toContain('hunter2')
    expect(stored).not.toContain('alice')
  })

  it.each(['not json', '{"method":"magic"}', '[]', 'null'])(
    'reads %j as nothing remembered',
    (raw) => {
      localStorage.setItem(rememberedKey(), raw)
      expect(readRemembered()).toBeNull()
    },
  )
})
