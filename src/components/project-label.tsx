import { useQuery } from '@tanstack/react-query'
import { Suspense, useEffect, useState } from 'react'
import { entryOf, noteKeystoneName } from '~/api/address-book'
import { myProjectsQuery, projectQuery } from '~/api/queries'
import { isAdmin } from '~/api/caller'
import { useCaller } from '~/session/use-caller'
import {
  keptNameNote,
  useAddressBook,
  useBookKey,
} from '~/components/address-book/use-address-book'
import { cn, iconButton } from '~/ui/cn'
import { CopyButton } from '~/ui/copy-button'
import { lazyWithPreload } from '~/ui/lazy'

// Loaded when a Name button is first pointed at or pressed: no table waits for the dialog's code.
const NameProjectDialog = lazyWithPreload(
  () => import('~/components/address-book/name-project-dialog'),
)

/** The name Keystone lets us know for a project: one of the user's own, or any for an admin. */
export function useProjectName(id: string): string | undefined {
  return useKeystoneName(id).name
}

/** The name, and whether Keystone may still give one (so a Name button does not flash by). */
function useKeystoneName(id: string): { name: string | undefined; asking: boolean } {
  const { session } = useCaller()
  const mine = useQuery(myProjectsQuery(session))
  const own = mine.data?.find((p) => p.id === id)?.name
  const admin = isAdmin(session)
  // Only the scoped project, or any for an admin: asking about others is a certain 403.
  // Wait for the user's own projects first: they usually name it without another request.
  const askable = id !== '' && !own && (admin || id === session.project?.id)
  const asked = useQuery({ ...projectQuery(session, id), enabled: askable && mine.isFetched })
  const name = own ?? asked.data?.name
  // Once seen, a name stays known in the address book, for when Keystone no longer tells it.
  const key = useBookKey()
  useEffect(() => {
    if (name !== undefined && id !== '') noteKeystoneName(key, id, name)
  }, [key, id, name])
  return { name, asking: !mine.isFetched || (askable && !asked.isFetched) }
}

/**
 * A project as people need it: its name where resolvable, else the user's own name for it from
 * the address book, marked as such; always its ID, with a copy button unless `copy` is false (a
 * list of what was typed, whose IDs are in the field already), and a pencil button ("Name project
 * <id>") where Keystone gives no name.
 */
export function ProjectLabel({ id, copy = true }: { id: string; copy?: boolean }) {
  const { name, asking } = useKeystoneName(id)
  const { key, book } = useAddressBook()
  const kept = entryOf(book, id)
  const [editing, setEditing] = useState(false)
  return (
    <span className="inline-flex flex-wrap items-center gap-x-2">
      {name ? (
        <span className="font-medium">{name}</span>
      ) : (
        kept && (
          <span>
            <span className="font-medium italic">{kept.name}</span>{' '}
            <span className="text-xs text-gray-700">({keptNameNote(kept)})</span>
          </span>
        )
      )}
      <code className="text-xs break-all text-gray-700">{id}</code>
      {copy && <CopyButton value={id} label={`project ID ${id}`} />}
      {name === undefined && !asking && (
        // An icon, as the copy button beside it: the label's text stays the name and the ID.
        <button
          type="button"
          aria-label={`Name project ${id}`}
          className={cn(iconButton, 'size-8')}
          onPointerEnter={() => void NameProjectDialog.preload().catch(() => undefined)}
          onClick={() => {
            setEditing(true)
          }}
        >
          {/* A pencil drawn here, not in ui/icons.tsx: that module loads before the first rows. */}
          <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false" className="size-4 shrink-0">
            <path
              d="M10.5 2.5l3 3-8 8H2.5v-3zM9 4l3 3"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.4"
              strokeLinejoin="round"
            />
          </svg>
        </button>
      )}
      {editing && (
        <Suspense>
          <NameProjectDialog
            id={id}
            bookKey={key}
            entry={kept}
            onClose={() => {
              setEditing(false)
            }}
          />
        </Suspense>
      )}
    </span>
  )
}
