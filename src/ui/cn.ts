import { clsx, type ClassValue } from 'clsx'

/**
 * Joins class names. It does not resolve conflicts: a primitive marks each default a caller may
 * replace as `overridable:` (src/index.css), and never sets the same property twice itself.
 */
export function cn(...inputs: ClassValue[]) {
  return clsx(inputs)
}

/** One focus ring for every interactive primitive, so keyboard focus looks the same everywhere. */
export const focusRing =
  'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600'

/** A square, borderless button holding one icon (close, dismiss, copy); the caller sets its size. */
export const iconButton = cn(
  'inline-flex shrink-0 cursor-pointer items-center justify-center rounded-md overridable:text-gray-600 hover:bg-gray-100 overridable:hover:text-gray-900',
  focusRing,
)

/** The box of every form control (input, textarea, select), so fields line up and look alike. */
export const fieldBox =
  'overridable:w-full min-w-0 rounded-md border border-gray-500 bg-white text-sm text-gray-900 shadow-xs disabled:cursor-not-allowed disabled:bg-gray-100 disabled:text-gray-600 aria-invalid:border-red-700'

/** The box of every dialog (Dialog and ConfirmDialog), centred and scrolling within the viewport. */
export function dialogPanelClassName(className?: string) {
  return cn(
    'fixed top-1/2 left-1/2 z-50 grid w-[calc(100%-2rem)] overridable:max-w-lg -translate-x-1/2 -translate-y-1/2 gap-4',
    'max-h-[calc(100dvh-2rem)] animate-pop-in overflow-y-auto rounded-lg bg-white p-6 text-gray-900 shadow-xl',
    'focus:outline-none',
    className,
  )
}
