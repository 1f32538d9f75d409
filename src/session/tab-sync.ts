/**
 * The panel's tabs of one browser share one session, the server's cookie (docs/sessions.md). When
 * a tab signs in, out or switches project, it tells the others over a same-origin
 * BroadcastChannel, so they follow at once rather than on their next request. A message carries no
 * secret and changes nothing by itself: the tab that hears it asks the server what the session is
 * now, and only the hint of why it ended (a sign-out reads differently from an expiry) is taken
 * from the message.
 */

export type ChangeHint = 'changed' | 'signed-out' | 'expired'

const HINTS: readonly ChangeHint[] = ['changed', 'signed-out', 'expired']

/** The part of BroadcastChannel used here, so tests can hand in one of their own. */
export type ChannelLike = {
  postMessage(message: unknown): void
  onmessage: ((event: MessageEvent) => void) | null
  close(): void
}

export type SessionBroadcast = {
  announce: (hint: ChangeHint) => void
  close: () => void
}

export function createSessionBroadcast(
  channel: ChannelLike,
  onHint: (hint: ChangeHint) => void,
): SessionBroadcast {
  channel.onmessage = (event: MessageEvent) => {
    const data: unknown = event.data
    const hint = typeof data === 'object' && data !== null && 'hint' in data ? data.hint : undefined
    const known = HINTS.find((h) => h === hint)
    if (known) onHint(known)
  }
  return {
    announce: (hint) => channel.postMessage({ hint }),
    close: () => channel.close(),
  }
}
