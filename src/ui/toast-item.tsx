import * as React from 'react'
import { cn, focusRing, iconButton } from '~/ui/cn'
import { CloseIcon, StatusIcon } from '~/ui/icons'
import { dismissToast, type Toast } from '~/ui/toast-store'
import { variantTone } from '~/ui/tone'

/** One toast: counts down to dismissal, paused while hovered or focused. */
export default function ToastItem({ toast }: { toast: Toast }) {
  const [hovered, setHovered] = React.useState(false)
  const [focused, setFocused] = React.useState(false)
  const remaining = React.useRef(toast.durationMs)
  const paused = hovered || focused

  // Runs the countdown only while unpaused; on pause the elapsed time is subtracted so resuming
  // continues where it left off instead of starting over.
  React.useEffect(() => {
    if (paused || !Number.isFinite(remaining.current)) return
    const startedAt = Date.now()
    const timer = setTimeout(() => {
      dismissToast(toast.id)
    }, remaining.current)
    return () => {
      clearTimeout(timer)
      remaining.current = Math.max(0, remaining.current - (Date.now() - startedAt))
    }
  }, [paused, toast.id])

  const tone = variantTone(toast.variant)

  return (
    <li
      data-slot="toast"
      data-variant={toast.variant}
      onPointerEnter={() => {
        setHovered(true)
      }}
      onPointerLeave={() => {
        setHovered(false)
      }}
      onFocus={() => {
        setFocused(true)
      }}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget)) setFocused(false)
      }}
      className={cn(
        'animate-pop-in pointer-events-auto flex items-start gap-3 rounded-lg border border-l-4 bg-white p-4 text-sm shadow-lg',
        tone.edge,
      )}
    >
      <StatusIcon variant={toast.variant} className={tone.icon} />
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        <p className="font-semibold text-gray-900">{toast.title}</p>
        {toast.description ? <p className="text-gray-700">{toast.description}</p> : null}
        {toast.action ? (
          <div className="mt-1">
            <button
              type="button"
              onClick={() => {
                toast.action?.onClick()
                dismissToast(toast.id)
              }}
              className={cn(
                'cursor-pointer rounded-md border border-gray-300 bg-white px-2.5 py-1 text-sm font-medium text-gray-900 hover:bg-gray-50',
                focusRing,
              )}
            >
              {toast.action.label}
            </button>
          </div>
        ) : null}
      </div>
      <button
        type="button"
        aria-label="Dismiss"
        onClick={() => {
          dismissToast(toast.id)
        }}
        className={cn(iconButton, '-m-1 size-7')}
      >
        <CloseIcon />
      </button>
    </li>
  )
}

/**
 * Keeps toasts off the controls: the page gets room below its end for the stack (so anything can
 * be scrolled out from under it), and the control in use is scrolled clear when a toast lands on it.
 */
export function StayClear({
  section,
  count,
}: {
  section: React.RefObject<HTMLElement | null>
  count: number
}) {
  React.useLayoutEffect(() => {
    const box = section.current
    if (!box) return
    const place = () => {
      const height = box.getBoundingClientRect().height
      document.body.style.paddingBottom = height === 0 ? '' : `${String(Math.ceil(height) + 16)}px`
      const active = document.activeElement
      if (height === 0 || !(active instanceof HTMLElement) || box.contains(active)) return
      const control = active.getBoundingClientRect()
      const stack = box.getBoundingClientRect()
      const under =
        control.bottom > stack.top &&
        control.top < stack.bottom &&
        control.right > stack.left &&
        control.left < stack.right
      if (under) window.scrollBy({ top: control.bottom - stack.top + 8 })
    }
    place()
    const observer = new ResizeObserver(place)
    observer.observe(box)
    return () => {
      observer.disconnect()
      document.body.style.paddingBottom = ''
    }
  }, [section, count])
  return null
}
