import { Button, type ButtonProps } from '~/ui/button'

/** The header's button, named for the signed-in user, that opens the user menu. */
export function UserMenuButton({ name, ...props }: ButtonProps & { name: string }) {
  return (
    <Button variant="secondary" size="sm" aria-label={`User menu for ${name}`} {...props}>
      {name}
    </Button>
  )
}
