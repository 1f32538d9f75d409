import { describeError, failureOf } from '~/api/describe-error'
import { isApiError } from '~/api/http'

export type Answer = 'accept' | 'reject'

/** What became of a row on this page. */
export type Outcome =
  | { kind: 'accepted' | 'rejected' | 'later' }
  | { kind: 'failed'; answer: Answer; message: string; gone: boolean }

export const answered: Record<Answer, 'accepted' | 'rejected'> = {
  accept: 'accepted',
  reject: 'rejected',
}

export function failure(answer: Answer, e: unknown): Outcome {
  const gone = isApiError(e) && failureOf(e.status) === 'gone'
  return { kind: 'failed', answer, message: describeError(e, { action: 'answer-share' }), gone }
}

/** Done with: answered, or gone for good. A row left for later or refused may be answered again. */
export const settles = (o: Outcome | undefined) =>
  o?.kind === 'accepted' || o?.kind === 'rejected' || (o?.kind === 'failed' && o.gone)

export function bulkSummary(answer: Answer, outcomes: readonly Outcome[]): string {
  const done = outcomes.filter((o) => o.kind !== 'failed').length
  const failed = outcomes.filter((o) => o.kind === 'failed')
  const gone = failed.filter((o) => o.kind === 'failed' && o.gone).length
  const parts = [`${String(done)} ${answered[answer]}`]
  if (failed.length > 0) parts.push(`${String(failed.length)} failed`)
  let text = `${parts.join(', ')}.`
  if (gone > 0) text += ` ${String(gone)} no longer shared with you.`
  if (failed.length > gone) text += ' The failed ones stay selected: try again.'
  return text
}
