import { inViewWithAnswer, type ImageView, type SharedStatus } from '~/api/images'
import { answerRef, type AnswerInFlight } from '~/api/answers-in-flight'
import type { RegionImage } from '~/api/queries'
import type { MemberStatus } from '~/api/schemas'

/** A row as shown: its membership after any answer being sent now. */
export type ListedRow = RegionImage & { answering?: AnswerInFlight | undefined }

/**
 * The optimistic layer over the loaded rows: while an answer is in flight the row shows its new
 * status, joins or leaves the view accordingly, and an accepted image appears in "All" at once.
 * When Glance refuses, the answer leaves the map and the rows are as Glance says again.
 */
export function withAnswersInFlight(
  rows: readonly RegionImage[],
  inFlight: Map<string, AnswerInFlight>,
  opts: { view: ImageView; status: SharedStatus; regions: readonly string[]; exactName?: string },
): ListedRow[] {
  const { view, status, regions, exactName } = opts
  const seen = new Set<string>()
  const out: ListedRow[] = []
  for (const row of rows) {
    const ref = answerRef(row.region, row.image.id)
    seen.add(ref)
    const answering = inFlight.get(ref)
    const membership: MemberStatus | undefined = answering?.status ?? row.membership
    if (inViewWithAnswer(view, status, membership)) out.push({ ...row, membership, answering })
  }
  if (view !== 'all' && view !== 'shared') return out
  for (const answering of inFlight.values()) {
    const { region, image } = answering
    if (seen.has(answerRef(region, image.id)) || !regions.includes(region)) continue
    if (exactName !== undefined && image.name !== exactName) continue
    if (inViewWithAnswer(view, status, answering.status))
      out.push({ region, image, membership: answering.status, answering })
  }
  return out
}
