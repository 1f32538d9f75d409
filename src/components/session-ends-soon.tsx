import { useEffect, useState } from 'react'
import { Alert } from '~/ui/alert'
import { pluralWord } from '~/util/format'

/** How long before the token expires the panel says so: time to finish what one is typing. */
export const WARN_BEFORE_MS = 5 * 60_000

/**
 * Keystone tokens cannot be extended: a few minutes before the session's token expires, the panel
 * says when, and that signing in again brings the user back with what they typed.
 */
export function SessionEndsSoon({ expiresAt }: { expiresAt: string }) {
  const end = Date.parse(expiresAt)
  const [now, setNow] = useState(() => Date.now())
  const left = end - now

  useEffect(() => {
    // One timer to the warning's moment; from there the minutes count down.
    const tick = () => setNow(Date.now())
    let countdown: ReturnType<typeof setInterval> | undefined
    const untilWarning = end - WARN_BEFORE_MS - Date.now()
    const timer = setTimeout(
      () => {
        tick()
        countdown = setInterval(tick, 15_000)
      },
      Math.max(0, Math.min(untilWarning, 2 ** 31 - 1)),
    )
    return () => {
      clearTimeout(timer)
      clearInterval(countdown)
    }
  }, [end])

  if (left > WARN_BEFORE_MS || left <= 0) return null
  const minutes = Math.max(1, Math.ceil(left / 60_000))
  const at = new Date(end).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
  return (
    <Alert variant="warning" title="Your session ends soon" className="mb-4">
      Your session ends in {minutes} {pluralWord(minutes, 'minute', 'minutes')}, at {at}. You will
      then sign in again and come back here, with what you have typed still in place.
    </Alert>
  )
}
