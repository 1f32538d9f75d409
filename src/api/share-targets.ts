import { PROJECT_ID_PATTERN, UUID_PATTERN } from '~/api/ids'
import { DEFAULT_IMAGE_MEMBER_QUOTA } from '~/api/glance-limits'

/**
 * Which typed project IDs the Share Image dialog sends (§1), checked before anything is sent, and
 * what Glance's answer for each one means.
 */

export type ParsedProjectId =
  { raw: string; ok: true; id: string } | { raw: string; ok: false; message: string }

/**
 * One entry typed into "Project IDs". Glance stores a member ID exactly as sent and compares it
 * exactly, so "ABC…" or a dashed UUID would make a membership that the project's tokens never
 * match. Case and dashes are therefore normalised to Keystone's form (lowercase, no dashes)
 * instead of being refused; anything else is refused with a reason.
 */
export function parseProjectId(raw: string): ParsedProjectId {
  const lower = raw.toLowerCase()
  if (PROJECT_ID_PATTERN.test(lower)) return { raw, ok: true, id: lower }
  if (UUID_PATTERN.test(lower)) return { raw, ok: true, id: lower.replace(/-/g, '') }
  const hexOnly = /^[0-9a-f-]+$/.test(lower)
  const digits = lower.replace(/-/g, '').length
  const message = hexOnly
    ? `has ${digits} hexadecimal digits; a project ID has 32.`
    : /^[\p{L}\p{N}_.@ -]+$/u.test(raw)
      ? 'looks like a name. Glance needs the project’s ID (32 hexadecimal digits), not its name.'
      : 'is not a project ID: a project ID is 32 hexadecimal digits (0–9, a–f).'
  return { raw, ok: false, message }
}

/** The "Project IDs" field: one or many entries separated by spaces, commas, semicolons or new lines. */
export function parseProjectIds(text: string): ParsedProjectId[] {
  return text
    .split(/[\s,;]+/)
    .filter((t) => t !== '')
    .map(parseProjectId)
}

export type ShareTargetVerdict =
  'ready' | 'invalid' | 'duplicate' | 'own-project' | 'already-member' | 'over-quota'

export type ShareTarget = {
  /** As typed. */
  raw: string
  /** Normalised project ID, when the entry is one. */
  id: string | undefined
  verdict: ShareTargetVerdict
  /** Why it will not be sent; empty for 'ready'. */
  message: string
  /** true when it must be fixed before anything is sent; false when it is merely skipped. */
  blocking: boolean
}

export type ShareTargetCheck = {
  targets: ShareTarget[]
  /** The IDs to send, once each, in the order typed. */
  toSend: string[]
  /** Something must be fixed first (a malformed entry, the owner's project, the quota). */
  blocked: boolean
  /** Glance's image_member_quota as assumed or learnt, and the members counted against it. */
  quota: { limit: number; used: number | undefined }
}

/**
 * Checks what was typed against what Glance would do (§1): the form of each ID, repeats, the
 * image's owner (pointless to add), current members (409), and the member quota (413, which counts
 * members in every status). `members` undefined means unknown (not listed yet, or the image is
 * not shared): then the quota counts only the new entries and Glance's 409 stays the judge.
 * A negative quota means unlimited, as in Glance.
 */
export function checkShareTargets(opts: {
  text: string
  owner: string | null
  members?: readonly string[] | undefined
  quota?: number
}): ShareTargetCheck {
  const { owner, members } = opts
  const limit = opts.quota ?? DEFAULT_IMAGE_MEMBER_QUOTA
  const current = new Set(members ?? [])
  const seen = new Set<string>()
  const toSend: string[] = []
  const targets: ShareTarget[] = []
  const used = members?.length ?? 0
  const room = limit < 0 ? Infinity : Math.max(0, limit - used)

  for (const parsed of parseProjectIds(opts.text)) {
    if (!parsed.ok) {
      targets.push({
        raw: parsed.raw,
        id: undefined,
        verdict: 'invalid',
        message: `“${parsed.raw}” ${parsed.message}`,
        blocking: true,
      })
      continue
    }
    const { id, raw } = parsed
    const target = (verdict: ShareTargetVerdict, message: string, blocking: boolean) =>
      targets.push({ raw, id, verdict, message, blocking })
    if (seen.has(id)) {
      target('duplicate', 'Entered more than once: it is shared once.', false)
    } else if (id === owner) {
      seen.add(id)
      target('own-project', 'This is the image’s own project, which has it already.', true)
    } else if (current.has(id)) {
      seen.add(id)
      target('already-member', 'Already a member of this image: it is not sent again.', false)
    } else if (toSend.length >= room) {
      seen.add(id)
      target('over-quota', overQuotaMessage(limit, used), true)
    } else {
      seen.add(id)
      toSend.push(id)
      target('ready', '', false)
    }
  }
  return {
    targets,
    toSend,
    blocked: targets.some((t) => t.blocking),
    quota: { limit, used: members === undefined ? undefined : used },
  }
}

function overQuotaMessage(limit: number, used: number) {
  const room = Math.max(0, limit - used)
  return room === 0
    ? `Over the member quota: the image has ${used} of at most ${limit} members. Remove a member first.`
    : `Over the member quota: the image can have at most ${limit} members and has ${used}, so only ${room} more can be added.`
}

/** Glance's 413 text ends "Attempted: N, Maximum: M:", the only place the quota is disclosed. */
export function memberQuotaFromMessage(message: string): number | undefined {
  const m = /Maximum:\s*(-?\d+)/.exec(message)
  return m?.[1] === undefined ? undefined : Number(m[1])
}

export type ShareOutcome = 'shared' | 'already-member' | 'over-quota' | 'refused' | 'failed'

/** What a POST …/members answer means for that project (§1): 200 pending, 409, 413, 403, other. */
export function shareOutcomeOf(status: number): ShareOutcome {
  if (status >= 200 && status < 300) return 'shared'
  if (status === 409) return 'already-member'
  if (status === 413) return 'over-quota'
  if (status === 403) return 'refused'
  return 'failed'
}
