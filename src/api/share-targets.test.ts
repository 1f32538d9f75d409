import { DEFAULT_IMAGE_MEMBER_QUOTA } from '~/api/glance-limits'
import {
  checkShareTargets,
  memberQuotaFromMessage,
  parseProjectIds,
  shareOutcomeOf,
} from '~/api/share-targets'

const P1 = '0123456789abcdef0123456789abcdef'
const P2 = 'fedcba9876543210fedcba9876543210'
const P3 = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'
const OWNER_ID = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'

describe('parseProjectIds', () => {
  test('splits on spaces, commas, semicolons and new lines', () => {
    const parsed = parseProjectIds(` ${P1},${P2}\n\n${P3} ;`)
    expect(parsed.map((p) => (p.ok ? p.id : p.raw))).toEqual([P1, P2, P3])
  })
  test('normalises case and a dashed UUID to Keystone’s form', () => {
    expect(parseProjectIds(P1.toUpperCase())).toEqual([{ raw: P1.toUpperCase(), ok: true, id: P1 }])
    const dashed = '01234567-89ab-cdef-0123-456789ABCDEF'
    expect(parseProjectIds(dashed)).toEqual([{ raw: dashed, ok: true, id: P1 }])
  })
  test.each([
    ['0123abcd', 'has 8 hexadecimal digits; a project ID has 32.'],
    [`${P1}0`, 'has 33 hexadecimal digits; a project ID has 32.'],
    [
      'consumer-a',
      'looks like a name. Glance needs the project’s ID (32 hexadecimal digits), not its name.',
    ],
    [
      '0123456789abcdef0123456789abcdeg',
      'looks like a name. Glance needs the project’s ID (32 hexadecimal digits), not its name.',
    ],
    ['<script>', 'is not a project ID: a project ID is 32 hexadecimal digits (0–9, a–f).'],
  ])('refuses %s', (raw, message) => {
    expect(parseProjectIds(raw)).toEqual([{ raw, ok: false, message }])
  })
  test('nothing typed is nothing', () => {
    expect(parseProjectIds(' \n, ')).toEqual([])
  })
})

describe('checkShareTargets', () => {
  const verdicts = (c: ReturnType<typeof checkShareTargets>) =>
    c.targets.map((t) => [t.raw, t.verdict, t.blocking])

  test('ready IDs are sent once each, in the order typed', () => {
    const c = checkShareTargets({ text: `${P2} ${P1}`, owner: OWNER_ID, members: [] })
    expect(c.toSend).toEqual([P2, P1])
    expect(c.blocked).toBe(false)
    expect(c.quota).toEqual({ limit: DEFAULT_IMAGE_MEMBER_QUOTA, used: 0 })
  })
  test('a repeat (also in another case) is skipped, not an error', () => {
    const c = checkShareTargets({ text: `${P1} ${P1.toUpperCase()}`, owner: OWNER_ID })
    expect(verdicts(c)).toEqual([
      [P1, 'ready', false],
      [P1.toUpperCase(), 'duplicate', false],
    ])
    expect(c.toSend).toEqual([P1])
  })
  test('the owner’s own project blocks', () => {
    const c = checkShareTargets({ text: `${OWNER_ID} ${P1}`, owner: OWNER_ID, members: [] })
    expect(verdicts(c)[0]).toEqual([OWNER_ID, 'own-project', true])
    expect(c.blocked).toBe(true)
  })
  test('a malformed entry blocks, with its own message', () => {
    const c = checkShareTargets({ text: `${P1} nope!`, owner: OWNER_ID })
    expect(c.targets[1]).toMatchObject({ verdict: 'invalid', blocking: true })
    expect(c.targets[1]?.message).toMatch(/^“nope!” is not a project ID/)
    expect(c.blocked).toBe(true)
  })
  test('current members are skipped (Glance would answer 409)', () => {
    const c = checkShareTargets({ text: `${P1} ${P2}`, owner: OWNER_ID, members: [P1] })
    expect(verdicts(c)).toEqual([
      [P1, 'already-member', false],
      [P2, 'ready', false],
    ])
    expect(c.toSend).toEqual([P2])
  })
  test('the quota counts current members (every status) and blocks what does not fit', () => {
    const c = checkShareTargets({
      text: `${P1} ${P2} ${P3}`,
      owner: OWNER_ID,
      members: ['m1'],
      quota: 3,
    })
    expect(verdicts(c)).toEqual([
      [P1, 'ready', false],
      [P2, 'ready', false],
      [P3, 'over-quota', true],
    ])
    expect(c.targets[2]?.message).toBe(
      'Over the member quota: the image can have at most 3 members and has 1, so only 2 more can be added.',
    )
    expect(c.blocked).toBe(true)
  })
  test('a full image says to remove a member first', () => {
    const c = checkShareTargets({ text: P1, owner: OWNER_ID, members: ['m1', 'm2'], quota: 2 })
    expect(c.targets[0]?.message).toBe(
      'Over the member quota: the image has 2 of at most 2 members. Remove a member first.',
    )
  })
  test('a negative quota is unlimited; unknown members count as none', () => {
    expect(checkShareTargets({ text: `${P1} ${P2}`, owner: null, quota: -1 }).blocked).toBe(false)
    const c = checkShareTargets({ text: `${P1} ${P2}`, owner: null, quota: 1 })
    expect(c.quota.used).toBeUndefined()
    expect(verdicts(c)[1]).toEqual([P2, 'over-quota', true])
  })
})

describe('share outcomes', () => {
  test.each([
    [200, 'shared'],
    [409, 'already-member'],
    [413, 'over-quota'],
    [403, 'refused'],
    [404, 'failed'],
    [0, 'failed'],
    [500, 'failed'],
  ] as const)('%i → %s', (status, outcome) => {
    expect(shareOutcomeOf(status)).toBe(outcome)
  })
  test('the quota is read from Glance’s 413 text', () => {
    expect(
      memberQuotaFromMessage(
        'Image member limit exceeded for image x: The limit has been exceeded on the number of allowed image members for this image. Attempted: 3, Maximum: 2:',
      ),
    ).toBe(2)
    expect(memberQuotaFromMessage('Request Entity Too Large')).toBeUndefined()
  })
})
