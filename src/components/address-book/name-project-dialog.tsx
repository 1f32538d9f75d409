import { useRef, useState } from 'react'
import { cleanName, NAME_MAX, nameProject, type BookEntry } from '~/api/address-book'
import { Button } from '~/ui/button'
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '~/ui/dialog'
import { TextField } from '~/ui/field'

export const NOT_SAVED = 'Your browser did not save it: its storage is full or turned off.'

/**
 * Focus goes back to `to`, or to what had focus when the dialog opened: a dialog without a
 * DialogTrigger would otherwise leave it on the page's body.
 */
export function useReturnFocus(to?: HTMLElement | null) {
  const opener = useRef(to ?? document.activeElement)
  return (event: Event) => {
    event.preventDefault()
    const target = opener.current
    if (target instanceof HTMLElement && target.isConnected) target.focus()
  }
}

/** Sets, changes or forgets the user's own name for one project ID (ProjectLabel's Name button). */
export default function NameProjectDialog({
  id,
  bookKey,
  entry,
  onClose,
}: {
  id: string
  bookKey: string
  entry: BookEntry | undefined
  onClose: () => void
}) {
  const [name, setName] = useState(entry?.name ?? '')
  const [error, setError] = useState<string>()
  const returnFocus = useReturnFocus()

  const save = (value: string) => {
    if (cleanName(value).length > NAME_MAX) {
      setError(`A name has at most ${String(NAME_MAX)} characters.`)
      return
    }
    if (nameProject(bookKey, id, value)) onClose()
    else setError(NOT_SAVED)
  }

  return (
    <Dialog
      open
      onOpenChange={(open) => {
        if (!open) onClose()
      }}
    >
      <DialogContent onCloseAutoFocus={returnFocus}>
        <DialogHeader>
          <DialogTitle>Name project</DialogTitle>
          <DialogDescription>
            Keystone does not tell you the name of project <code className="break-all">{id}</code>.
            Give it one of your own: it is kept in this browser for you alone and shown as “(your
            name)”.
          </DialogDescription>
        </DialogHeader>
        <form
          className="grid gap-4"
          onSubmit={(event) => {
            event.preventDefault()
            save(name)
          }}
        >
          <TextField
            label="Your name for this project"
            hint={entry ? 'Empty it to forget the name.' : undefined}
            value={name}
            autoComplete="off"
            error={error}
            onChange={(event) => {
              setName(event.target.value)
              setError(undefined)
            }}
          />
          <DialogFooter>
            {entry && (
              <Button
                type="button"
                variant="secondary"
                onClick={() => {
                  save('')
                }}
              >
                Forget name
              </Button>
            )}
            <DialogClose asChild>
              <Button type="button" variant="secondary">
                Cancel
              </Button>
            </DialogClose>
            <Button type="submit">Save</Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  )
}
