import { useQueryClient } from '@tanstack/react-query'
import { useNavigate } from 'react-router'
import { getRuntime } from '~/config/runtime'
import { signOut, type Session } from '~/session/session'
import { Button } from '~/ui/button'
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '~/ui/dropdown-menu'
import { addToast } from '~/ui/toast'

export function UserMenu({ session }: { session: Session }) {
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const demo = getRuntime().demo

  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="secondary" size="sm" aria-label={`User menu for ${session.user.name}`}>
          {session.user.name}
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        <DropdownMenuLabel>
          <span className="block font-semibold">{session.user.name}</span>
          <span className="block text-xs font-normal text-gray-700">
            Domain {session.user.domainName}
          </span>
          <span className="block text-xs font-normal text-gray-700">
            Project {session.project?.name}
          </span>
          <span className="block text-xs font-normal text-gray-700">
            Roles: {session.roles.length ? session.roles.join(', ') : 'none'}
          </span>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        {demo && (
          <DropdownMenuItem
            onSelect={() => {
              void (async () => {
                await demo.reset()
                await signOut()
                queryClient.clear()
                addToast({ title: 'Demo data reset. Sign in again.', variant: 'success' })
                await navigate('/sign-in')
              })()
            }}
          >
            Reset demo data
          </DropdownMenuItem>
        )}
        <DropdownMenuItem
          onSelect={() => {
            void (async () => {
              await signOut()
              queryClient.clear()
              await navigate('/sign-in')
            })()
          }}
        >
          Sign out
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  )
}
