import { clsx, type ClassValue } from 'clsx'
import { twMerge } from 'tailwind-merge'

/** Joins class names and lets later Tailwind utilities win, so a caller's className overrides defaults. */
export function cn(...inputs: ClassValue[]) {
  return twMerge(clsx(inputs))
}

/** One focus ring for every interactive primitive, so keyboard focus looks the same everywhere. */
export const focusRing =
  'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600'
