import { clsx, type ClassValue } from 'clsx'
import { twMerge } from 'tailwind-merge'

/** Joins class names and lets later Tailwind utilities win, so a caller's className overrides defaults. */
export function cn(...inputs: ClassValue[]) {
  return twMerge(clsx(inputs))
}

/** One focus ring for every interactive primitive, so keyboard focus looks the same everywhere. */
export const focusRing =
  'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600'

/** A square, borderless button holding one icon (close, dismiss, copy); the caller sets its size. */
export const iconButton = cn(
  'inline-flex shrink-0 cursor-pointer items-center justify-center rounded-md text-gray-600 hover:bg-gray-100 hover:text-gray-900',
  focusRing,
)

/** The box of every form control (input, textarea, select), so fields line up and look alike. */
export const fieldBox =
  'w-full min-w-0 rounded-md border border-gray-500 bg-white px-3 text-sm text-gray-900 shadow-xs disabled:cursor-not-allowed disabled:bg-gray-100 disabled:text-gray-600 aria-invalid:border-red-700'
