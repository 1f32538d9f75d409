import { useSyncExternalStore } from 'react'
import { bookKey, readBook, subscribeBook, type Book, type BookEntry } from '~/api/address-book'
import { getRuntime } from '~/config/runtime'
import { useCaller } from '~/session/use-caller'

/** Where the signed-in user's address book is kept: for writing, with no re-render on changes. */
export function useBookKey() {
  const { session } = useCaller()
  return bookKey(getRuntime().authUrl, session.user.id)
}

/**
 * The signed-in user's address book (project names of their own, src/api/address-book.ts) and
 * its storage key, kept current across this tab and others.
 */
export function useAddressBook(): { key: string; book: Book } {
  const key = useBookKey()
  const book = useSyncExternalStore(
    subscribeBook,
    () => readBook(key),
    () => readBook(key),
  )
  return { key, book }
}

const keptNameNotes = { you: 'your name', keystone: 'seen earlier', file: 'imported' } as const

/** "(your name)", "(seen earlier)", "(imported)": a name from the address book is never verified. */
export const keptNameNote = (entry: BookEntry) => keptNameNotes[entry.source]
