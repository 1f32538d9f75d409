import { useQueryClient } from '@tanstack/react-query'
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
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const inputId = useId()
  const errorId = useId()

  const submit = async (e: SyntheticEvent) => {
    e.preventDefault()
    // Enter in the field submits even while the button is busy.
    if (busy) return
    const id = parseImageId(text)
    if (id === null) {
      setError(
        `${text.trim() === '' ? 'Enter an image ID' : `“${text.trim()}” is not an image ID`}: an image ID is a UUID, 32 hexadecimal digits with dashes, like ${EXAMPLE_ID}.`,
      )
      return
    }
    setBusy(true)
    setError(null)
    try {
      const found = await qc.query(imageDetailQuery(session, regionsOf(session), id))
      void navigate(paths.image(found.image.id, found.region))
    } catch (err) {
      setError(
        describeError(err, {
          action: 'open-image',
          imageId: id,
          project: session.project?.name ?? '',
        }),
      )
    } finally {
      setBusy(false)
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} className="flex flex-col gap-1.5">
      <Label htmlFor={inputId}>Open image by ID</Label>
      <div className="flex gap-2">
        <Input
          id={inputId}
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          className="w-80 font-mono"
          spellCheck={false}
          autoComplete="off"
        />
        <Button type="submit" variant="secondary" loading={busy}>
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
