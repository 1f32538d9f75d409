// Seed (idempotent get-or-create) and verify the loopback cloud through
// Keystone's REST API. Called by up.sh:  node seed.mjs seed | verify
// Env: CLOUD_DIR, KEYSTONE_URL (…/v3), ADMIN_PASSWORD, GLANCE_PASSWORD,
//      GLANCE_ONE_URL, GLANCE_TWO_URL, GLANCE_LEGACY_URL, TEST_IDP_URL, RECEIPT_EXPIRATION,
//      TRUSTED_DASHBOARDS_JSON
// The sign-in methods' fixtures (TOTP users, application credentials, WebSSO) have the same
// names and secrets as the demo cloud's (mocks/seed.ts), so one contract suite runs on both.
import { createHmac, randomBytes } from 'node:crypto'
import { readFileSync, writeFileSync, renameSync } from 'node:fs'
import { join } from 'node:path'

const env = (k) => {
  const v = process.env[k]
  if (!v) throw new Error(`missing env ${k}`)
  return v
}
const KS = env('KEYSTONE_URL').replace(/\/$/, '')
const CLOUD_DIR = env('CLOUD_DIR')
const ADMIN_PASSWORD = env('ADMIN_PASSWORD')
const GLANCE = {
  RegionOne: env('GLANCE_ONE_URL'),
  RegionTwo: env('GLANCE_TWO_URL'),
}
const GLANCE_LEGACY = env('GLANCE_LEGACY_URL')
const TEST_IDP_URL = env('TEST_IDP_URL')
const RECEIPT_EXPIRATION = Number(env('RECEIPT_EXPIRATION'))
const TRUSTED_DASHBOARDS = JSON.parse(env('TRUSTED_DASHBOARDS_JSON'))
const IDENTITY_URL = `${KS}/` // http://127.0.0.1:5000/v3/
const DOMAIN = 'default'
const IMAGE_MEMBER_QUOTA = 8

const PROJECTS = ['service', 'producer', 'consumer-a', 'consumer-b']
// name -> { password, project (primary), roles: [[role, project]], enabled, default_project }
const USERS = {
  glance: {
    password: env('GLANCE_PASSWORD'),
    project: 'service',
    roles: [['admin', 'service']],
    service: true,
  },
  alice: { password: 'alice-demo', project: 'producer', roles: [['member', 'producer']] },
  bob: {
    password: 'bob-demo',
    project: 'consumer-a',
    roles: [['member', 'consumer-a']],
    defaultProject: 'consumer-a',
  },
  carol: {
    password: 'carol-demo',
    project: 'consumer-b',
    roles: [
      ['member', 'consumer-b'],
      ['member', 'producer'],
    ],
  },
  rita: { password: 'rita-demo', project: 'producer', roles: [['reader', 'producer']] },
  dave: {
    password: 'dave-demo',
    project: 'consumer-a',
    roles: [['member', 'consumer-a']],
    enabled: false,
  },
  // Password and TOTP together (MFA rules): a password alone earns an auth receipt. Member in two
  // projects, so she chooses one after signing in.
  mia: {
    password: 'mia-demo',
    project: 'consumer-a',
    roles: [
      ['member', 'consumer-a'],
      ['member', 'consumer-b'],
    ],
    totpSecret: '5BECGLJ3AGWNLJ5MNUO4LWQCROZKINSG',
    mfaRules: [['password', 'totp']],
  },
  // TOTP alone: no MFA rules, so any one method will do, and her password is random (set once,
  // never written down), so TOTP is the only one anybody has.
  tess: {
    password: null,
    project: 'consumer-a',
    roles: [['member', 'consumer-a']],
    totpSecret: 'IG3OVMHIOQYWJLUBXKJ4UUI4NULBIDRB',
  },
}

// alice's application credentials in producer. Keystone returns a secret only when it creates
// one, but takes one from the client: fixed secrets keep them the same across re-seeds.
const APP_CREDS = [
  {
    name: 'alice-ci',
    user: 'alice',
    project: 'producer',
    secret: 'VSaZJEJ7zZd4Pd2IIay5JNIdGnYajpFN',
    unrestricted: false,
    // Both named: Keystone puts exactly these in the credential's tokens, not the roles member
    // implies, and Glance's read rules want reader itself (member alone: 403 on GET /v2/images).
    roles: ['member', 'reader'],
    description: 'restricted: cannot manage application credentials',
  },
  {
    name: 'alice-admin-tools',
    user: 'alice',
    project: 'producer',
    secret: 'bbQBibN8q1K_vADTsRdSDbscz-jL_V2r',
    unrestricted: true,
    // none named: Keystone gives it the roles of the token that creates it
    roles: null,
    description: 'unrestricted: may manage application credentials',
  },
]

// WebSSO through the `mapped` method, with scripts/cloud/test-idp.mjs as the identity provider
// (docs/sessions.md, "Test cloud"): Keystone maps the headers the front sends to a user of
// sso-users with member on sso-consumer (both made here; Keystone would make the project itself).
const SSO = {
  domain: 'sso-users',
  project: 'sso-consumer',
  identityProvider: 'localidp',
  remoteId: 'local-idp',
  mapping: 'localmap',
  protocol: 'mapped',
  remoteIdAttribute: 'HTTP_X_IDP',
  rules: [
    {
      local: [
        {
          user: { name: '{0}', email: '{1}' },
          projects: [{ name: 'sso-consumer', roles: [{ name: 'member' }] }],
        },
      ],
      remote: [{ type: 'HTTP_X_REMOTE_USER' }, { type: 'HTTP_X_REMOTE_EMAIL' }],
    },
  ],
}
const WEBSSO_PATHS = {
  identityProvider: `/v3/auth/OS-FEDERATION/identity_providers/${SSO.identityProvider}/protocols/${SSO.protocol}/websso`,
  protocol: `/v3/auth/OS-FEDERATION/websso/${SSO.protocol}`,
}

const log = (...a) => console.error('[seed]', ...a)

async function call(method, path, { token, body, base = KS, okStatuses, headers: extra } = {}) {
  const headers = { Accept: 'application/json', ...extra }
  if (token) headers['X-Auth-Token'] = token
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  let res
  for (let attempt = 1; ; attempt++) {
    try {
      res = await fetch(base + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      })
      break
    } catch (e) {
      if (attempt >= 5) throw new Error(`${method} ${base}${path}: ${e.message}`)
      await new Promise((r) => setTimeout(r, 500 * attempt))
    }
  }
  const text = await res.text()
  let json = null
  try {
    json = text ? JSON.parse(text) : null
  } catch {
    /* not JSON */
  }
  if (okStatuses && !okStatuses.includes(res.status)) {
    throw new Error(`${method} ${base}${path} -> ${res.status} ${text.slice(0, 300)}`)
  }
  return { status: res.status, json, headers: res.headers, text }
}

async function passwordToken(name, password, scope) {
  const auth = {
    identity: {
      methods: ['password'],
      password: { user: { name, domain: { id: DOMAIN }, password } },
    },
  }
  if (scope) auth.scope = { project: { name: scope, domain: { id: DOMAIN } } }
  const r = await call('POST', '/auth/tokens', { body: { auth } })
  return {
    status: r.status,
    token: r.headers.get('x-subject-token'),
    receipt: r.headers.get(RECEIPT_HEADER),
    body: r.json,
  }
}

async function authenticate(auth, headers = {}) {
  const r = await call('POST', '/auth/tokens', { body: { auth }, headers })
  return {
    status: r.status,
    token: r.headers.get('x-subject-token'),
    receipt: r.headers.get(RECEIPT_HEADER),
    body: r.json,
  }
}

const totpAuth = (name, secret, scope) => ({
  identity: {
    methods: ['totp'],
    totp: { user: { name, domain: { id: DOMAIN }, passcode: totpCode(secret) } },
  },
  ...(scope ? { scope: { project: { name: scope, domain: { id: DOMAIN } } } } : {}),
})

const appCredAuth = (id, secret) => ({
  identity: { methods: ['application_credential'], application_credential: { id, secret } },
})

// RFC 6238 as Keystone checks it (SHA1, 30 s, 6 digits, base32 padded by Keystone). mocks/totp.ts
// is the one the tests use; this copy is here because cloud:up runs plain node, no TypeScript.
function totpCode(secret, atMs = Date.now()) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  let bits = ''
  for (const c of secret.replace(/=+$/, ''))
    bits += alphabet.indexOf(c).toString(2).padStart(5, '0')
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)))
  const counter = Buffer.alloc(8)
  counter.writeBigUInt64BE(BigInt(Math.floor(atMs / 30_000)))
  const mac = createHmac('sha1', key).update(counter).digest()
  const offset = mac[mac.length - 1] & 0x0f
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0')
}

const RECEIPT_HEADER = 'openstack-auth-receipt'

/** A password that works: a token, or (MFA rules unmet) an auth receipt asking for more. */
const passwordWorks = (t) => t.status === 201 || (t.status === 401 && t.receipt !== null)

async function adminToken() {
  const t = await passwordToken('admin', ADMIN_PASSWORD, 'admin')
  if (t.status !== 201) throw new Error(`admin sign-in failed: HTTP ${t.status}`)
  return t.token
}

async function seed() {
  const token = await adminToken()
  const api = (method, path, body, okStatuses) => call(method, path, { token, body, okStatuses })

  // Regions
  for (const region of ['RegionOne', 'RegionTwo']) {
    const r = await api('GET', `/regions/${region}`)
    if (r.status === 404) {
      await api('POST', '/regions', { region: { id: region } }, [201])
      log(`created region ${region}`)
    } else if (r.status !== 200) throw new Error(`GET region ${region} -> ${r.status}`)
  }

  // Roles + implications (bootstrap creates them; verify, repair if needed)
  const roles = {}
  const roleList = (await api('GET', '/roles', undefined, [200])).json.roles
  for (const name of ['admin', 'member', 'reader']) {
    const found = roleList.find((r) => r.name === name && !r.domain_id)
    roles[name] = found
      ? found.id
      : (await api('POST', '/roles', { role: { name } }, [201])).json.role.id
    if (!found) log(`created role ${name}`)
  }
  const inferences = (await api('GET', '/role_inferences', undefined, [200])).json.role_inferences
  const implies = (prior, implied) =>
    inferences.some((i) => i.prior_role.id === prior && i.implies.some((x) => x.id === implied))
  for (const [prior, implied] of [
    ['admin', 'member'],
    ['member', 'reader'],
  ]) {
    if (!implies(roles[prior], roles[implied])) {
      await api('PUT', `/roles/${roles[prior]}/implies/${roles[implied]}`, undefined, [201, 200])
      log(`added implied role ${prior} => ${implied}`)
    }
  }

  // Projects
  const projects = {}
  await Promise.all(
    PROJECTS.map(async (name) => {
      const list = (
        await api(
          'GET',
          `/projects?domain_id=${DOMAIN}&name=${encodeURIComponent(name)}`,
          undefined,
          [200],
        )
      ).json.projects
      if (list.length) {
        projects[name] = list[0].id
        if (!list[0].enabled)
          await api('PATCH', `/projects/${list[0].id}`, { project: { enabled: true } }, [200])
      } else {
        projects[name] = (
          await api(
            'POST',
            '/projects',
            { project: { name, domain_id: DOMAIN, enabled: true } },
            [201],
          )
        ).json.project.id
        log(`created project ${name}`)
      }
    }),
  )
  const adminProject = (
    await api('GET', `/projects?domain_id=${DOMAIN}&name=admin`, undefined, [200])
  ).json.projects[0]
  projects.admin = adminProject?.id

  // Users
  const users = {}
  await Promise.all(
    Object.entries(USERS).map(async ([name, u]) => {
      const enabled = u.enabled !== false
      const defaultProjectId = u.defaultProject ? projects[u.defaultProject] : undefined
      const list = (
        await api(
          'GET',
          `/users?domain_id=${DOMAIN}&name=${encodeURIComponent(name)}`,
          undefined,
          [200],
        )
      ).json.users
      let user = list[0]
      if (!user) {
        // A null password is one nobody knows: random, set once.
        const password = u.password ?? randomBytes(24).toString('base64url')
        const body = { name, domain_id: DOMAIN, password, enabled }
        if (defaultProjectId) body.default_project_id = defaultProjectId
        user = (await api('POST', '/users', { user: body }, [201])).json.user
        log(`created user ${name}`)
      } else {
        const patch = {}
        if (user.enabled !== enabled) patch.enabled = enabled
        if ((user.default_project_id ?? undefined) !== defaultProjectId)
          patch.default_project_id = defaultProjectId ?? null
        if (enabled && u.password !== null) {
          // Only reset the password when it no longer works (a change revokes tokens).
          // A disabled user's password cannot be tested; it is set on creation.
          const t = await passwordToken(name, u.password)
          if (!passwordWorks(t)) patch.password = u.password
        }
        if (Object.keys(patch).length) {
          await api('PATCH', `/users/${user.id}`, { user: patch }, [200])
          log(`updated user ${name}: ${Object.keys(patch).join(', ')}`)
        }
      }
      users[name] = user.id
    }),
  )

  // Role assignments: exactly the wanted ones on each seeded user.
  await Promise.all(
    Object.entries(USERS).map(async ([name, u]) => {
      const uid = users[name]
      const want = new Set(u.roles.map(([role, project]) => `${roles[role]}@${projects[project]}`))
      const current = (
        await api('GET', `/role_assignments?user.id=${uid}`, undefined, [200])
      ).json.role_assignments.filter((a) => a.scope?.project)
      const have = new Set(current.map((a) => `${a.role.id}@${a.scope.project.id}`))
      for (const key of want) {
        if (!have.has(key)) {
          const [rid, pid] = key.split('@')
          await api('PUT', `/projects/${pid}/users/${uid}/roles/${rid}`, undefined, [204])
          log(`granted ${key} to ${name}`)
        }
      }
      for (const a of current) {
        const key = `${a.role.id}@${a.scope.project.id}`
        if (!want.has(key)) {
          await api(
            'DELETE',
            `/projects/${a.scope.project.id}/users/${uid}/roles/${a.role.id}`,
            undefined,
            [204],
          )
          log(`revoked extra role ${key} from ${name}`)
        }
      }
    }),
  )

  await seedTotp(api, users)
  const sso = await seedSso(api)
  const applicationCredentials = await seedAppCreds(users, projects)

  // Catalog
  async function ensureService(type, name) {
    const list = (await api('GET', `/services?type=${type}`, undefined, [200])).json.services
    const found = list.find((s) => s.name === name) ?? list[0]
    if (found) return found.id
    log(`created service ${type}`)
    return (await api('POST', '/services', { service: { type, name, enabled: true } }, [201])).json
      .service.id
  }
  async function ensureEndpoints(serviceId, wanted /* [{region, url}] */) {
    const eps = (await api('GET', `/endpoints?service_id=${serviceId}`, undefined, [200])).json
      .endpoints
    for (const { region, url } of wanted) {
      for (const iface of ['public', 'internal', 'admin']) {
        const matching = eps.filter((e) => e.region_id === region && e.interface === iface)
        const [first, ...extra] = matching
        if (!first) {
          await api(
            'POST',
            '/endpoints',
            {
              endpoint: {
                service_id: serviceId,
                interface: iface,
                region_id: region,
                url,
                enabled: true,
              },
            },
            [201],
          )
          log(`created ${iface} endpoint ${url} (${region})`)
        } else if (first.url !== url || first.enabled === false) {
          await api('PATCH', `/endpoints/${first.id}`, { endpoint: { url, enabled: true } }, [200])
          log(`fixed ${iface} endpoint ${url} (${region})`)
        }
        for (const e of extra) await api('DELETE', `/endpoints/${e.id}`, undefined, [204])
      }
    }
  }
  const identity = await ensureService('identity', 'keystone')
  await ensureEndpoints(identity, [{ region: 'RegionOne', url: IDENTITY_URL }])
  const image = await ensureService('image', 'glance')
  await ensureEndpoints(
    image,
    Object.entries(GLANCE).map(([region, url]) => ({ region, url })),
  )

  writeFileSync(
    join(CLOUD_DIR, 'ids.json'),
    JSON.stringify({ projects, users, roles, sso, applicationCredentials }, null, 2) + '\n',
  )
}

/** TOTP credentials with the fixed secrets, and exactly the wanted MFA options. */
async function seedTotp(api, users) {
  for (const [name, u] of Object.entries(USERS)) {
    if (!u.totpSecret) continue
    const uid = users[name]
    const creds = (await api('GET', `/credentials?user_id=${uid}&type=totp`, undefined, [200])).json
      .credentials
    const [keep, ...extra] = creds.filter((c) => c.blob === u.totpSecret)
    for (const c of [...creds.filter((c) => c.blob !== u.totpSecret), ...extra]) {
      await api('DELETE', `/credentials/${c.id}`, undefined, [204])
      log(`deleted a stale TOTP credential of ${name}`)
    }
    if (!keep) {
      await api(
        'POST',
        '/credentials',
        { credential: { type: 'totp', user_id: uid, blob: u.totpSecret } },
        [201],
      )
      log(`created the TOTP credential of ${name}`)
    }
    const options = (await api('GET', `/users/${uid}`, undefined, [200])).json.user.options ?? {}
    // null removes an option: a user without rules may sign in with any one method.
    const want = u.mfaRules
      ? { multi_factor_auth_enabled: true, multi_factor_auth_rules: u.mfaRules }
      : { multi_factor_auth_enabled: null, multi_factor_auth_rules: null }
    const same = (a, b) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)
    if (!Object.entries(want).every(([k, v]) => same(options[k], v))) {
      await api('PATCH', `/users/${uid}`, { user: { options: want } }, [200])
      log(`set the MFA options of ${name}`)
    }
  }
}

/** Domain, project, identity provider, mapping and protocol of the WebSSO recipe. */
async function seedSso(api) {
  let domain = (
    await api('GET', `/domains?name=${encodeURIComponent(SSO.domain)}`, undefined, [200])
  ).json.domains[0]
  if (!domain) {
    domain = (
      await api(
        'POST',
        '/domains',
        {
          domain: { name: SSO.domain, description: 'Users who sign in through WebSSO (test IdP)' },
        },
        [201],
      )
    ).json.domain
    log(`created domain ${SSO.domain}`)
  }
  let project = (
    await api(
      'GET',
      `/projects?domain_id=${domain.id}&name=${encodeURIComponent(SSO.project)}`,
      undefined,
      [200],
    )
  ).json.projects[0]
  if (!project) {
    project = (
      await api(
        'POST',
        '/projects',
        { project: { name: SSO.project, domain_id: domain.id, enabled: true } },
        [201],
      )
    ).json.project
    log(`created project ${SSO.project}`)
  }

  const idpPath = `/OS-FEDERATION/identity_providers/${SSO.identityProvider}`
  const idp = await api('GET', idpPath)
  if (idp.status === 404) {
    await api(
      'PUT',
      idpPath,
      {
        identity_provider: {
          enabled: true,
          domain_id: domain.id,
          remote_ids: [SSO.remoteId],
          description: 'scripts/cloud/test-idp.mjs (TEST ONLY)',
        },
      },
      [201],
    )
    log(`created identity provider ${SSO.identityProvider}`)
  } else if (idp.status !== 200) {
    throw new Error(`GET ${idpPath} -> ${idp.status}`)
  } else {
    const ref = idp.json.identity_provider
    if (ref.domain_id !== domain.id) throw new Error(`${SSO.identityProvider} is in another domain`)
    if (!ref.enabled || JSON.stringify(ref.remote_ids) !== JSON.stringify([SSO.remoteId])) {
      await api(
        'PATCH',
        idpPath,
        { identity_provider: { enabled: true, remote_ids: [SSO.remoteId] } },
        [200],
      )
      log(`fixed identity provider ${SSO.identityProvider}`)
    }
  }

  const mappingPath = `/OS-FEDERATION/mappings/${SSO.mapping}`
  const mapping = await api('GET', mappingPath)
  if (mapping.status === 404) {
    await api('PUT', mappingPath, { mapping: { rules: SSO.rules } }, [201])
    log(`created mapping ${SSO.mapping}`)
  } else if (JSON.stringify(mapping.json?.mapping?.rules) !== JSON.stringify(SSO.rules)) {
    await api('PATCH', mappingPath, { mapping: { rules: SSO.rules } }, [200])
    log(`fixed mapping ${SSO.mapping}`)
  }

  const protocolPath = `${idpPath}/protocols/${SSO.protocol}`
  const wantProtocol = { mapping_id: SSO.mapping, remote_id_attribute: SSO.remoteIdAttribute }
  const protocol = await api('GET', protocolPath)
  if (protocol.status === 404) {
    await api('PUT', protocolPath, { protocol: wantProtocol }, [201])
    log(`created protocol ${SSO.protocol} of ${SSO.identityProvider}`)
  } else if (
    protocol.json?.protocol?.mapping_id !== wantProtocol.mapping_id ||
    // Keystone 22 stores remote_id_attribute but leaves it out of its answer: checked only when
    // shown. verify's WebSSO by protocol alone fails without it.
    (protocol.json?.protocol?.remote_id_attribute ?? wantProtocol.remote_id_attribute) !==
      wantProtocol.remote_id_attribute
  ) {
    await api('PATCH', protocolPath, { protocol: wantProtocol }, [200])
    log(`fixed protocol ${SSO.protocol} of ${SSO.identityProvider}`)
  }
  return { domainId: domain.id, projectId: project.id }
}

/** alice's application credentials: kept while they still sign in as wanted, else made anew. */
async function seedAppCreds(users, projects) {
  const out = {}
  for (const want of APP_CREDS) {
    const owner = USERS[want.user]
    // Only the owner may create one (identity:create_application_credential), with a token of
    // the project it is for.
    const t = await passwordToken(want.user, owner.password, want.project)
    if (t.status !== 201) throw new Error(`${want.user} sign-in failed: HTTP ${t.status}`)
    const uid = users[want.user]
    const base = `/users/${uid}/application_credentials`
    const list = (
      await call('GET', `${base}?name=${encodeURIComponent(want.name)}`, {
        token: t.token,
        okStatuses: [200],
      })
    ).json.application_credentials
    let cred = list.find((c) => c.name === want.name)
    if (cred) {
      const roleNames = cred.roles.map((r) => r.name).sort()
      const fits =
        cred.project_id === projects[want.project] &&
        cred.unrestricted === want.unrestricted &&
        cred.expires_at === null &&
        (want.roles === null || JSON.stringify(roleNames) === JSON.stringify(want.roles)) &&
        (await authenticate(appCredAuth(cred.id, want.secret))).status === 201
      if (!fits) {
        await call('DELETE', `${base}/${cred.id}`, { token: t.token, okStatuses: [204] })
        log(`deleted application credential ${want.name}: it no longer fits`)
        cred = undefined
      }
    }
    if (!cred) {
      const body = {
        name: want.name,
        secret: want.secret,
        description: want.description,
        unrestricted: want.unrestricted,
        expires_at: null,
        ...(want.roles === null ? {} : { roles: want.roles.map((name) => ({ name })) }),
      }
      cred = (
        await call('POST', base, {
          token: t.token,
          body: { application_credential: body },
          okStatuses: [201],
        })
      ).json.application_credential
      log(`created application credential ${want.name}`)
    }
    out[want.name] = {
      id: cred.id,
      name: cred.name,
      secret: want.secret,
      user: want.user,
      userId: uid,
      project: want.project,
      projectId: cred.project_id,
      unrestricted: cred.unrestricted,
      roles: cred.roles.map((r) => r.name).sort(),
    }
  }
  return out
}

async function verify() {
  const alice = await passwordToken('alice', USERS.alice.password, 'producer')
  if (alice.status !== 201) throw new Error(`alice sign-in failed: HTTP ${alice.status}`)
  const catalog = alice.body.token.catalog ?? []
  const imageEps = catalog.find((s) => s.type === 'image')?.endpoints ?? []
  for (const [region, url] of Object.entries(GLANCE)) {
    if (!imageEps.some((e) => e.interface === 'public' && e.region_id === region && e.url === url))
      throw new Error(`catalog lacks public image endpoint ${url} in ${region}`)
  }
  const glances = { ...GLANCE, legacy: GLANCE_LEGACY }
  await Promise.all(
    Object.values(glances).map(async (base) => {
      // The first call with a new token waits for Keystone validation; allow retries while glance warms up.
      let last
      for (let i = 0; i < 40; i++) {
        last = await call('GET', '/v2/images', { base, token: alice.token }).catch((e) => ({
          status: 0,
          text: e.message,
        }))
        if (last.status === 200) return
        await new Promise((r) => setTimeout(r, 500))
      }
      throw new Error(
        `GET ${base}/v2/images as alice -> ${last.status} ${String(last.text).slice(0, 200)}`,
      )
    }),
  )

  const ids = JSON.parse(readFileSync(join(CLOUD_DIR, 'ids.json'), 'utf8'))
  const signIn = await verifySignInMethods(ids)

  const users = {
    admin: { password: ADMIN_PASSWORD, project: 'admin', roles: { admin: 'admin' }, enabled: true },
  }
  for (const [name, u] of Object.entries(USERS)) {
    // TOTP users have their own entry (totpUsers): a password alone signs none of them in.
    if (u.service || u.totpSecret) continue
    users[name] = {
      password: u.password,
      project: u.project,
      projects: [...new Set(u.roles.map(([, p]) => p))],
      roles: Object.fromEntries(u.roles.map(([role, p]) => [p, role])),
      enabled: u.enabled !== false,
    }
  }
  const out = {
    authUrl: KS,
    domain: 'Default',
    regions: GLANCE,
    legacyGlance: GLANCE_LEGACY,
    imageMemberQuota: IMAGE_MEMBER_QUOTA,
    users,
    ...signIn,
  }
  const file = join(CLOUD_DIR, 'cloud.json')
  writeFileSync(file + '.tmp', JSON.stringify(out, null, 2) + '\n')
  renameSync(file + '.tmp', file)

  const pad = (s, n) => String(s).padEnd(n)
  const lines = [
    '',
    'Keystone  ' + KS + '   (domain Default)',
    'Glance    RegionOne ' +
      GLANCE.RegionOne +
      '   RegionTwo ' +
      GLANCE.RegionTwo +
      '   (new RBAC defaults)',
    'Glance    legacy policy ' + GLANCE_LEGACY + ' (RegionOne data, not in catalog)',
    'image_member_quota = ' + IMAGE_MEMBER_QUOTA + '      cloud.json: ' + file,
    '',
    pad('user', 8) + pad('password', 13) + 'roles',
    pad('----', 8) + pad('--------', 13) + '-----',
  ]
  for (const [name, u] of Object.entries(users)) {
    const roles = Object.entries(u.roles)
      .map(([p, r]) => `${r}@${p}`)
      .join(', ')
    lines.push(pad(name, 8) + pad(u.password, 13) + roles + (u.enabled ? '' : '  (DISABLED)'))
  }
  for (const [name, u] of Object.entries(signIn.totpUsers)) {
    const how = u.mfaRules ? `password ${u.password} + TOTP` : 'TOTP alone'
    lines.push(
      pad(name, 8) + `${how} (secret ${u.totpSecret}), member@${u.projects.join(', member@')}`,
    )
  }
  for (const c of Object.values(signIn.applicationCredentials)) {
    lines.push(
      `app cred ${c.name} (${c.user}@${c.project}, ${c.unrestricted ? 'unrestricted' : 'restricted'}): id ${c.id} secret ${c.secret}`,
    )
  }
  lines.push(
    `WebSSO    ${signIn.sso.websso.identityProvider}?origin=… (test IdP; trusted: ${TRUSTED_DASHBOARDS.join(' ')})`,
  )
  lines.push('')
  console.log(lines.join('\n'))
}

/**
 * Each sign-in method works as the tests expect (the contract suite says how exactly), and what
 * the tests need to use them, for cloud.json.
 */
async function verifySignInMethods(ids) {
  const totpUsers = {}
  for (const [name, u] of Object.entries(USERS)) {
    if (!u.totpSecret) continue
    const projects = [...new Set(u.roles.map(([, p]) => p))]
    if (u.mfaRules) {
      const first = await passwordToken(name, u.password)
      if (first.status !== 401 || first.receipt === null)
        throw new Error(
          `${name}'s password alone: HTTP ${first.status}, expected 401 and a receipt`,
        )
      const second = await authenticate(totpAuth(name, u.totpSecret, u.project), {
        'Openstack-Auth-Receipt': first.receipt,
      })
      if (second.status !== 201)
        throw new Error(`${name}'s TOTP after the receipt: HTTP ${second.status}`)
    } else {
      const alone = await authenticate(totpAuth(name, u.totpSecret, u.project))
      if (alone.status !== 201) throw new Error(`${name}'s TOTP alone: HTTP ${alone.status}`)
    }
    totpUsers[name] = {
      id: ids.users[name],
      password: u.password,
      totpSecret: u.totpSecret,
      projects,
      mfaRules: u.mfaRules ?? null,
    }
  }

  for (const c of Object.values(ids.applicationCredentials)) {
    const t = await authenticate(appCredAuth(c.id, c.secret))
    if (t.status !== 201 || t.body?.token?.project?.id !== c.projectId)
      throw new Error(`application credential ${c.name}: HTTP ${t.status}`)
  }

  // The whole WebSSO path, by IdP and by protocol alone: the test IdP's form, Keystone's answer
  // relayed, the token, the project it may be scoped to.
  const origin = TRUSTED_DASHBOARDS[0]
  for (const path of Object.values(WEBSSO_PATHS)) {
    const sso = await fetch(`${TEST_IDP_URL}${path}?origin=${encodeURIComponent(origin)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'username=cloud-verify',
      signal: AbortSignal.timeout(30_000),
    })
    const html = await sso.text()
    const token = /name="token" id="token" value="([^"]+)"/.exec(html)?.[1]
    if (sso.status !== 200 || !html.includes(`action="${origin}"`) || !token)
      throw new Error(
        `WebSSO ${path} through the test IdP: HTTP ${sso.status} ${html.slice(0, 200)}`,
      )
    const projects = await call('GET', '/auth/projects', { token, okStatuses: [200] })
    if (!projects.json.projects.some((p) => p.id === ids.sso.projectId))
      throw new Error(`a WebSSO user does not see ${SSO.project}`)
  }

  return {
    receiptExpirationSeconds: RECEIPT_EXPIRATION,
    totpUsers,
    applicationCredentials: ids.applicationCredentials,
    sso: {
      domain: SSO.domain,
      domainId: ids.sso.domainId,
      project: SSO.project,
      projectId: ids.sso.projectId,
      identityProvider: SSO.identityProvider,
      protocol: SSO.protocol,
      remoteId: SSO.remoteId,
      trustedDashboards: TRUSTED_DASHBOARDS,
      testIdpUrl: TEST_IDP_URL,
      websso: {
        identityProvider: `${TEST_IDP_URL}${WEBSSO_PATHS.identityProvider}`,
        protocol: `${TEST_IDP_URL}${WEBSSO_PATHS.protocol}`,
      },
    },
  }
}

const mode = process.argv[2]
const started = Date.now()
try {
  if (mode === 'seed') await seed()
  else if (mode === 'verify') await verify()
  else throw new Error('usage: node seed.mjs seed|verify')
  log(`${mode} ok in ${((Date.now() - started) / 1000).toFixed(1)}s`)
} catch (e) {
  log(`${mode} FAILED: ${e.message}`)
  process.exit(1)
}
