import { contentSecurityPolicy, securityHeaders } from './security-headers.ts'

describe('securityHeaders', () => {
  it('sends a strict policy: scripts only from the panel, no framing, no plugins', () => {
    const h = securityHeaders()
    expect(h['Content-Security-Policy']).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    )
    expect(h).toMatchObject({
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'X-Frame-Options': 'DENY',
    })
    for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb']) {
      expect(h['Permissions-Policy']).toContain(`${feature}=()`)
    }
  })

  it('adds HSTS only behind TLS', () => {
    expect(securityHeaders()).not.toHaveProperty('Strict-Transport-Security')
    expect(securityHeaders({ hsts: true })['Strict-Transport-Security']).toBe(
      'max-age=31536000; includeSubDomains',
    )
  })

  it('lets direct mode call Keystone and Glance origins', () => {
    expect(
      contentSecurityPolicy(['https://keystone.example.com:5000', 'https://glance.example.com/']),
    ).toContain("connect-src 'self' https://keystone.example.com:5000 https://glance.example.com;")
  })

  it.each(['https://a.example/path', "https://a.example; script-src 'unsafe-eval'", '*', 'data:'])(
    'refuses %s as a connect-src origin (no policy injection)',
    (bad) => {
      expect(() => securityHeaders({ connectSrc: [bad] })).toThrow(/is not an origin/)
    },
  )
})
