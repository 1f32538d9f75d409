import { Button, type ButtonProps } from '~/ui/button'
import { DotsIcon } from '~/ui/icons'

/** The "Actions for <name>" button that opens a row's menu. */
export function RowActionsButton({ name, ...props }: ButtonProps & { name: string }) {
  return (
    <Button variant="ghost" size="sm" aria-label={`Actions for ${name}`} {...props}>
      <DotsIcon />
    </Button>
  )
}
