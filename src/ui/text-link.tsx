import type * as React from 'react'
import { cn, focusRing } from '~/ui/cn'

export type TextLinkStyle = {
  /** `hover`: underlined only under the pointer, for links that are already obvious (a list's names). */
  underline?: 'always' | 'hover'
  className?: string | undefined
}

/** The panel's one link look; a router link takes it through RouterTextLink (src/components). */
export function textLinkClassName({ underline = 'always', className }: TextLinkStyle = {}) {
  return cn(
    'text-blue-700 underline-offset-2',
    underline === 'always' ? 'underline' : 'hover:underline',
    focusRing,
    className,
  )
}

/** A link within text to a page outside the panel (documentation, another console). */
export function TextLink({
  underline,
  className,
  children,
  ...props
}: Omit<React.ComponentProps<'a'>, 'className'> & TextLinkStyle) {
  return (
    <a data-slot="text-link" className={textLinkClassName({ underline, className })} {...props}>
      {children}
    </a>
  )
}
