import { useNavigate } from 'react-router'
import { getRuntime } from '~/config/runtime'
import { signOut, type SignOutResult } from '~/session/session'
import { useCaller } from '~/session/use-caller'
import { paths } from '~/util/paths'
import { formatDate } from '~/util/format'
import { chooseTheme, storedTheme, themeChoices, type ThemeChoice } from '~/util/theme'
import { UserMenuButton } from '~/components/user-menu-button'
import { ActionMenu, type MenuAction } from '~/ui/action-menu'
import { addToast } from '~/ui/toast-store'
import { copyText } from '~/ui/copy-button'
import { shareRequestText } from '~/components/my-project-id'
import { useAddressBookMenu } from '~/components/address-book/address-book-menu'
import type { OpenOnLoad } from '~/ui/deferred'
import { useState } from 'react'

/** A revocation the cloud did not confirm: the person should know the token still works. */
function noteUnrevoked(result: SignOutResult) {
  if (result.revoked) return
  addToast({
    variant: 'warning',
    title: 'Signed out, but the cloud did not confirm it',
    description: `Keystone could not be told to revoke your token, so it stays valid until it expires${
      result.expiresAt ? ` (${formatDate(result.expiresAt)})` : ''
    }.`,
  })
}

const themeLabels: Record<ThemeChoice, string> = { system: 'System', light: 'Light', dark: 'Dark' }

// Loaded after the page's first render (signed-in-layout.tsx). Sign-out and "another user" clear the query cache through the session store (src/app/session-cache.ts).
export default function UserMenu({ defaultOpen }: { defaultOpen: OpenOnLoad }) {
  const { session } = useCaller()
  const navigate = useNavigate()
  const demo = getRuntime().demo
  const [theme, setTheme] = useState(storedTheme)
  const addressBook = useAddressBookMenu()

  const projectId = session.project?.id
  const copyAction = (label: string, value: string, done: string): MenuAction => ({
    label,
    onSelect: () => {
      void copyText(value).then((ok) => {
        addToast(
          ok
            ? { title: done, variant: 'success' }
            : {
                title: 'The browser did not let the panel copy',
                variant: 'warning',
                description: value,
              },
        )
      })
    },
  })

  const actions: MenuAction[] = [
    ...(projectId
      ? [
          copyAction('Copy project ID', projectId, 'Project ID copied'),
          copyAction(
            'Copy share request',
            shareRequestText(session),
            'Share request copied: send it to the producer',
          ),
        ]
      : []),
    addressBook.action,
    ...(demo
      ? [
          {
            label: 'Reset demo data',
            onSelect: () => {
              void (async () => {
                await demo.reset()
                await signOut()
                addToast({ title: 'Demo data reset. Sign in again.', variant: 'success' })
                await navigate(paths.signIn())
              })()
            },
          },
        ]
      : []),
    {
      label: 'Sign out',
      onSelect: () => {
        void (async () => {
          const result = signOut()
          await navigate(paths.signIn())
          noteUnrevoked(await result)
        })()
      },
    },
    {
      choice: 'Theme',
      value: theme,
      options: themeChoices.map((value) => ({ value, label: themeLabels[value] })),
      onChange: (value) => {
        const choice = themeChoices.find((c) => c === value) ?? 'system'
        chooseTheme(choice)
        setTheme(choice)
      },
    },
  ]

  return (
    <>
      <ActionMenu
        trigger={<UserMenuButton name={session.user.name} />}
        defaultOpen={defaultOpen}
        header={
          <>
            <span className="block font-semibold">{session.user.name}</span>
            <span className="block text-xs font-normal text-gray-700">
              Domain {session.user.domainName}
            </span>
            <span className="block text-xs font-normal text-gray-700">
              Project {session.project?.name}
            </span>
            {projectId && (
              <span className="block text-xs font-normal break-all text-gray-700">
                Project ID <code>{projectId}</code>
              </span>
            )}
            <span className="block text-xs font-normal text-gray-700">
              Roles: {session.roles.length ? session.roles.join(', ') : 'none'}
            </span>
            {session.applicationCredential && (
              <span className="block text-xs font-normal text-gray-700">
                {`Signed in with application credential ${session.applicationCredential.name} (${
                  session.applicationCredential.restricted ? 'restricted' : 'unrestricted'
                })`}
              </span>
            )}
          </>
        }
        actions={actions}
      />
      {addressBook.dialog}
    </>
  )
}
