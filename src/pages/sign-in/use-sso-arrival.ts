import { useEffect, useRef, useState } from 'react'
import { useSearchParams } from 'react-router'
import { claimSso, declineSso } from '~/session/session'
import { rememberSignIn } from './remembered'
import type { SignInNotice } from './sign-in-form'
import {
  clearSsoMarker,
  peekSsoMarker,
  ssoArrival,
  ssoWords,
  takeSsoMarker,
  type SsoArrival,
} from './sso'

const unfinished = (label: string): SignInNotice => ({
  variant: 'warning',
  message: ssoWords.unfinished(label),
})

function noticeOf(arrival: SsoArrival): SignInNotice | null {
  switch (arrival.kind) {
    case 'decline':
      return { variant: 'warning', message: ssoWords.unsolicited }
    case 'failed':
      return {
        variant: 'error',
        title: arrival.label ? `Signing in with ${arrival.label} failed` : 'Single sign-on failed',
        message: ssoWords[arrival.outcome],
      }
    case 'unfinished':
      return unfinished(arrival.label)
    default:
      return null
  }
}

/**
 * What the sign-in page does on loading after Web SSO (./sso.ts): claims the answer this tab asked
 * for and goes on to the page the user was on, declines one it did not ask for, or says why
 * there is none. `?sso=` leaves the URL once read, so a reload does not act on it again.
 */
export function useSsoArrival(): { notice: SignInNotice | null; claiming: string | null } {
  const [params, setParams] = useSearchParams()
  // Read, not taken: React may call this twice (Strict Mode); the effect below clears the note.
  const [arrival] = useState(() => ssoArrival(params.get('sso'), peekSsoMarker()))
  const [notice, setNotice] = useState(() => noticeOf(arrival))
  const [claiming, setClaiming] = useState(arrival.kind === 'claim' ? arrival.marker.label : null)
  // Once per page load, though Strict Mode runs effects twice: a claim is spent at the server.
  const acted = useRef(false)

  useEffect(() => {
    if (acted.current) return
    acted.current = true
    if (arrival.kind !== 'none') clearSsoMarker()
    if (params.has('sso')) {
      const rest = new URLSearchParams(params)
      rest.delete('sso')
      // The page the user was on when they chose to sign in: where the session takes them.
      if (arrival.kind === 'claim') rest.set('next', arrival.marker.next)
      setParams(rest, { replace: true })
    }
    if (arrival.kind === 'decline') void declineSso()
    if (arrival.kind === 'claim') {
      const { label } = arrival.marker
      claimSso().then(
        () => {
          rememberSignIn({ method: 'sso', ssoLabel: label })
        },
        (e: unknown) => {
          setClaiming(null)
          setNotice({
            variant: 'error',
            title: `Signing in with ${label} failed`,
            message: e instanceof Error ? e.message : String(e),
          })
        },
      )
    }
  }, [arrival, params, setParams])

  // Back from the identity provider may show this page from the back-forward cache, as it was
  // when the user left: the note says they did not finish.
  useEffect(() => {
    const onShow = (e: PageTransitionEvent) => {
      if (!e.persisted) return
      const marker = takeSsoMarker()
      if (marker) setNotice(unfinished(marker.label))
    }
    window.addEventListener('pageshow', onShow)
    return () => {
      window.removeEventListener('pageshow', onShow)
    }
  }, [])

  return { notice, claiming }
}
