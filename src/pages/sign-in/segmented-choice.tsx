import { useId, useRef, type KeyboardEvent } from 'react'
import { cn, focusRing } from '~/ui/cn'

/**
 * One of a few choices, as a row of segments: a radio group whose radios are buttons named by
 * their words (as Radix's RadioGroup renders them). Not native radios with <label>s, on purpose:
 * the choice "Password" would then be a second field labelled Password beside the password
 * field itself. Arrow keys, Home and End move and choose; Tab enters at the chosen one.
 */
export function SegmentedChoice<T extends string>({
  label,
  options,
  value,
  onChange,
  className,
}: {
  label: string
  options: readonly { value: T; label: string }[]
  value: T
  onChange: (value: T) => void
  className?: string
}) {
  const labelId = useId()
  const group = useRef<HTMLDivElement>(null)

  function onKeyDown(e: KeyboardEvent<HTMLButtonElement>, index: number) {
    const last = options.length - 1
    const to =
      e.key === 'ArrowRight' || e.key === 'ArrowDown'
        ? index === last
          ? 0
          : index + 1
        : e.key === 'ArrowLeft' || e.key === 'ArrowUp'
          ? index === 0
            ? last
            : index - 1
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? last
              : null
    const option = to === null ? undefined : options[to]
    if (to === null || !option) return
    e.preventDefault()
    onChange(option.value)
    group.current?.querySelectorAll<HTMLButtonElement>('[role="radio"]')[to]?.focus()
  }

  return (
    <div className={cn('flex flex-col gap-1.5', className)}>
      <span id={labelId} className="text-sm font-medium text-gray-900">
        {label}
      </span>
      <div
        ref={group}
        role="radiogroup"
        aria-labelledby={labelId}
        className="grid auto-cols-fr grid-flow-col gap-1 rounded-md border border-gray-300 bg-gray-100 p-1"
      >
        {options.map((option, index) => {
          const checked = option.value === value
          return (
            <button
              key={option.value}
              type="button"
              role="radio"
              aria-checked={checked}
              tabIndex={checked ? 0 : -1}
              onClick={() => onChange(option.value)}
              onKeyDown={(e) => onKeyDown(e, index)}
              className={cn(
                'min-h-9 cursor-pointer rounded px-2 py-1 text-center text-sm leading-tight font-medium',
                checked
                  ? 'bg-white text-gray-900 shadow-sm ring-1 ring-gray-300'
                  : 'text-gray-700 hover:bg-gray-200 hover:text-gray-900',
                focusRing,
              )}
            >
              {option.label}
            </button>
          )
        })}
      </div>
    </div>
  )
}
