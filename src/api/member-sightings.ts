import { ownValue } from '~/util/own'
import type { Member, MemberStatus } from './schemas'

// What this browser knows of member rows beyond Glance: the rows a user last saw in the Image
// Sharing table, and the answers sent from this panel. Glance keeps no record of who set a
// member's status (the project, or an admin for it), so the table can say only this: the row
// changed since you last looked, and whether an answer from this panel explains it.

export type AnsweredBy = 'member' | 'admin'

/** A row that moved since the user last saw it. */
export type MemberChange = {
  was: MemberStatus
  /** Who set the new status, when it was sent from this panel in this browser. */
  by: AnsweredBy | undefined
}

type Sighting = { status: MemberStatus; updated: string; created?: string }
type Answer = Sighting & { by: AnsweredBy }

const SEEN_KEY = (userId: string) => `isp-member-seen:${userId}`
const ANSWERS_KEY = 'isp-member-answers'
/** Images (seen) and rows (answers) kept: the oldest go first. */
const KEEP = 300

const rowKey = (region: string, imageId: string, memberId: string) =>
  `${region}/${imageId}/${memberId}`

function readStore<T>(key: string): Record<string, T> {
  try {
    const raw = localStorage.getItem(key)
    const parsed: unknown = raw === null ? null : JSON.parse(raw)
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, T>) : {}
  } catch {
    return {}
  }
}

/** Writes the store with `entry` last, dropping the oldest beyond KEEP. */
function writeStore<T>(key: string, store: Record<string, T>, name: string, entry: T) {
  const rest = { ...store }
  Reflect.deleteProperty(rest, name)
  const entries = Object.entries({ ...rest, [name]: entry }).slice(-KEEP)
  try {
    localStorage.setItem(key, JSON.stringify(Object.fromEntries(entries)))
  } catch {
    // Storage full or off: the marks are a courtesy, the table works without them.
  }
}

/** An answer this panel sent (by the member itself, or by an admin for it), as Glance returned it. */
export function noteAnswer(region: string, imageId: string, member: Member, by: AnsweredBy) {
  const answer: Answer = { status: member.status, updated: member.updated_at, by }
  writeStore(
    ANSWERS_KEY,
    readStore<Answer>(ANSWERS_KEY),
    rowKey(region, imageId, member.member_id),
    answer,
  )
}

/**
 * The rows whose `updated_at` moved since this user last saw the image's members (read only;
 * rememberSeen records a look). The first look at an image marks nothing: there is nothing to
 * compare with.
 */
export function memberChanges(
  userId: string,
  region: string,
  imageId: string,
  members: readonly Member[],
): Map<string, MemberChange> {
  const before = ownValue(
    readStore<Record<string, Sighting>>(SEEN_KEY(userId)),
    `${region}/${imageId}`,
  )
  const answers = readStore<Answer>(ANSWERS_KEY)
  const changes = new Map<string, MemberChange>()
  for (const m of members) {
    // A member ID is any text: `constructor` must not find Object's.
    const last = before && ownValue(before, m.member_id)
    // A new created_at is a new row (removed and shared again), not a changed answer.
    if (last === undefined || last.updated === m.updated_at || last.created !== m.created_at)
      continue
    const answer = ownValue(answers, rowKey(region, imageId, m.member_id))
    const explained = answer?.updated === m.updated_at && answer.status === m.status
    changes.set(m.member_id, { was: last.status, by: explained ? answer.by : undefined })
  }
  return changes
}

/** Records the rows as this user has now seen them. */
export function rememberSeen(
  userId: string,
  region: string,
  imageId: string,
  members: readonly Member[],
) {
  const now = Object.fromEntries(
    members.map((m): [string, Sighting] => [
      m.member_id,
      { status: m.status, updated: m.updated_at, created: m.created_at },
    ]),
  )
  const key = SEEN_KEY(userId)
  writeStore(key, readStore<Record<string, Sighting>>(key), `${region}/${imageId}`, now)
}

/** Every project this user has seen as a member of any image in the Image Sharing table. */
export function seenMemberIds(userId: string): Set<string> {
  const images = readStore<Record<string, Sighting>>(SEEN_KEY(userId))
  return new Set(Object.values(images).flatMap((rows) => Object.keys(rows)))
}
