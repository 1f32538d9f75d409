import { Navigate, useSearchParams } from 'react-router'
import { isExpired, isUsable, useSessionState } from '~/session/session'
import { SpinnerIcon } from '~/ui/icons'
import { ChooseProject } from './choose-project'
import { SignInForm } from './sign-in-form'
import { readSignInUrl } from './url-state'
import { useSsoArrival } from './use-sso-arrival'

export default function SignInPage() {
  const { session, reason } = useSessionState()
  const [params] = useSearchParams()
  const url = readSignInUrl(params)
  const sso = useSsoArrival()

  if (isUsable(session)) return <Navigate to={url.next} replace />

  const expired = url.reason === 'expired' || reason === 'expired'
  return (
    <main className="mx-auto mt-12 mb-12 max-w-lg px-4">
      <h1 className="text-2xl font-semibold">Image Sharing Panel</h1>
      {session && !isExpired(session) && !session.project ? (
        <ChooseProject next={url.next} userName={session.user.name} />
      ) : sso.claiming ? (
        <p role="status" className="mt-6 flex items-center gap-2 text-gray-700">
          <SpinnerIcon />
          Finishing the sign-in with {sso.claiming}…
        </p>
      ) : (
        <SignInForm
          next={url.next}
          expired={expired}
          signedOut={reason === 'signed-out'}
          notice={sso.notice}
        />
      )}
    </main>
  )
}
