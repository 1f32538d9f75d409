import type * as React from 'react'
import { cn } from '~/ui/cn'
import type { StatusVariant } from '~/ui/tone'

type IconProps = Omit<React.ComponentProps<'svg'>, 'children'>

/** Every icon is decoration next to words, so it is hidden from assistive technology. */
function Icon({ className, viewBox = '0 0 16 16', ...props }: React.ComponentProps<'svg'>) {
  return (
    <svg
      viewBox={viewBox}
      aria-hidden="true"
      focusable="false"
      className={cn('overridable:size-4 shrink-0', className)}
      {...props}
    />
  )
}

/** Round-capped strokes in the text colour, the line style of most icons here. */
const line = (width: number) =>
  ({
    fill: 'none',
    stroke: 'currentColor',
    strokeWidth: width,
    strokeLinecap: 'round',
    strokeLinejoin: 'round',
  }) as const

const statusMarks: Record<StatusVariant, string> = {
  info: 'M10 9v5M10 6v.5',
  success: 'M6.5 10.5l2.5 2.5 4.5-5',
  warning: 'M10 6v5M10 14v.5',
  error: 'M7 7l6 6M13 7l-6 6',
}

/** A ringed mark for alerts, toasts and banners: i, tick, ! or ×. */
export function StatusIcon({ variant, className }: { variant: StatusVariant; className?: string }) {
  return (
    <Icon viewBox="0 0 20 20" className={cn('size-5', className)}>
      <circle cx="10" cy="10" r="8.25" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path d={statusMarks[variant]} {...line(1.75)} />
    </Icon>
  )
}

/** A filled "!" beside a field's error message. */
export function ErrorIcon(props: IconProps) {
  return (
    <Icon {...props}>
      <circle cx="8" cy="8" r="7" fill="currentColor" />
      <path d="M8 4.5v4M8 11v.5" stroke="white" strokeWidth="1.6" strokeLinecap="round" />
    </Icon>
  )
}

/** An icon drawn as one path in round-capped strokes. */
const lineIcon = (d: string, width: number) =>
  function LineIcon(props: IconProps) {
    return (
      <Icon {...props}>
        <path d={d} {...line(width)} />
      </Icon>
    )
  }

export const ChevronDownIcon = lineIcon('M4 6l4 4 4-4', 1.5)
export const CheckIcon = lineIcon('M3 8.5l3 3 7-7', 2)
/** The "some are chosen" mark of a checkbox. */
export const MinusIcon = lineIcon('M4 8h8', 2)

export function CopyIcon(props: IconProps) {
  return (
    <Icon {...props}>
      <rect
        x="5.5"
        y="5.5"
        width="8"
        height="8"
        rx="1.5"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
      />
      <path
        d="M10.5 3.5v-.5a1 1 0 0 0-1-1h-6a1 1 0 0 0-1 1v6a1 1 0 0 0 1 1h.5"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
      />
    </Icon>
  )
}

export const CloseIcon = lineIcon('M4 4l8 8M12 4l-8 8', 1.35)

/** Three dots: "more actions". */
export function DotsIcon(props: IconProps) {
  return (
    <Icon {...props}>
      <circle cx="3" cy="8" r="1.5" fill="currentColor" />
      <circle cx="8" cy="8" r="1.5" fill="currentColor" />
      <circle cx="13" cy="8" r="1.5" fill="currentColor" />
    </Icon>
  )
}

/** Decorative spinning ring; pair it with text, or use Spinner, which says "Loading". */
export function SpinnerIcon({ className, ...props }: IconProps) {
  return (
    <Icon
      data-slot="spinner-icon"
      viewBox="0 0 24 24"
      fill="none"
      className={cn('animate-spin', className)}
      {...props}
    >
      <circle cx="12" cy="12" r="9" stroke="currentColor" strokeOpacity="0.25" strokeWidth="3" />
      <path d="M21 12a9 9 0 0 0-9-9" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
    </Icon>
  )
}
