import * as React from 'react'
import { cn } from '~/ui/cn'

/**
 * A primitive that is one element (or Radix part) with fixed classes: its `data-slot` names it in
 * the DOM, and a caller's className goes last so it wins (Oxide's `classed`, shadcn's shape).
 */
export function styled<
  C extends
    | 'div'
    | 'thead'
    | 'tbody'
    | 'tr'
    | 'td'
    | 'caption'
    | 'label'
    | React.JSXElementConstructor<{ className?: string }>,
>(Component: C, slot: string, base: string) {
  function Styled({ className, ...props }: React.ComponentProps<C> & { className?: string }) {
    return React.createElement(Component, {
      'data-slot': slot,
      className: cn(base, className),
      ...props,
    })
  }
  Styled.displayName = slot
  return Styled
}
