import type { Catalog, Image, MemberStatus, Visibility } from '~/api/schemas'
import { DEMO_AUTH_URL, demoImageEndpoint } from '~/config/config'
import { DEFAULT_IMAGE_MEMBER_QUOTA } from '~/api/glance-limits'
import type { PolicyMode } from '~/api/glance-policy'
import type {
  DbState,
  DemoApplicationCredential,
  DemoIdentityProvider,
  DemoUser,
  MockSettings,
  RegionWorld,
  RoleAssignment,
  StoredMember,
} from '~mocks/db'

/**
 * The demo world. Everything is derived from fixed labels, so ids and timestamps are the same on
 * every load and in every test: no Math.random or Date.now here.
 */

// FNV-1a then mulberry32: a tiny deterministic generator, so ids look random but never change.
function fnv1a(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

/** 32 random-looking bits at a time. */
function generator(label: string): () => number {
  let state = fnv1a(label)
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return (t ^ (t >>> 14)) >>> 0
  }
}

const HEX = '0123456789abcdef'

/** `length` lowercase hex digits derived from `label`: each the top 4 bits of one draw. */
export function demoHex(label: string, length: number): string {
  const next = generator(label)
  let out = ''
  // A table rather than toString(16): the large world makes a million of these.
  while (out.length < length) out += HEX.charAt(next() >>> 28)
  return out
}

/** A UUID v4-shaped id derived from `label` (version nibble 4, variant 8–b). */
export function demoUuid(label: string): string {
  const h = demoHex(label, 32)
  const variant = '89ab'.charAt(parseInt(h.charAt(16), 16) % 4)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`
}

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0)
const at = (hours: number) =>
  new Date(T0 + Math.round(hours * 3_600_000)).toISOString().replace('.000Z', 'Z')

export const defaultSettings: MockSettings = {
  image_member_quota: DEFAULT_IMAGE_MEMBER_QUOTA,
  policyMode: 'new-defaults' satisfies PolicyMode,
  // Keystone's [token] expiration default
  tokenLifetimeSeconds: 3600,
  // Keystone's [receipt] expiration default: time to find the authenticator and type a code.
  receiptLifetimeSeconds: 300,
  trustedDashboards: null,
  failNext: null,
}

// ---- Keystone ----

export const DEFAULT_DOMAIN = { id: 'default', name: 'Default' } as const

export const projectNames = ['producer', 'consumer-a', 'consumer-b', 'admin', 'qa'] as const
export type SeedProjectName = (typeof projectNames)[number]

/** Keystone project ids: 32 lowercase hex digits, no dashes. */
export function seedProjectId(name: SeedProjectName): string {
  return demoHex(`project:${name}`, 32)
}

const projectDescriptions: Record<SeedProjectName, string> = {
  producer: 'Builds and shares golden images',
  'consumer-a': 'Consumes images shared by producer',
  'consumer-b': 'Another consumer of shared images',
  admin: 'Cloud administrators',
  qa: 'Quality assurance fixtures',
}

/** Projects that are not in this Keystone but hold memberships: Glance never validates member ids. */
export const FOREIGN_PROJECT_ID = '8989447062e04a818baf9e073fd04fa7'

export const roleNames = ['admin', 'member', 'reader'] as const
export type SeedRoleName = (typeof roleNames)[number]
export const seedRoleId = (name: SeedRoleName) => demoHex(`role:${name}`, 32)

type UserSeed = {
  name: string
  password: string
  description: string
  enabled: boolean
  defaultProject: SeedProjectName | null
  roles: readonly (readonly [SeedProjectName, SeedRoleName])[]
}

const userSeeds = [
  {
    name: 'alice',
    password: 'alice-demo',
    description: 'member in producer: owns the shared images',
    enabled: true,
    defaultProject: null,
    roles: [['producer', 'member']],
  },
  {
    name: 'bob',
    password: 'bob-demo',
    description: 'member in consumer-a: has pending, accepted and rejected shares',
    enabled: true,
    defaultProject: 'consumer-a',
    roles: [['consumer-a', 'member']],
  },
  {
    name: 'carol',
    password: 'carol-demo',
    description: 'member in consumer-b and in producer: switch projects',
    enabled: true,
    defaultProject: null,
    roles: [
      ['consumer-b', 'member'],
      ['producer', 'member'],
    ],
  },
  {
    name: 'rita',
    password: 'rita-demo',
    description: 'reader in producer: can look, cannot share',
    enabled: true,
    defaultProject: null,
    roles: [['producer', 'reader']],
  },
  {
    name: 'admin',
    password: 'admin-demo',
    description: 'admin in admin: Glance admin, sees every image',
    enabled: true,
    defaultProject: null,
    roles: [['admin', 'admin']],
  },
  {
    name: 'dave',
    password: 'dave-demo',
    description: 'disabled account: sign-in fails',
    enabled: false,
    defaultProject: null,
    roles: [['consumer-a', 'member']],
  },
] as const satisfies readonly UserSeed[]

export type SeedUserName = (typeof userSeeds)[number]['name']

// ---- Sign-in methods other than a password (issue 24) ----
// Names and secrets are those scripts/cloud/seed.mjs gives the real test cloud, so one contract
// suite (e2e/contract/sign-in-methods.contract.ts) runs on both.

const totpUserSeeds = [
  {
    name: 'mia',
    password: 'mia-demo',
    description:
      'member in consumer-a and consumer-b: password, then a code from her authenticator',
    totpSecret: '5BECGLJ3AGWNLJ5MNUO4LWQCROZKINSG',
    // Keystone's user options: a password alone earns an auth receipt, not a token.
    mfaRules: [['password', 'totp']],
    roles: [
      ['consumer-a', 'member'],
      ['consumer-b', 'member'],
    ],
  },
  {
    name: 'tess',
    // A password nobody knows (the real cloud's is random): her authenticator is how she signs in.
    password: null,
    description: 'member in consumer-a: signs in with a code alone (no MFA rules)',
    totpSecret: 'IG3OVMHIOQYWJLUBXKJ4UUI4NULBIDRB',
    mfaRules: undefined,
    roles: [['consumer-a', 'member']],
  },
] as const satisfies readonly {
  name: string
  password: string | null
  description: string
  totpSecret: string
  mfaRules: readonly (readonly string[])[] | undefined
  roles: readonly (readonly [SeedProjectName, SeedRoleName])[]
}[]

export type TotpUserName = (typeof totpUserSeeds)[number]['name']
export const seedUserId = (name: SeedUserName | TotpUserName) => demoHex(`user:${name}`, 32)

const [miaSeed, tessSeed] = totpUserSeeds

/** For the demo's sign-in table: the user whose rules want a password and then a code. */
export const demoMfaUser = {
  name: miaSeed.name,
  password: miaSeed.password,
  totpSecret: miaSeed.totpSecret,
  description: miaSeed.description,
}

/** For the demo's sign-in table: the user who signs in with a code alone. */
export const demoTotpUser = {
  name: tessSeed.name,
  totpSecret: tessSeed.totpSecret,
  description: tessSeed.description,
}

/**
 * alice's application credentials in producer, with fixed ids and the real test cloud's secrets.
 * Both carry member and reader: Keystone puts exactly a credential's roles in its tokens, without
 * the roles they imply, and Glance's reader rules want `reader` itself.
 */
export const demoApplicationCredentials = [
  {
    id: demoHex('application-credential:alice-ci', 32),
    name: 'alice-ci',
    secret: 'VSaZJEJ7zZd4Pd2IIay5JNIdGnYajpFN',
    user: 'alice',
    domain: DEFAULT_DOMAIN.name,
    project: 'producer',
    unrestricted: false,
    roles: ['member', 'reader'],
    description: 'restricted: cannot manage application credentials',
  },
  {
    id: demoHex('application-credential:alice-admin-tools', 32),
    name: 'alice-admin-tools',
    secret: 'bbQBibN8q1K_vADTsRdSDbscz-jL_V2r',
    user: 'alice',
    domain: DEFAULT_DOMAIN.name,
    project: 'producer',
    unrestricted: true,
    roles: ['member', 'reader'],
    description: 'unrestricted: may manage application credentials',
  },
] as const satisfies readonly {
  id: string
  name: string
  secret: string
  user: SeedUserName
  domain: string
  project: SeedProjectName
  unrestricted: boolean
  roles: readonly SeedRoleName[]
  description: string
}[]

/** The domain WebSSO users land in, and their one project (the mapping grants member there). */
export const SSO_DOMAIN = { id: demoHex('domain:sso-users', 32), name: 'sso-users' } as const
export const SSO_PROJECT = {
  id: demoHex('project:sso-consumer', 32),
  name: 'sso-consumer',
} as const

/**
 * WebSSO as the real test cloud does it (scripts/cloud/test-idp.mjs): identity provider
 * `localidp`, protocol `mapped`, the user named by X-Remote-User. For the demo's sign-in table.
 */
export const demoSsoUser = {
  name: 'sam',
  email: 'sam@example.org',
  identityProvider: 'localidp',
  protocol: 'mapped',
  /** The IdP's entity ID, which the auth module in front of Keystone sends as X-Idp. */
  remoteId: 'local-idp',
  domain: SSO_DOMAIN.name,
  project: SSO_PROJECT.name,
} as const

function identityProviders(): DemoIdentityProvider[] {
  return [
    {
      id: demoSsoUser.identityProvider,
      domainId: SSO_DOMAIN.id,
      enabled: true,
      remoteIds: [demoSsoUser.remoteId],
      protocols: {
        [demoSsoUser.protocol]: {
          remoteIdHeader: 'X-Idp',
          userHeader: 'X-Remote-User',
          emailHeader: 'X-Remote-Email',
          projects: [{ name: SSO_PROJECT.name, roles: ['member'] }],
        },
      },
    },
  ]
}

function totpUsers(): { users: DemoUser[]; assignments: RoleAssignment[] } {
  return {
    users: totpUserSeeds.map((u) => ({
      id: seedUserId(u.name),
      name: u.name,
      password: u.password,
      domainId: DEFAULT_DOMAIN.id,
      enabled: true,
      defaultProjectId: null,
      totpSecret: u.totpSecret,
      ...(u.mfaRules === undefined ? {} : { mfaRules: u.mfaRules.map((rule) => [...rule]) }),
    })),
    assignments: totpUserSeeds.flatMap((u) =>
      u.roles.map(([project, role]) => ({
        userId: seedUserId(u.name),
        projectId: seedProjectId(project),
        roleId: seedRoleId(role),
      })),
    ),
  }
}

function applicationCredentials(): DemoApplicationCredential[] {
  return demoApplicationCredentials.map((c) => ({
    id: c.id,
    name: c.name,
    userId: seedUserId(c.user),
    projectId: seedProjectId(c.project),
    secret: c.secret,
    roleIds: c.roles.map(seedRoleId),
    unrestricted: c.unrestricted,
    expiresAt: null,
    description: c.description,
  }))
}

/** For the sign-in page: who can sign in, with what, and what they are for. */
export const demoUsers: { name: SeedUserName; password: string; description: string }[] =
  userSeeds.map(({ name, password, description }) => ({ name, password, description }))

export const REGIONS = ['RegionOne', 'RegionTwo'] as const
export type SeedRegion = (typeof REGIONS)[number]

function catalog(): Catalog {
  return [
    {
      id: demoHex('service:keystone', 32),
      type: 'identity',
      name: 'keystone',
      endpoints: [
        {
          id: demoHex('endpoint:identity:public', 32),
          interface: 'public',
          region: 'RegionOne',
          region_id: 'RegionOne',
          url: DEMO_AUTH_URL,
        },
      ],
    },
    {
      id: demoHex('service:glance', 32),
      type: 'image',
      name: 'glance',
      endpoints: REGIONS.flatMap((region) => [
        {
          id: demoHex(`endpoint:image:public:${region}`, 32),
          interface: 'public' as const,
          region,
          region_id: region,
          url: demoImageEndpoint(region),
        },
        {
          // Unreachable on purpose: a client must pick the public interface.
          id: demoHex(`endpoint:image:internal:${region}`, 32),
          interface: 'internal' as const,
          region,
          region_id: region,
          url: `http://glance-internal.${region.toLowerCase()}.demo.invalid:9292`,
        },
      ]),
    },
  ]
}

// ---- Glance ----

type MemberSeed = readonly [SeedProjectName | typeof FOREIGN_PROJECT_ID, MemberStatus, 'deleted'?]

type ImageSeed = {
  key: string
  region: SeedRegion
  name: string | null
  owner: SeedProjectName
  visibility: Visibility
  status?: string
  hidden?: boolean
  protected?: boolean
  diskFormat?: string
  size?: number
  minDisk?: number
  minRam?: number
  tags?: readonly string[]
  props?: Readonly<Record<string, string>>
  members?: readonly MemberSeed[]
}

const GiB = 1024 ** 3
const MiB = 1024 ** 2

const LONG_NAME =
  'producer-release-candidate-with-an-extremely-long-descriptive-name-for-testing-truncation-' +
  'in-tables-and-dialogs-2026-01-15-build-4711-x86_64-uefi-secureboot'

const imageSeeds = [
  // Public images from the admin project, as a cloud operator publishes them.
  {
    key: 'ubuntu2404',
    region: 'RegionOne',
    name: 'Ubuntu 24.04 LTS (Noble Numbat)',
    owner: 'admin',
    visibility: 'public',
    size: 583 * MiB,
    minDisk: 10,
    props: {
      os_distro: 'ubuntu',
      os_version: '24.04',
      hw_disk_bus: 'scsi',
      hw_scsi_model: 'virtio-scsi',
    },
    tags: ['lts'],
  },
  {
    key: 'ubuntu2204',
    region: 'RegionOne',
    name: 'Ubuntu 22.04 LTS (Jammy Jellyfish)',
    owner: 'admin',
    visibility: 'public',
    size: 660 * MiB,
    minDisk: 10,
    props: { os_distro: 'ubuntu', os_version: '22.04' },
    tags: ['lts'],
  },
  {
    key: 'ubuntu2004Hidden',
    region: 'RegionOne',
    name: 'Ubuntu 20.04 LTS (superseded)',
    owner: 'admin',
    visibility: 'public',
    hidden: true,
    size: 610 * MiB,
    props: { os_distro: 'ubuntu', os_version: '20.04' },
  },
  {
    key: 'debian12',
    region: 'RegionOne',
    name: 'Debian 12 (bookworm)',
    owner: 'admin',
    visibility: 'public',
    size: 420 * MiB,
    props: { os_distro: 'debian', os_version: '12', hw_disk_bus: 'virtio' },
  },
  {
    key: 'debian13',
    region: 'RegionOne',
    name: 'Debian 13 (trixie)',
    owner: 'admin',
    visibility: 'public',
    size: 440 * MiB,
    props: { os_distro: 'debian', os_version: '13' },
  },
  {
    key: 'fedora42',
    region: 'RegionOne',
    name: 'Fedora Cloud 42',
    owner: 'admin',
    visibility: 'public',
    size: 512 * MiB,
    props: { os_distro: 'fedora', os_version: '42' },
  },
  {
    key: 'centosStream9',
    region: 'RegionOne',
    name: 'CentOS Stream 9',
    owner: 'admin',
    visibility: 'public',
    size: 1.2 * GiB,
    props: { os_distro: 'centos', os_version: '9' },
  },
  {
    key: 'rocky9',
    region: 'RegionOne',
    name: 'Rocky Linux 9.6',
    owner: 'admin',
    visibility: 'public',
    size: 1.1 * GiB,
    props: { os_distro: 'rocky', os_version: '9.6' },
  },
  {
    key: 'alma9',
    region: 'RegionOne',
    name: 'AlmaLinux 9.6',
    owner: 'admin',
    visibility: 'public',
    size: 1.05 * GiB,
    props: { os_distro: 'almalinux', os_version: '9.6' },
  },
  {
    key: 'opensuse156',
    region: 'RegionOne',
    name: 'openSUSE Leap 15.6',
    owner: 'admin',
    visibility: 'public',
    size: 780 * MiB,
    props: { os_distro: 'opensuse', os_version: '15.6' },
  },
  {
    key: 'cirros',
    region: 'RegionOne',
    name: 'CirrOS 0.6.3',
    owner: 'admin',
    visibility: 'public',
    size: 21 * MiB,
    protected: true,
    props: { os_distro: 'cirros' },
  },
  {
    key: 'windows2022',
    region: 'RegionOne',
    name: 'Windows Server 2022 Evaluation',
    owner: 'admin',
    visibility: 'public',
    diskFormat: 'raw',
    size: 20 * GiB,
    minDisk: 40,
    minRam: 4096,
    props: { os_distro: 'windows', os_type: 'windows', hw_disk_bus: 'sata' },
  },
  {
    key: 'archDeactivated',
    region: 'RegionOne',
    name: 'Arch Linux 2025.12 (deactivated)',
    owner: 'admin',
    visibility: 'public',
    status: 'deactivated',
    size: 560 * MiB,
    props: { os_distro: 'arch' },
  },
  {
    key: 'adminMaintenance',
    region: 'RegionOne',
    name: 'admin-maintenance-rescue',
    owner: 'admin',
    visibility: 'private',
    size: 300 * MiB,
  },

  // Community images: listed for others only with visibility=community|all.
  {
    key: 'alpineCommunity',
    region: 'RegionOne',
    name: 'Alpine 3.22 community build',
    owner: 'qa',
    visibility: 'community',
    size: 48 * MiB,
    props: { os_distro: 'alpine' },
  },
  {
    key: 'nixosCommunity',
    region: 'RegionOne',
    name: 'NixOS 25.05 community',
    owner: 'consumer-b',
    visibility: 'community',
    size: 900 * MiB,
    props: { os_distro: 'nixos' },
  },
  {
    key: 'producerCommunity',
    region: 'RegionOne',
    name: 'producer-community-tools',
    owner: 'producer',
    visibility: 'community',
    size: 350 * MiB,
  },

  // The producer's shares: every member status for consumer-a (bob) and consumer-b (carol).
  {
    key: 'pendingForBob',
    region: 'RegionOne',
    name: 'app-server-2026.01',
    owner: 'producer',
    visibility: 'shared',
    size: 2.5 * GiB,
    tags: ['release'],
    props: { os_distro: 'ubuntu', os_version: '24.04', hw_disk_bus: 'virtio' },
    members: [
      ['consumer-a', 'pending'],
      ['consumer-b', 'accepted'],
    ],
  },
  {
    key: 'acceptedByBob',
    region: 'RegionOne',
    name: 'app-server-2026.02',
    owner: 'producer',
    visibility: 'shared',
    size: 2.6 * GiB,
    tags: ['release'],
    props: { os_distro: 'ubuntu', os_version: '24.04' },
    members: [
      ['consumer-a', 'accepted'],
      ['consumer-b', 'pending'],
    ],
  },
  {
    key: 'rejectedByBob',
    region: 'RegionOne',
    name: 'db-snapshot-golden',
    owner: 'producer',
    visibility: 'shared',
    size: 8 * GiB,
    diskFormat: 'raw',
    members: [
      ['consumer-a', 'rejected'],
      ['consumer-b', 'rejected'],
    ],
  },
  {
    key: 'unshared',
    region: 'RegionOne',
    name: 'ml-runtime-cuda12',
    owner: 'producer',
    visibility: 'shared',
    size: 12 * GiB,
    props: { hw_machine_type: 'q35' },
    // A soft-deleted row: sharing with consumer-b again brings it back as pending.
    members: [['consumer-b', 'accepted', 'deleted']],
  },
  {
    key: 'producerPrivate',
    region: 'RegionOne',
    name: 'producer-private-base',
    owner: 'producer',
    visibility: 'private',
    size: 1.8 * GiB,
    // Left over from when it was shared: kept, but they count only while the image is shared.
    members: [
      ['consumer-a', 'accepted'],
      ['consumer-b', 'pending'],
    ],
  },
  {
    key: 'producerQueued',
    region: 'RegionOne',
    name: 'queued-upload-2026.03',
    owner: 'producer',
    visibility: 'shared',
    status: 'queued',
  },
  {
    key: 'longName',
    region: 'RegionOne',
    name: LONG_NAME,
    owner: 'producer',
    visibility: 'shared',
    size: 3 * GiB,
    members: [['consumer-a', 'accepted']],
  },
  {
    key: 'unicodeName',
    region: 'RegionOne',
    name: 'Ubuntu 24.04 — 日本語 ✓ Ü',
    owner: 'producer',
    visibility: 'shared',
    size: 590 * MiB,
    members: [['consumer-a', 'pending']],
  },
  {
    key: 'scriptName',
    region: 'RegionOne',
    name: '<script>alert(1)</script>',
    owner: 'producer',
    visibility: 'shared',
    size: 10 * MiB,
    members: [['consumer-a', 'accepted']],
  },
  {
    key: 'boldName',
    region: 'RegionOne',
    name: '<b>bold</b>',
    owner: 'producer',
    visibility: 'private',
    size: 10 * MiB,
  },
  {
    key: 'nullName',
    region: 'RegionOne',
    name: null,
    owner: 'producer',
    visibility: 'shared',
    size: 700 * MiB,
    members: [['consumer-a', 'pending']],
  },
  {
    key: 'deactivatedShared',
    region: 'RegionOne',
    name: 'legacy-app-2019',
    owner: 'producer',
    visibility: 'shared',
    status: 'deactivated',
    size: 4 * GiB,
    members: [['consumer-a', 'accepted']],
  },
  {
    key: 'hiddenShared',
    region: 'RegionOne',
    name: 'producer-hidden-build',
    owner: 'producer',
    visibility: 'shared',
    hidden: true,
    size: 2 * GiB,
    members: [['consumer-a', 'accepted']],
  },
  {
    key: 'manyMembers',
    region: 'RegionOne',
    name: 'base-image-many-members',
    owner: 'producer',
    visibility: 'shared',
    size: 1 * GiB,
    members: [
      ['consumer-a', 'accepted'],
      ['consumer-b', 'rejected'],
      ['qa', 'pending'],
      ['admin', 'accepted'],
      [FOREIGN_PROJECT_ID, 'pending'],
    ],
  },
  {
    key: 'killed',
    region: 'RegionOne',
    name: 'broken-upload',
    owner: 'producer',
    visibility: 'shared',
    status: 'killed',
    members: [['consumer-a', 'accepted']],
  },
  {
    key: 'protectedShared',
    region: 'RegionOne',
    name: 'producer-protected-golden',
    owner: 'producer',
    visibility: 'shared',
    protected: true,
    size: 5 * GiB,
    members: [['consumer-b', 'accepted']],
  },

  // Images of the consumers and qa.
  {
    key: 'bobPrivate',
    region: 'RegionOne',
    name: 'bob-scratch-vm',
    owner: 'consumer-a',
    visibility: 'private',
    size: 6 * GiB,
  },
  {
    key: 'pendingForProducer',
    region: 'RegionOne',
    name: 'consumer-a-tooling',
    owner: 'consumer-a',
    visibility: 'shared',
    size: 750 * MiB,
    members: [['producer', 'pending']],
  },
  {
    key: 'carolShared',
    region: 'RegionOne',
    name: 'carol-analytics',
    owner: 'consumer-b',
    visibility: 'shared',
    size: 4.4 * GiB,
    members: [['consumer-a', 'accepted']],
  },
  {
    key: 'carolPrivate',
    region: 'RegionOne',
    name: 'carol-private-notes',
    owner: 'consumer-b',
    visibility: 'private',
    size: 200 * MiB,
  },
  {
    key: 'qaFixture1',
    region: 'RegionOne',
    name: 'qa-fixture-01',
    owner: 'qa',
    visibility: 'private',
    size: 100 * MiB,
  },
  {
    key: 'qaFixture2',
    region: 'RegionOne',
    name: 'qa-fixture-02',
    owner: 'qa',
    visibility: 'shared',
    size: 100 * MiB,
    members: [['producer', 'accepted']],
  },

  // RegionTwo has its own Glance and its own images.
  {
    key: 'r2Ubuntu2404',
    region: 'RegionTwo',
    name: 'Ubuntu 24.04 LTS (Noble Numbat)',
    owner: 'admin',
    visibility: 'public',
    size: 583 * MiB,
    props: { os_distro: 'ubuntu', os_version: '24.04' },
  },
  {
    key: 'r2Debian12',
    region: 'RegionTwo',
    name: 'Debian 12 (bookworm)',
    owner: 'admin',
    visibility: 'public',
    size: 420 * MiB,
    props: { os_distro: 'debian', os_version: '12' },
  },
  {
    key: 'r2FedoraQueued',
    region: 'RegionTwo',
    name: 'Fedora CoreOS 42',
    owner: 'admin',
    visibility: 'public',
    status: 'queued',
  },
  {
    key: 'r2PendingForBob',
    region: 'RegionTwo',
    name: 'region-two-app',
    owner: 'producer',
    visibility: 'shared',
    size: 2 * GiB,
    members: [['consumer-a', 'pending']],
  },
  {
    key: 'r2AcceptedByCarol',
    region: 'RegionTwo',
    name: 'region-two-dataset',
    owner: 'producer',
    visibility: 'shared',
    size: 16 * GiB,
    diskFormat: 'raw',
    members: [
      ['consumer-b', 'accepted'],
      ['consumer-a', 'rejected'],
    ],
  },
  {
    key: 'r2Community',
    region: 'RegionTwo',
    name: 'r2-community-mirror',
    owner: 'qa',
    visibility: 'community',
    size: 300 * MiB,
  },
  {
    key: 'r2BobPrivate',
    region: 'RegionTwo',
    name: 'r2-consumer-a-private',
    owner: 'consumer-a',
    visibility: 'private',
    size: 1 * GiB,
  },
] as const satisfies readonly ImageSeed[]

export type SeedImageKey = (typeof imageSeeds)[number]['key']

export const seedImageId = (key: SeedImageKey) => demoUuid(`image:${key}`)

/** The seed definition of one image (name, owner, region, members) for tests and docs. */
export function seedImage(key: SeedImageKey): ImageSeed {
  const found: ImageSeed | undefined = imageSeeds.find((s) => s.key === key)
  if (found === undefined) throw new Error(`no seed image ${key}`)
  return found
}

function buildImage(s: ImageSeed, index: number, ownerId = seedProjectId(s.owner)): Image {
  const id = demoUuid(`image:${s.key}`)
  const status = s.status ?? 'active'
  const uploaded = status !== 'queued' && status !== 'killed'
  const size = uploaded && s.size !== undefined ? Math.round(s.size) : null
  const created = at(index * 29 + (index % 5) * 3)
  return {
    id,
    name: s.name,
    status,
    visibility: s.visibility,
    owner: ownerId,
    size,
    virtual_size: size === null ? null : size * 4,
    disk_format: s.diskFormat ?? 'qcow2',
    container_format: 'bare',
    min_disk: s.minDisk ?? 0,
    min_ram: s.minRam ?? 0,
    protected: s.protected ?? false,
    os_hidden: s.hidden ?? false,
    checksum: size === null ? null : demoHex(`md5:${s.key}`, 32),
    os_hash_algo: size === null ? null : 'sha512',
    os_hash_value: size === null ? null : demoHex(`sha512:${s.key}`, 128),
    tags: [...(s.tags ?? [])],
    created_at: created,
    updated_at: at(index * 29 + (index % 5) * 3 + (index % 7) + 1),
    self: `/v2/images/${id}`,
    file: `/v2/images/${id}/file`,
    schema: '/v2/schemas/image',
    ...s.props,
  }
}

function buildMembers(s: ImageSeed, index: number): StoredMember[] {
  return (s.members ?? []).map(([project, status, deleted], i) => ({
    imageId: demoUuid(`image:${s.key}`),
    memberId: project === FOREIGN_PROJECT_ID ? project : seedProjectId(project),
    status,
    createdAt: at(index * 29 + 2 + i),
    updatedAt: at(index * 29 + 2 + i + (status === 'pending' ? 0 : 20)),
    deleted: deleted === 'deleted',
  }))
}

// ---- Teams that share among themselves, for support's project lens ----

/**
 * Projects no demo user belongs to, sharing build images among themselves and with qa: enough
 * shared images across projects (DEMO_TEAM_IMAGES) for the project lens to show its progress,
 * without touching what the demo users see in their own lists.
 */
export const teamNames = [
  'build-farm',
  'data-science',
  'web-platform',
  'ml-research',
  'security-tools',
  'edge-sites',
] as const
export type TeamName = (typeof teamNames)[number]
export const teamProjectId = (name: TeamName) => demoHex(`project:${name}`, 32)
export const DEMO_TEAM_IMAGES = 216

const memberStatusCycle = ['accepted', 'pending', 'rejected'] as const satisfies MemberStatus[]
const cycled = <T>(list: readonly T[], n: number) => list[n % list.length] as T

/**
 * Team image n: owned by team n mod 6, in RegionOne and RegionTwo by turns, shared with two other
 * teams and, one in three, with qa (one in 24 of those hidden, the tenth deactivated). Older than
 * every standard image, so the standard lists' first pages stay as they were.
 */
export function teamImage(n: number): {
  region: SeedRegion
  image: Image
  members: StoredMember[]
} {
  const team = cycled(teamNames, n)
  const region = cycled(REGIONS, Math.floor(n / teamNames.length))
  const build = String(Math.floor(n / teamNames.length) + 1).padStart(4, '0')
  const key = `team:${String(n)}`
  const image = buildImage(
    {
      key,
      region,
      name: `${team}-build-${build}`,
      // Not a seed project's: the owner is the team's, given below.
      owner: 'qa',
      visibility: 'shared',
      status: n === 9 ? 'deactivated' : 'active',
      hidden: n % 24 === 3,
      size: ((n % 40) + 3) * 61 * MiB,
      props: { os_distro: cycled(['ubuntu', 'debian', 'rocky'], n) },
    },
    0,
    teamProjectId(team),
  )
  // 2.4 minutes apart, going back from the first standard image: 2,000 still start in 2026.
  const made = -(n + 1) / 25
  image.created_at = at(made)
  image.updated_at = at(made + 0.02)
  const t = teamNames.indexOf(team)
  const memberIds = [
    teamProjectId(cycled(teamNames, t + 1)),
    teamProjectId(cycled(teamNames, t + 3)),
    ...(n % 3 === 0 ? [seedProjectId('qa')] : []),
  ]
  const members = memberIds.map((memberId, i): StoredMember => {
    const status = cycled(memberStatusCycle, Math.floor(n / 3) + i)
    return {
      imageId: image.id,
      memberId,
      status,
      createdAt: at(made + 0.01),
      updatedAt: at(made + (status === 'pending' ? 0.01 : 0.015)),
      deleted: false,
    }
  })
  return { region, image, members }
}

function addTeamImages(world: DbState, from: number, to: number) {
  for (let n = from; n < to; n++) {
    const { region, image, members } = teamImage(n)
    const regionWorld = world.glance[region]
    if (regionWorld === undefined) throw new Error(`the seed has no ${region}`)
    regionWorld.images.push(image)
    regionWorld.members.push(...members)
  }
}

/** A fresh copy of the seed world. */
export function seed(): DbState {
  const glance: Record<string, RegionWorld> = {}
  for (const region of REGIONS) glance[region] = { images: [], members: [] }
  imageSeeds.forEach((s: ImageSeed, index) => {
    const world = glance[s.region]
    if (world === undefined) return
    world.images.push(buildImage(s, index))
    world.members.push(...buildMembers(s, index))
  })

  const factors = totpUsers()
  const world: DbState = {
    version: 2,
    domains: [
      { ...DEFAULT_DOMAIN, enabled: true },
      { ...SSO_DOMAIN, enabled: true },
    ],
    projects: [
      ...projectNames.map((name) => ({
        id: seedProjectId(name),
        name,
        domainId: DEFAULT_DOMAIN.id,
        description: projectDescriptions[name],
        enabled: true,
      })),
      ...teamNames.map((name) => ({
        id: teamProjectId(name),
        name,
        domainId: DEFAULT_DOMAIN.id,
        description: 'A team that shares build images with its peers',
        enabled: true,
      })),
      {
        ...SSO_PROJECT,
        domainId: SSO_DOMAIN.id,
        description: 'Where users who sign in through WebSSO work',
        enabled: true,
      },
    ],
    users: [
      ...userSeeds.map((u) => ({
        id: seedUserId(u.name),
        name: u.name,
        password: u.password,
        domainId: DEFAULT_DOMAIN.id,
        enabled: u.enabled,
        defaultProjectId: u.defaultProject === null ? null : seedProjectId(u.defaultProject),
      })),
      ...factors.users,
    ],
    roles: roleNames.map((name) => ({ id: seedRoleId(name), name })),
    assignments: [
      ...userSeeds.flatMap((u) =>
        u.roles.map(([project, role]) => ({
          userId: seedUserId(u.name),
          projectId: seedProjectId(project),
          roleId: seedRoleId(role),
        })),
      ),
      ...factors.assignments,
    ],
    applicationCredentials: applicationCredentials(),
    identityProviders: identityProviders(),
    tokens: {},
    receipts: {},
    catalog: catalog(),
    regions: [...REGIONS],
    glance,
    settings: { ...defaultSettings },
  }
  addTeamImages(world, 0, DEMO_TEAM_IMAGES)
  return world
}

// ---- The large world, for `npm run bench` ----

/** How big the large world is: alice's producer gets the images, one image the members. */
export const LARGE_WORLD = {
  /** Images of producer's in RegionOne, beside the standard seed's. */
  images: 5000,
  /** Members of the one image `LARGE_MEMBERS_IMAGE`. */
  members: 1000,
  /** Keystone projects tenant-0001…, to be members of it and to share with. */
  projects: 1000,
  /** Glance's image_member_quota, raised so the member image is within it. */
  memberQuota: 2000,
} as const

export const largeProjectName = (n: number) => `tenant-${String(n).padStart(4, '0')}`
export const largeProjectId = (n: number) => demoHex(`project:${largeProjectName(n)}`, 32)
export const largeImageName = (n: number) => `bulk-image-${String(n).padStart(5, '0')}`

/** The image with `LARGE_WORLD.members` members, and one with none to share with many. */
export const LARGE_MEMBERS_IMAGE = { key: 'large:members', name: 'bench-1000-members' } as const
export const LARGE_SHARE_IMAGE = { key: 'large:share', name: 'bench-share-target' } as const
export const largeImageId = (key: string) => demoUuid(`image:${key}`)

/**
 * The standard world plus thousands of rows, to measure the panel at scale: chosen by
 * `_control/reset?seed=large`. Still derived from labels only, so it is the same every time.
 */
export function largeSeed(): DbState {
  const world = seed()
  const regionOne = world.glance.RegionOne
  if (regionOne === undefined) throw new Error('the seed has no RegionOne')
  for (let n = 1; n <= LARGE_WORLD.projects; n++) {
    world.projects.push({
      id: largeProjectId(n),
      name: largeProjectName(n),
      domainId: DEFAULT_DOMAIN.id,
      description: 'A project of the large world',
      enabled: true,
    })
  }
  const large: ImageSeed[] = [
    {
      ...LARGE_MEMBERS_IMAGE,
      region: 'RegionOne',
      owner: 'producer',
      visibility: 'shared',
      size: GiB,
    },
    {
      ...LARGE_SHARE_IMAGE,
      region: 'RegionOne',
      owner: 'producer',
      visibility: 'shared',
      size: GiB,
    },
  ]
  for (let n = 1; n <= LARGE_WORLD.images; n++) {
    large.push({
      key: `large:bulk:${String(n)}`,
      region: 'RegionOne',
      name: largeImageName(n),
      owner: 'producer',
      visibility: n % 4 === 0 ? 'private' : 'shared',
      size: (n % 50) * 37 * MiB + 100 * MiB,
      props: { os_distro: 'ubuntu' },
    })
  }
  large.forEach((s, n) => {
    // Six minutes apart, after the standard images' first weeks: every date stays in 2026.
    const image = buildImage(s, n)
    image.created_at = at(n / 10)
    image.updated_at = at(n / 10 + 1)
    regionOne.images.push(image)
  })
  const imageId = largeImageId(LARGE_MEMBERS_IMAGE.key)
  for (let n = 1; n <= LARGE_WORLD.members; n++) {
    const status = cycled(memberStatusCycle, n)
    regionOne.members.push({
      imageId,
      memberId: largeProjectId(n),
      status,
      createdAt: at(n / 100),
      updatedAt: at(n / 100 + (status === 'pending' ? 0 : 20)),
      deleted: false,
    })
  }
  world.seed = 'large'
  world.settings.image_member_quota = LARGE_WORLD.memberQuota
  return world
}

// ---- The lens world, for the project lens's figures ----

/** Shared images in the lens world: the demo's team images, continued. */
export const LENS_WORLD_IMAGES = 2000

/**
 * The standard world with LENS_WORLD_IMAGES team images instead of DEMO_TEAM_IMAGES:
 * `_control/reset?seed=lens`.
 */
export function lensSeed(): DbState {
  const world = seed()
  addTeamImages(world, DEMO_TEAM_IMAGES, LENS_WORLD_IMAGES)
  world.seed = 'lens'
  return world
}
