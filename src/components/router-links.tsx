import { Link, type LinkProps } from 'react-router'
import { buttonClassName, type ButtonSize, type ButtonVariant } from '~/ui/button'
import { textLinkClassName, type TextLinkStyle } from '~/ui/text-link'

// Links to the panel's own pages, styled by src/ui, which knows nothing of routing.

/** A link within text to another page of the panel. */
export function RouterTextLink({
  underline,
  className,
  ...props
}: Omit<LinkProps, 'className'> & TextLinkStyle) {
  return (
    <Link
      data-slot="text-link"
      className={textLinkClassName({ underline, className })}
      {...props}
    />
  )
}

/** A link to another page of the panel that looks like a button. */
export function RouterButtonLink({
  variant,
  size,
  className,
  ...props
}: Omit<LinkProps, 'className'> & {
  variant?: ButtonVariant
  size?: ButtonSize
  className?: string
}) {
  return (
    <Link data-slot="button" className={buttonClassName({ variant, size, className })} {...props} />
  )
}
