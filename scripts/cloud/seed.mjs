// Seed (idempotent get-or-create) and verify the loopback cloud through
// Keystone's REST API. Called by up.sh:  node seed.mjs seed | verify
// Env: CLOUD_DIR, KEYSTONE_URL (…/v3), ADMIN_PASSWORD, GLANCE_PASSWORD,
//      GLANCE_ONE_URL, GLANCE_TWO_URL, GLANCE_LEGACY_URL
import { writeFileSync, renameSync } from 'node:fs'
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
}

const log = (...a) => console.error('[seed]', ...a)

async function call(method, path, { token, body, base = KS, okStatuses } = {}) {
  const headers = { Accept: 'application/json' }
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
  return { status: r.status, token: r.headers.get('x-subject-token'), body: r.json }
}

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
        const body = { name, domain_id: DOMAIN, password: u.password, enabled }
        if (defaultProjectId) body.default_project_id = defaultProjectId
        user = (await api('POST', '/users', { user: body }, [201])).json.user
        log(`created user ${name}`)
      } else {
        const patch = {}
        if (user.enabled !== enabled) patch.enabled = enabled
        if ((user.default_project_id ?? undefined) !== defaultProjectId)
          patch.default_project_id = defaultProjectId ?? null
        if (enabled) {
          // Only reset the password when it no longer works (a change revokes tokens).
          // A disabled user's password cannot be tested; it is set on creation.
          const t = await passwordToken(name, u.password)
          if (t.status !== 201) patch.password = u.password
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
    JSON.stringify({ projects, users, roles }, null, 2) + '\n',
  )
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

  const users = {
    admin: { password: ADMIN_PASSWORD, project: 'admin', roles: { admin: 'admin' }, enabled: true },
  }
  for (const [name, u] of Object.entries(USERS)) {
    if (u.service) continue
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
  lines.push('')
  console.log(lines.join('\n'))
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
