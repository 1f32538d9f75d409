import { useEffect, useState } from 'react'
import type { SsoChoice } from '~/config/config'
import { buttonClassName } from '~/ui/button'
import { SpinnerIcon } from '~/ui/icons'
import { markSsoStart } from './sso'

/**
 * "Sign in with <label>" for each Web SSO choice: plain links, since the browser goes to Keystone
 * and the identity provider page by page (the CSP's form-action 'self' forbids a form there, and
 * a fetch cannot follow a login page). Before it leaves, the tab notes that it asked (./sso.ts).
 */
export function SsoChoices({
  choices,
  next,
  lastLabel,
}: {
  choices: readonly SsoChoice[]
  next: string
  /** Shown as "You last signed in with …" when it is one of the choices (and then first). */
  lastLabel: string | undefined
}) {
  const [leaving, setLeaving] = useState<string | null>(null)

  // Back from the identity provider may show this very page from the back-forward cache, with
  // the spinner still on: the page is here again, so it is not leaving.
  useEffect(() => {
    const onShow = (e: PageTransitionEvent) => {
      if (e.persisted) setLeaving(null)
    }
    window.addEventListener('pageshow', onShow)
    return () => {
      window.removeEventListener('pageshow', onShow)
    }
  }, [])

  const last = choices.find((c) => c.label === lastLabel)
  return (
    <div className="flex flex-col gap-2">
      {last && <p className="text-sm text-gray-700">You last signed in with {last.label}.</p>}
      {choices.map((c) => (
        <a
          key={`${c.label} ${c.url}`}
          href={c.url}
          aria-busy={leaving === c.label || undefined}
          onClick={() => {
            markSsoStart({ next, label: c.label })
            setLeaving(c.label)
          }}
          className={buttonClassName({ variant: 'secondary', className: 'w-full' })}
        >
          {leaving === c.label && <SpinnerIcon />}
          Sign in with {c.label}
        </a>
      ))}
    </div>
  )
}
