import type { ShareResult } from '~/api/mutations'
import type { ShareOutcome } from '~/api/share-targets'
import type { BadgeTone } from '~/ui/badge'

/** A result row: what was sent (or skipped) for one project, and how it ended. */
export type Reported = ShareResult & { raw: string }

export const outcomeBadge: Record<ShareOutcome, { tone: BadgeTone; label: string }> = {
  shared: { tone: 'success', label: 'Shared (pending)' },
  'already-member': { tone: 'info', label: 'Already a member' },
  'over-quota': { tone: 'warning', label: 'Over quota' },
  refused: { tone: 'danger', label: 'Refused' },
  failed: { tone: 'danger', label: 'Failed' },
}

/** Outcomes after which the project has the image; the others keep their ID in the field. */
export const done = (outcome: ShareOutcome) => outcome === 'shared' || outcome === 'already-member'
