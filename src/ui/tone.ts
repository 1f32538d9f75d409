/**
 * The one colour scheme for status: badges, alerts, toasts and banners take their classes from
 * here, so "warning" is the same amber everywhere.
 */
export type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger'

/** How alerts and toasts name their tones (status words rather than colours). */
export type StatusVariant = 'info' | 'success' | 'warning' | 'error'

/** Every status variant is the tone of the same name, except that an error is danger. */
const toneOfVariant = (variant: StatusVariant): Tone => (variant === 'error' ? 'danger' : variant)

type ToneClasses = {
  /** A tinted box: border, background and text (Alert, banners). */
  surface: string
  /** The status icon on a surface or a toast. */
  icon: string
  /** A toast's coloured edge on a white card. */
  edge: string
  /** A badge's pill: background, text and ring. */
  pill: string
  /** The dot in a badge. */
  dot: string
}

export const tones = {
  neutral: {
    surface: 'border-gray-200 bg-gray-50 text-gray-900',
    icon: 'text-gray-700',
    edge: 'border-gray-200',
    pill: 'bg-gray-100 text-gray-800 ring-gray-300',
    dot: 'bg-gray-500',
  },
  info: {
    surface: 'border-brand-200 bg-brand-50 text-brand-900',
    icon: 'text-brand-700',
    // An info toast is news, not a status: it keeps the plain card edge.
    edge: 'border-gray-200',
    pill: 'bg-brand-50 text-brand-800 ring-brand-200',
    dot: 'bg-brand-600',
  },
  success: {
    surface: 'border-green-200 bg-green-50 text-green-900',
    icon: 'text-green-700',
    edge: 'border-green-300',
    pill: 'bg-green-50 text-green-800 ring-green-200',
    dot: 'bg-green-600',
  },
  warning: {
    surface: 'border-amber-300 bg-amber-50 text-amber-900',
    icon: 'text-amber-700',
    edge: 'border-amber-400',
    pill: 'bg-amber-50 text-amber-900 ring-amber-300',
    dot: 'bg-amber-500',
  },
  danger: {
    surface: 'border-red-200 bg-red-50 text-red-900',
    icon: 'text-red-700',
    edge: 'border-red-300',
    pill: 'bg-red-50 text-red-800 ring-red-200',
    dot: 'bg-red-600',
  },
} as const satisfies Record<Tone, ToneClasses>

/** The classes of an alert or toast variant. */
export const variantTone = (variant: StatusVariant): ToneClasses => tones[toneOfVariant(variant)]
