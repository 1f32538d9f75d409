import { useMutationState, type QueryClient } from '@tanstack/react-query'
import { answerStatus, type ShareAnswer } from './share-answers'
import type { Image, MemberStatus } from './schemas'

// The consumer's answers being sent, read from React Query's mutation cache. Apart from the
// mutation itself (mutations.ts), so that a list can show them without loading the code that sends.

export type AnswerVars = { region: string; image: Image; answer: ShareAnswer }

/** The mutation key of answerShareMutation (mutations.ts). */
export const answerKey = ['members', 'answer'] as const

export type AnswerInFlight = AnswerVars & { status: MemberStatus }

export const answerRef = (region: string, imageId: string) => `${region}/${imageId}`

/** The answers being sent now, by region/image: the optimistic layer every view applies. */
export function useAnswersInFlight(): Map<string, AnswerInFlight> {
  const vars = useMutationState({
    filters: { mutationKey: answerKey, status: 'pending' },
    select: (m) => m.state.variables as AnswerVars | undefined,
  })
  const map = new Map<string, AnswerInFlight>()
  for (const v of vars) {
    if (v) map.set(answerRef(v.region, v.image.id), { ...v, status: answerStatus[v.answer] })
  }
  return map
}

/** Every image answered (or being answered) in this tab lately, by region/image. */
export function answeredRefs(qc: QueryClient): Set<string> {
  const answers = qc.getMutationCache().findAll({ mutationKey: answerKey })
  return new Set(
    answers.flatMap((m) => {
      const v = m.state.variables as AnswerVars | undefined
      return v ? [answerRef(v.region, v.image.id)] : []
    }),
  )
}
