import type { Member } from './schemas'
import { memberChanges, noteAnswer, rememberSeen } from './member-sightings'

const row = (
  member_id: string,
  status: Member['status'],
  updated_at: string,
  created_at = 'c1',
): Member => ({
  member_id,
  image_id: 'img',
  status,
  created_at,
  updated_at,
  schema: '/v2/schemas/member',
})

beforeEach(() => {
  localStorage.clear()
})

test('the first look marks nothing; a later one marks a row whose updated_at moved, with its old status', () => {
  const first = [row('p1', 'pending', 't1'), row('p2', 'accepted', 't1')]
  expect(memberChanges('alice', 'R1', 'img', first).size).toBe(0)
  rememberSeen('alice', 'R1', 'img', first)
  const later = [row('p1', 'accepted', 't2'), row('p2', 'accepted', 't1')]
  expect([...memberChanges('alice', 'R1', 'img', later)]).toEqual([
    ['p1', { was: 'pending', by: undefined }],
  ])
  // Once seen, the change is no longer news.
  rememberSeen('alice', 'R1', 'img', later)
  expect(memberChanges('alice', 'R1', 'img', later).size).toBe(0)
})

test('an answer sent from this panel explains the change, by the member or by an admin', () => {
  rememberSeen('alice', 'R1', 'img', [row('p1', 'pending', 't1'), row('p2', 'pending', 't1')])
  noteAnswer('R1', 'img', row('p1', 'accepted', 't2'), 'admin')
  noteAnswer('R1', 'img', row('p2', 'rejected', 't2'), 'member')
  // p2 changed again since: that later change is not explained by the answer noted.
  const changes = memberChanges('alice', 'R1', 'img', [
    row('p1', 'accepted', 't2'),
    row('p2', 'accepted', 't3'),
  ])
  expect(changes.get('p1')).toEqual({ was: 'pending', by: 'admin' })
  expect(changes.get('p2')).toEqual({ was: 'pending', by: undefined })
})

test('a row removed and shared again is new, not changed; each user and image counts apart', () => {
  rememberSeen('alice', 'R1', 'img', [row('p1', 'rejected', 't1')])
  expect(memberChanges('alice', 'R1', 'img', [row('p1', 'pending', 't5', 'c2')]).size).toBe(0)
  expect(memberChanges('carol', 'R1', 'img', [row('p1', 'accepted', 't9')]).size).toBe(0)
  expect(memberChanges('alice', 'R2', 'img', [row('p1', 'accepted', 't9')]).size).toBe(0)
})

test.each(['constructor', '__proto__', 'toString'])(
  'a member ID named like a member of every object, %s, is a row like any other',
  (id) => {
    // Glance takes any text as a member ID.
    expect(memberChanges('alice', 'R1', 'img', [row(id, 'pending', 't1')]).size).toBe(0)
    rememberSeen('alice', 'R1', 'img', [row(id, 'pending', 't1'), row('p1', 'pending', 't1')])
    noteAnswer('R1', 'img', row(id, 'accepted', 't2'), 'admin')
    expect([...memberChanges('alice', 'R1', 'img', [row(id, 'accepted', 't2')])]).toEqual([
      [id, { was: 'pending', by: 'admin' }],
    ])
    expect(memberChanges('alice', 'R1', 'img', [row(id, 'pending', 't1')]).size).toBe(0)
  },
)
