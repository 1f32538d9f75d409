import * as React from 'react'
import { buttonClassName } from '~/ui/button'
import { cn, iconButton } from '~/ui/cn'
import { CheckIcon, CopyIcon } from '~/ui/icons'

const ANNOUNCE_MS = 2000

/** Legacy path for insecure (http) origins, where navigator.clipboard is undefined. */
function copyWithTextarea(value: string) {
  const previousFocus = document.activeElement
  const textarea = document.createElement('textarea')
  textarea.value = value
  textarea.setAttribute('readonly', '')
  textarea.setAttribute('aria-hidden', 'true')
  // Off-screen rather than display:none, which can't be selected.
  textarea.style.position = 'fixed'
  textarea.style.top = '0'
  textarea.style.left = '-9999px'
  textarea.style.opacity = '0'
  document.body.append(textarea)
  textarea.focus()
  textarea.select()
  let ok = false
  try {
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- the only option without the async Clipboard API
    ok = document.execCommand('copy')
  } finally {
    textarea.remove()
    // select() stole focus; give it back so keyboard users stay on the button.
    if (previousFocus instanceof HTMLElement) previousFocus.focus()
  }
  return ok
}

/** Puts `value` on the clipboard; false when the browser refused. */
export async function copyText(value: string) {
  if (typeof navigator !== 'undefined' && navigator.clipboard?.writeText) {
    try {
      await navigator.clipboard.writeText(value)
      return true
    } catch {
      // Permission denied or document not focused: the legacy path may still work.
    }
  }
  return copyWithTextarea(value)
}

export type CopyButtonProps = Omit<React.ComponentProps<'button'>, 'value' | 'children'> & {
  value: string
  /** What is copied, e.g. "image ID"; the button is named "Copy image ID". */
  label: string
  /** Words shown on the button instead of the icon alone; then they are its name. */
  text?: string
}

export function CopyButton({ value, label, text, className, onClick, ...props }: CopyButtonProps) {
  const [status, setStatus] = React.useState<'idle' | 'copied' | 'failed'>('idle')
  const timer = React.useRef<ReturnType<typeof setTimeout>>(undefined)

  React.useEffect(
    () => () => {
      clearTimeout(timer.current)
    },
    [],
  )

  async function handleClick(event: React.MouseEvent<HTMLButtonElement>) {
    onClick?.(event)
    if (event.defaultPrevented) return
    const ok = await copyText(value).catch(() => false)
    setStatus(ok ? 'copied' : 'failed')
    clearTimeout(timer.current)
    timer.current = setTimeout(() => {
      setStatus('idle')
    }, ANNOUNCE_MS)
  }

  return (
    <>
      <button
        data-slot="copy-button"
        type="button"
        aria-label={text === undefined ? `Copy ${label}` : undefined}
        onClick={(event) => void handleClick(event)}
        className={
          text === undefined
            ? cn(
                iconButton,
                'size-8',
                status === 'copied' && 'text-green-700 hover:text-green-800',
                className,
              )
            : buttonClassName({ variant: 'secondary', size: 'sm', className })
        }
        {...props}
      >
        {status === 'copied' ? <CheckIcon /> : <CopyIcon />}
        {text}
      </button>
      {/* Always mounted so screen readers are already watching it when the text changes. */}
      <span data-slot="copy-button-status" aria-live="polite" className="sr-only">
        {status === 'copied' ? 'Copied' : status === 'failed' ? 'Copy failed' : ''}
      </span>
    </>
  )
}

/** An ID shown in full with its copy button ("Copy <label>"), as every detail list shows one. */
export function CopyableId({ value, label }: { value: string; label: string }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <code className="break-all">{value}</code>
      <CopyButton value={value} label={label} />
    </span>
  )
}
