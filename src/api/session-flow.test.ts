import { methodOf, sessionFor, utc } from './session-flow'

describe('what the session makes of Keystone’s token', () => {
  it('reads an expiry without a zone (an application credential’s token) as UTC', () => {
    expect(utc('2026-12-07T21:09:07.495000')).toBe('2026-12-07T21:09:07.495000Z')
    expect(utc('2026-12-07T21:09:07.000000Z')).toBe('2026-12-07T21:09:07.000000Z')
    expect(utc('2026-12-07T21:09:07+01:00')).toBe('2026-12-07T21:09:07+01:00')
    const stored = sessionFor(
      'sid',
      {
        ok: true,
        token: 't',
        body: {
          expires_at: '2026-12-07T21:09:07.495000',
          methods: ['application_credential'],
          user: { id: 'u', name: 'alice', domain: { id: 'default', name: 'Default' } },
        },
      },
      undefined,
      'all',
    )
    expect(Date.parse(stored.expiresAt)).toBe(Date.UTC(2026, 11, 7, 21, 9, 7, 495))
  })

  it('tells the way in from Keystone’s methods, whatever a re-scope added', () => {
    expect(methodOf(['password'])).toBe('password')
    expect(methodOf(['totp', 'token', 'password'])).toBe('password')
    expect(methodOf(['totp'])).toBe('totp')
    expect(methodOf(['application_credential'])).toBe('application_credential')
    expect(methodOf(['token', 'mapped'])).toBe('sso')
    expect(methodOf(['openid'])).toBe('sso')
  })
})
