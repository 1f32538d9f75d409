import { useRef } from 'react'
import type { Answer } from './outcome'

/** Marks a row that can still be answered, for the focus to find the next one. */
export const OPEN_ROW = 'data-open'

/**
 * Where focus goes once an answer is in, never to a button that left with its row. Called right
 * after the answer's render is committed (flushSync), so it reads the rows as they are now.
 */
export function useAnswerFocus() {
  const rows = useRef(new Map<string, HTMLTableRowElement>())
  const bulkButtons = useRef(new Map<Answer, HTMLButtonElement>())

  const rowRef = (ref: string) => (el: HTMLTableRowElement | null) => {
    if (!el) return
    rows.current.set(ref, el)
    return () => {
      if (rows.current.get(ref) === el) rows.current.delete(ref)
    }
  }
  const bulkRef = (answer: Answer) => (el: HTMLButtonElement | null) => {
    if (el) bulkButtons.current.set(answer, el)
  }

  /** After a row's answer: the row again if `retry` can be tried again, else the next open row. */
  const afterRow = (ref: string, retry?: Answer) => {
    const tr = rows.current.get(ref)
    const active = document.activeElement
    // The user moved on meanwhile: leave focus where they put it.
    if (!tr || (active && active !== document.body && !tr.contains(active))) return
    const button = (row: Element, answer: Answer | 'later') =>
      row.querySelector<HTMLButtonElement>(`button[name="${answer}"]`)
    if (retry && tr.hasAttribute(OPEN_ROW)) {
      button(tr, retry)?.focus()
      return
    }
    const all = [...(tr.parentElement?.children ?? [])]
    const here = all.indexOf(tr)
    const open = (row: Element) => row.hasAttribute(OPEN_ROW)
    const next = all.slice(here + 1).find(open) ?? all.slice(0, here).findLast(open)
    const target = next ? button(next, 'accept') : tr.querySelector<HTMLElement>('[data-result]')
    target?.focus()
  }

  /** After a bulk answer: back on the button used, not lost with the rows' buttons. */
  const toBulk = (answer: Answer) => bulkButtons.current.get(answer)?.focus()

  return { rowRef, bulkRef, afterRow, toBulk }
}

export type AnswerFocus = ReturnType<typeof useAnswerFocus>
