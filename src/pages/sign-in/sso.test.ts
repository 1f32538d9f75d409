import {
  markSsoStart,
  peekSsoMarker,
  SSO_MARKER_KEY,
  ssoArrival,
  ssoChoicesToShow,
  takeSsoMarker,
} from './sso'

const now = Date.parse('2030-01-01T10:00:00Z')
const minutes = (n: number) => n * 60_000

describe("the tab's note that it started a Web SSO sign-in", () => {
  it('is read once, with where to go on to', () => {
    markSsoStart({ next: '/images/abc?region=RegionTwo', label: 'University' }, now)
    expect(takeSsoMarker(now + minutes(3))).toEqual({
      next: '/images/abc?region=RegionTwo',
      label: 'University',
      at: now,
    })
    expect(sessionStorage.getItem(SSO_MARKER_KEY)).toBeNull()
    expect(takeSsoMarker(now + minutes(3))).toBeNull()
  })

  it('holds for 15 minutes, and never from the future', () => {
    markSsoStart({ next: '/review', label: 'University' }, now)
    expect(peekSsoMarker(now + minutes(15))).not.toBeNull()
    expect(peekSsoMarker(now + minutes(15) + 1)).toBeNull()
    expect(peekSsoMarker(now - 1)).toBeNull()
  })

  it('never leads off the panel', () => {
    sessionStorage.setItem(
      SSO_MARKER_KEY,
      JSON.stringify({ next: '//evil.example/x', label: 'University', at: now }),
    )
    expect(peekSsoMarker(now)?.next).toBe('/images')
  })

  it.each(['not json', '{"next":"/x"}', 'null'])('reads %j as no note', (raw) => {
    sessionStorage.setItem(SSO_MARKER_KEY, raw)
    expect(peekSsoMarker(now)).toBeNull()
  })
})

describe('what the page does on arrival', () => {
  const marker = { next: '/review', label: 'University', at: now }

  it.each([
    ['ready', marker, { kind: 'claim', marker }],
    ['ready', null, { kind: 'decline' }],
    ['refused', marker, { kind: 'failed', outcome: 'refused', label: 'University' }],
    ['unreachable', null, { kind: 'failed', outcome: 'unreachable', label: undefined }],
    ['no-token', null, { kind: 'failed', outcome: 'no-token', label: undefined }],
    [null, marker, { kind: 'unfinished', label: 'University' }],
    ['whatever', marker, { kind: 'unfinished', label: 'University' }],
    [null, null, { kind: 'none' }],
  ])('?sso=%s with note %j: %j', (sso, note, expected) => {
    expect(ssoArrival(sso, note)).toEqual(expected)
  })
})

describe('the choices shown', () => {
  const origin = 'https://panel.example'
  const a = { label: 'A', url: 'https://idp.example/a' }
  const b = { label: 'B', url: '/sign-in/demo-idp' }

  it('puts the one used last first', () => {
    expect(ssoChoicesToShow([a, b], 'B', origin)).toEqual([b, a])
    expect(ssoChoicesToShow([a, b], 'gone', origin)).toEqual([a, b])
  })

  it('leaves out an address the browser should not follow', () => {
    const script = { label: 'S', url: 'javascript:alert(1)' }
    expect(ssoChoicesToShow([script, a], undefined, origin)).toEqual([a])
  })
})
