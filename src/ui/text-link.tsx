import type * as React from 'react'
import { Slot } from 'radix-ui'
import { cn, focusRing } from '~/ui/cn'

export type TextLinkProps = React.ComponentProps<'a'> & {
  /**
   * Style the single child instead of rendering an <a>: pass the router's <Link> here, since
   * src/ui knows nothing of routing.
   */
  asChild?: boolean
  /** `hover`: underlined only under the pointer, for links that are already obvious (a list's names). */
  underline?: 'always' | 'hover'
}

/** A link within text: the panel's one link colour. */
export function TextLink({
  asChild = false,
  underline = 'always',
  className,
  ...props
}: TextLinkProps) {
  const Comp = asChild ? Slot.Root : 'a'
  return (
    <Comp
      data-slot="text-link"
      className={cn(
        'text-blue-700 underline-offset-2',
        underline === 'always' ? 'underline' : 'hover:underline',
        focusRing,
        className,
      )}
      {...props}
    />
  )
}
