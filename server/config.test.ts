import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { checkStaticDir, readServerConfig } from './config.ts'

const base = { OS_AUTH_URL: 'http://127.0.0.1:5000/v3' }
const read = (env: Record<string, string>) => readServerConfig({ ...base, ...env })

describe('readServerConfig', () => {
  it('gives the documented defaults', () => {
    const c = readServerConfig(base)
    expect(c).toMatchObject({
      authUrl: 'http://127.0.0.1:5000/v3',
      defaultDomain: 'Default',
      port: 8080,
      host: '127.0.0.1',
      serviceTypes: ['image'],
      bodyLimit: 1048576,
      upstreamTimeoutMs: 30000,
      trustProxy: false,
      hsts: false,
      logLevel: 'info',
    })
    expect(c.staticDir).toMatch(/[/\\]dist-cloud$/)
  })

  it('reads every variable', () => {
    const c = read({
      OS_AUTH_URL: 'https://keystone.example.com:5000/identity/v3/',
      PANEL_DEFAULT_DOMAIN: 'Users',
      PORT: '4700',
      HOST: '0.0.0.0',
      PANEL_SERVICE_TYPES: 'image, compute,identity,image',
      PANEL_BODY_LIMIT: '2048',
      PANEL_UPSTREAM_TIMEOUT_MS: '5000',
      PANEL_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8, ::1',
      PANEL_HSTS: 'true',
      PANEL_STATIC_DIR: '/srv/panel',
      PANEL_LOG_LEVEL: 'warn',
      PANEL_SESSION_KEYS:
        'new:BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB=, old:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
      PANEL_SECURE_COOKIE: 'true',
      PANEL_PUBLIC_ORIGIN: 'https://panel.example.com',
      PANEL_WEBSSO_CHOICES:
        '[{"label":"University login","idp":"uni","protocol":"openid"},{"label":"Partners","protocol":"saml2"}]',
      PANEL_WEBSSO_URL: 'https://keystone.example.com/v3/',
    })
    expect(c).toEqual({
      authUrl: 'https://keystone.example.com:5000/identity/v3',
      defaultDomain: 'Users',
      port: 4700,
      host: '0.0.0.0',
      serviceTypes: ['image', 'compute'],
      bodyLimit: 2048,
      upstreamTimeoutMs: 5000,
      trustProxy: ['127.0.0.1', '10.0.0.0/8', '::1'],
      hsts: true,
      staticDir: '/srv/panel',
      logLevel: 'warn',
      sessionKeys: [
        { id: 'new', key: new Uint8Array(Buffer.from(`${'B'.repeat(43)}=`, 'base64')) },
        { id: 'old', key: new Uint8Array(32) },
      ],
      secureCookie: true,
      publicOrigin: 'https://panel.example.com',
      webSso: [
        { label: 'University login', idp: 'uni', protocol: 'openid' },
        { label: 'Partners', protocol: 'saml2' },
      ],
      webSsoUrl: 'https://keystone.example.com/v3',
    })
  })

  it('sends Web SSO to OS_AUTH_URL unless PANEL_WEBSSO_URL says where browsers reach Keystone', () => {
    const c = read({ OS_AUTH_URL: 'http://10.0.0.5:5000/v3' })
    expect(c.webSso).toEqual([])
    expect(c.webSsoUrl).toBe('http://10.0.0.5:5000/v3')
  })

  it.each([
    ['not JSON', 'is not JSON'],
    ['[{"label":"x"}]', 'is not a list of {label, protocol, idp?}'],
    ['[{"label":"x","protocol":"openid/../../x"}]', 'is not a list of {label, protocol, idp?}'],
    ['[{"label":"x","protocol":"openid","extra":1}]', 'is not a list of {label, protocol, idp?}'],
  ])('refuses PANEL_WEBSSO_CHOICES=%s, naming it', (value, problem) => {
    expect(() => read({ OS_AUTH_URL: 'http://k/v3', PANEL_WEBSSO_CHOICES: value })).toThrow(
      new RegExp(`^PANEL_WEBSSO_CHOICES=.*${problem.replace(/[{}?]/g, '\\$&')}`),
    )
  })

  it.each([
    ['true', true],
    ['false', false],
    ['2', 2],
    ['loopback', ['loopback']],
  ])('PANEL_TRUST_PROXY=%s', (value, expected) => {
    expect(read({ PANEL_TRUST_PROXY: value }).trustProxy).toEqual(expected)
  })

  it('treats a blank value as unset', () => {
    expect(read({ PORT: '', PANEL_HSTS: ' ' })).toMatchObject({ port: 8080, hsts: false })
  })

  it.each([
    [{ OS_AUTH_URL: '' }, /^OS_AUTH_URL is required.*for example OS_AUTH_URL=http/],
    [{ OS_AUTH_URL: 'keystone:5000' }, /^OS_AUTH_URL="keystone:5000" must be an http or https URL/],
    [{ OS_AUTH_URL: 'not a url' }, /^OS_AUTH_URL="not a url" is not a URL; for example/],
    [{ OS_AUTH_URL: 'http://k:5000/v2.0' }, /^OS_AUTH_URL=.* ending in \/v3; for example/],
    [
      { OS_AUTH_URL: 'http://u:p@k:5000/v3' },
      /^OS_AUTH_URL=.*must not carry a user name or password/,
    ],
    [{ OS_AUTH_URL: 'http://k:5000/v3?x=1' }, /^OS_AUTH_URL=.*must have no query/],
    [
      { PORT: '80a' },
      /^PORT="80a" is not a whole number \(from 0 to 65535\); for example PORT=8080$/,
    ],
    [{ PORT: '70000' }, /^PORT="70000" must be from 0 to 65535; for example PORT=8080$/],
    [
      { HOST: 'a b' },
      /^HOST="a b" is not an IP address or host name.*for example HOST=0\.0\.0\.0$/,
    ],
    [
      { PANEL_SERVICE_TYPES: 'image,Compute' },
      /^PANEL_SERVICE_TYPES=.*"Compute", which is not a service type; for example/,
    ],
    [{ PANEL_SERVICE_TYPES: 'image,' }, /^PANEL_SERVICE_TYPES=.*"", which is not a service type/],
    [
      { PANEL_BODY_LIMIT: '1MB' },
      /^PANEL_BODY_LIMIT="1MB" is not a whole number \(from 1 to 1073741824 bytes\); for example PANEL_BODY_LIMIT=1048576$/,
    ],
    [{ PANEL_BODY_LIMIT: '0' }, /^PANEL_BODY_LIMIT="0" must be from 1 to/],
    [
      { PANEL_UPSTREAM_TIMEOUT_MS: '30s' },
      /^PANEL_UPSTREAM_TIMEOUT_MS="30s" is not a whole number.*ms\)/,
    ],
    [{ PANEL_UPSTREAM_TIMEOUT_MS: '5' }, /^PANEL_UPSTREAM_TIMEOUT_MS="5" must be from 100/],
    [
      { PANEL_TRUST_PROXY: 'yes' },
      /^PANEL_TRUST_PROXY="yes" holds "yes", which is not true, false, a hop count, an IP address or a CIDR; for example/,
    ],
    [{ PANEL_TRUST_PROXY: '10.0.0.0/33' }, /^PANEL_TRUST_PROXY=.*"10\.0\.0\.0\/33"/],
    [
      { PANEL_TRUST_PROXY: '500' },
      /^PANEL_TRUST_PROXY="500" is not a plausible number of proxy hops/,
    ],
    [
      { PANEL_HSTS: 'yes' },
      /^PANEL_HSTS="yes" must be true or false; for example PANEL_HSTS=true$/,
    ],
    [{ PANEL_DEFAULT_DOMAIN: 'a\u0007b' }, /^PANEL_DEFAULT_DOMAIN=.*is not a Keystone domain name/],
    [
      { PANEL_LOG_LEVEL: 'verbose' },
      /^PANEL_LOG_LEVEL="verbose" must be one of fatal, error, warn, info, debug, trace, silent/,
    ],
  ])('refuses %o with a message naming the variable', (env, message) => {
    expect(() => read(env)).toThrow(message)
  })
})

describe('checkStaticDir', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'panel-static-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('accepts a directory with index.html', () => {
    writeFileSync(join(dir, 'index.html'), '<!doctype html>')
    expect(() => checkStaticDir(dir)).not.toThrow()
  })

  it('names a missing build and what to run', () => {
    expect(() => checkStaticDir(join(dir, 'nope'))).toThrow(
      /is not a directory; build the panel with npm run build:cloud/,
    )
    mkdirSync(join(dir, 'empty'))
    expect(() => checkStaticDir(join(dir, 'empty'))).toThrow(/holds no index\.html/)
  })
})
