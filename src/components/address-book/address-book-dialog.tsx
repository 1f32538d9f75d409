import { useRef, useState, type SyntheticEvent } from 'react'
import {
  BOOK_MAX,
  cleanName,
  entryOf,
  mergeEntries,
  NAME_MAX,
  nameProject,
  type BookEntry,
  type MergeResult,
} from '~/api/address-book'
import { BOOK_FILE_MAX_BYTES, bookFileText, parseBookFile } from '~/api/address-book-file'
import { parseProjectId } from '~/api/share-targets'
import { useCaller } from '~/session/use-caller'
import { Alert } from '~/ui/alert'
import { Button } from '~/ui/button'
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '~/ui/dialog'
import { Input, Label, TextField } from '~/ui/field'
import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from '~/ui/table'
import { downloadText, fileSafe } from '~/util/export-file'
import { countOf, formatDate, pluralWord } from '~/util/format'
import { NOT_SAVED, useReturnFocus } from './name-project-dialog'
import { keptNameNote, useAddressBook } from './use-address-book'

type Outcome =
  { ok: true; text: string; heed?: boolean } | { ok: false; title: string; text: string }

const byName = ([, a]: [string, BookEntry], [, b]: [string, BookEntry]) =>
  a.name.localeCompare(b.name, 'en', { sensitivity: 'base' })

/** Names of the user's own that an import replaced, named up to this many. */
const REPLACED_NAMED = 3

function importSummary(file: string, r: MergeResult) {
  const parts = [
    `${String(r.added)} added`,
    `${String(r.updated)} updated`,
    ...(r.unchanged ? [`${String(r.unchanged)} already known`] : []),
  ]
  const yours = r.replacedYours
  const named = yours.slice(0, REPLACED_NAMED).map((n) => `“${n.was}” is now “${n.now}”`)
  const more = yours.length - named.length
  return [
    `Imported ${file}: ${parts.join(', ')}.`,
    ...(yours.length
      ? [
          `It replaced ${countOf(yours.length, 'name')} of your own: ${named.join('; ')}${more ? `; and ${String(more)} more` : ''}.`,
        ]
      : []),
    ...(r.notImported
      ? [
          `${countOf(r.notImported, 'name')} ${pluralWord(r.notImported, 'was', 'were')} not imported: the book keeps at most ${countOf(BOOK_MAX, 'name')}.`,
        ]
      : []),
  ].join(' ')
}

/**
 * Every name the user keeps for project IDs (src/api/address-book.ts): add, change, delete, and
 * save to or read from a JSON file. Opened from the user menu; its code loads on first opening.
 */
export default function AddressBookDialog({
  onClose,
  returnFocusTo,
}: {
  onClose: () => void
  /** Where focus goes on closing, e.g. the menu button whose item (now gone) opened it. */
  returnFocusTo?: HTMLElement | null
}) {
  const { session } = useCaller()
  const { key, book } = useAddressBook()
  const returnFocus = useReturnFocus(returnFocusTo)
  const [projectId, setProjectId] = useState('')
  const [name, setName] = useState('')
  const [errors, setErrors] = useState<{ id?: string; name?: string }>({})
  const [outcome, setOutcome] = useState<Outcome>()
  const idRef = useRef<HTMLInputElement>(null)
  const nameRef = useRef<HTMLInputElement>(null)
  const entries = Object.entries(book).sort(byName)

  const add = (event: SyntheticEvent) => {
    event.preventDefault()
    const id = parseProjectId(projectId.trim())
    const next = {
      id: id.ok ? undefined : projectId.trim() === '' ? 'Enter a project ID.' : `It ${id.message}`,
      name:
        cleanName(name) === ''
          ? 'Enter a name.'
          : cleanName(name).length > NAME_MAX
            ? `A name has at most ${String(NAME_MAX)} characters.`
            : undefined,
    }
    setErrors(next)
    if (next.id) idRef.current?.focus()
    else if (next.name) nameRef.current?.focus()
    if (!id.ok || next.name) return
    const had = entryOf(book, id.id)
    if (!nameProject(key, id.id, name)) {
      setOutcome({ ok: false, title: 'Not saved', text: NOT_SAVED })
      return
    }
    setOutcome({
      ok: true,
      text: `${had ? 'Changed' : 'Added'} ${cleanName(name)} for ${id.id}.`,
    })
    setProjectId('')
    setName('')
  }

  const importFile = async (file: File) => {
    const refuse = (reason: string) => {
      setOutcome({
        ok: false,
        title: 'Not imported',
        text: `${file.name} was not imported: ${reason}. Nothing was changed.`,
      })
    }
    if (file.size > BOOK_FILE_MAX_BYTES) {
      refuse('it is too big to be a list of project names')
      return
    }
    const parsed = parseBookFile(await file.text())
    if (!parsed.ok) {
      refuse(parsed.reason)
      return
    }
    const result = mergeEntries(key, parsed.entries)
    if (!result.saved)
      refuse('your browser did not save the names: its storage is full or turned off')
    else
      setOutcome({
        ok: true,
        text: importSummary(file.name, result),
        // Names of the user's own replaced, or some left out: worth a look, not a success alone.
        heed: result.replacedYours.length > 0 || result.notImported > 0,
      })
  }

  return (
    <Dialog
      open
      onOpenChange={(open) => {
        if (!open) onClose()
      }}
    >
      <DialogContent className="max-w-3xl" onCloseAutoFocus={returnFocus}>
        <DialogHeader>
          <DialogTitle>Project names</DialogTitle>
          <DialogDescription>
            Your names for project IDs, kept in this browser for {session.user.name} alone. Where
            Keystone gives a project’s name, that name is shown instead; “(your name)” marks one you
            gave, “(seen earlier)” one Keystone gave before (every name the panel reads from
            Keystone is added by itself), “(imported)” one from a file.
          </DialogDescription>
        </DialogHeader>

        <form className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-start" onSubmit={add}>
          <TextField
            ref={idRef}
            label="Project ID"
            value={projectId}
            autoComplete="off"
            spellCheck={false}
            error={errors.id}
            onChange={(event) => {
              setProjectId(event.target.value)
            }}
          />
          <TextField
            ref={nameRef}
            label="Name"
            value={name}
            autoComplete="off"
            error={errors.name}
            onChange={(event) => {
              setName(event.target.value)
            }}
          />
          <Button type="submit" className="sm:mt-7">
            Save name
          </Button>
        </form>

        {outcome &&
          (outcome.ok ? (
            <Alert variant={outcome.heed ? 'warning' : 'success'}>{outcome.text}</Alert>
          ) : (
            <Alert variant="error" title={outcome.title}>
              {outcome.text}
            </Alert>
          ))}

        <Table>
          <TableCaption>
            {entries.length === 0
              ? 'No names yet: name a project with the Name button beside its ID, or above.'
              : countOf(entries.length, 'name')}
          </TableCaption>
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead>Project ID</TableHead>
              <TableHead>Changed</TableHead>
              <TableHead>
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {entries.map(([id, entry]) => (
              <TableRow key={id}>
                <TableCell>
                  <span className="font-medium italic">{entry.name}</span>{' '}
                  <span className="text-xs text-gray-700">({keptNameNote(entry)})</span>
                </TableCell>
                <TableCell>
                  <code className="text-xs break-all">{id}</code>
                </TableCell>
                <TableCell className="whitespace-nowrap">{formatDate(entry.updated)}</TableCell>
                <TableCell className="whitespace-nowrap">
                  <Button
                    variant="ghost"
                    size="sm"
                    aria-label={`Edit name for project ${id}`}
                    onClick={() => {
                      setProjectId(id)
                      setName(entry.name)
                      setErrors({})
                      nameRef.current?.focus()
                    }}
                  >
                    Edit
                  </Button>
                  <Button
                    variant="ghost"
                    size="sm"
                    aria-label={`Delete name for project ${id}`}
                    onClick={() => {
                      if (nameProject(key, id, ''))
                        setOutcome({ ok: true, text: `Deleted ${entry.name} (${id}).` })
                      else setOutcome({ ok: false, title: 'Not deleted', text: NOT_SAVED })
                      // The row and its button are gone: keep the keyboard in the dialog.
                      idRef.current?.focus()
                    }}
                  >
                    Delete
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>

        <div className="flex flex-wrap items-end gap-3 border-t border-gray-200 pt-4">
          <Button
            variant="secondary"
            disabled={entries.length === 0}
            onClick={() => {
              downloadText(
                `project-names-${fileSafe(session.user.name, 'user')}.json`,
                bookFileText(book),
                'application/json;charset=utf-8',
              )
            }}
          >
            Export
          </Button>
          <div className="flex flex-col gap-1.5">
            <Label htmlFor="address-book-import">Import names from a file</Label>
            <Input
              id="address-book-import"
              type="file"
              accept=".json,application/json"
              className="h-auto py-1.5"
              aria-describedby="address-book-import-hint"
              onChange={(event) => {
                const file = event.target.files?.[0]
                // Cleared, so choosing the same file again (after fixing it) imports it again.
                event.target.value = ''
                if (file) void importFile(file)
              }}
            />
            <p id="address-book-import-hint" className="text-sm text-gray-600">
              A file saved with Export, here or in another browser (up to{' '}
              {countOf(BOOK_MAX, 'name')} in all). Its names are added as “(imported)”; a name for
              an ID already here replaces it, and the report says which of your own it replaced.
            </p>
          </div>
        </div>
      </DialogContent>
    </Dialog>
  )
}
