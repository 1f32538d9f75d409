import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useId, useState, type SyntheticEvent } from 'react'
import { useNavigate } from 'react-router'
import { describeError } from '~/api/describe-error'
import { normaliseUuid } from '~/api/ids'
import { imageDetailQuery } from '~/api/queries'
import { regionsOf } from '~/api/scope'
import { useSession } from '~/session/session'
import { paths } from '~/util/paths'
import { Button } from '~/ui/button'
import { Input, Label } from '~/ui/field'

const EXAMPLE_ID = '3f0c2b8e-1d4a-4c55-9a7e-2b6f0d9e4a11'

/**
 * The image ID in the text as Glance writes it (a lowercase UUID with dashes), or null. Copies
 * come with spaces around, in capitals, or without dashes; Glance would not find those as typed.
 */
export function parseImageId(text: string): string | null {
  return normaliseUuid(text.trim())
}

/**
 * Opens any image the project may use by its ID, whatever its membership status: Glance shows a
 * pending or rejected share by ID though it lists it nowhere. The text stays on any error.
 */
export function OpenImageById() {
  const session = useSession()
  const qc = useQueryClient()
  const navigate = useNavigate()
  const [text, setText] = useState('')
  // The text's own fault, found before Glance is asked.
  const [malformed, setMalformed] = useState<string | null>(null)
  const open = useMutation({
    mutationFn: (id: string) => qc.query(imageDetailQuery(session, regionsOf(session), id)),
    onSuccess: (found) => navigate(paths.image(found.image.id, found.region)),
  })
  const error =
    malformed ??
    (open.isError
      ? describeError(open.error, {
          action: 'open-image',
          imageId: open.variables ?? '',
          project: session.project?.name ?? '',
        })
      : null)
  const inputId = useId()
  const errorId = useId()

  const submit = (e: SyntheticEvent) => {
    e.preventDefault()
    // Enter in the field submits even while the button is busy.
    if (open.isPending) return
    const id = parseImageId(text)
    setMalformed(
      id === null
        ? `${text.trim() === '' ? 'Enter an image ID' : `“${text.trim()}” is not an image ID`}: an image ID is a UUID, 32 hexadecimal digits with dashes, like ${EXAMPLE_ID}.`
        : null,
    )
    if (id === null) open.reset()
    else open.mutate(id)
  }

  return (
    <form onSubmit={submit} className="flex w-full flex-col gap-1.5 sm:w-auto">
      <Label htmlFor={inputId}>Open image by ID</Label>
      <div className="flex gap-2">
        <Input
          id={inputId}
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          className="min-w-0 flex-1 font-mono sm:w-80 sm:flex-none"
          spellCheck={false}
          autoComplete="off"
        />
        <Button type="submit" variant="secondary" loading={open.isPending}>
          Open
        </Button>
      </div>
      {error && (
        <p id={errorId} role="alert" className="max-w-md text-sm text-red-800">
          {error}
        </p>
      )}
    </form>
  )
}
