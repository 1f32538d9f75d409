/**
 * The tab protocol: the panel's tabs of one browser talk over a same-origin BroadcastChannel so a
 * link opened in a new tab is signed in, and a session that ends or moves in one tab does so in
 * every tab holding the same token. See docs/sessions.md.
 *
 * Tabs name a token by `tokenId`, a short hash, in every message but the two that hand a whole
 * session over (an offer to a new tab, and the session that replaces a token).
 */

export type EndReason = 'signed-out' | 'expired'

export type TabMessage =
  /** A tab with no session asks who has one. */
  | { type: 'ask'; id: string }
  /** An answer to `ask`: this tab's session, and when the person last used this tab. */
  | { type: 'offer'; id: string; session: unknown; lastActive: number }
  /** Does any other tab still hold this token? (before revoking a token this tab leaves) */
  | { type: 'holds'; id: string; tokenId: string }
  | { type: 'holding'; id: string }
  /** The token's session ended: every tab holding it signs out (the sender revokes it, once). */
  | { type: 'ended'; tokenId: string; reason: EndReason }
  /** The token was swapped for another one (project switch): tabs holding it follow. */
  | { type: 'replaced'; tokenId: string; session: unknown }

/** The part of BroadcastChannel we use, so tests can inject one. */
export type ChannelLike = {
  postMessage(message: TabMessage): void
  onmessage: ((event: MessageEvent) => void) | null
  close(): void
}

export type TabSyncHooks<S extends { token: string }> = {
  /** The session this tab may hand to another tab, or null (none, unscoped or expired). */
  offerable: () => S | null
  /** The token this tab holds, if any, offerable or not. */
  heldToken: () => string | undefined
  /** Validates a session received from another tab; null when it is not one. */
  parse: (value: unknown) => S | null
  /** Another tab ended the session of the token this tab holds. */
  onEnded: (reason: EndReason) => void
  /** Another tab replaced the token this tab holds with this session. */
  onReplaced: (session: S) => void
}

export type TabSync<S> = {
  /** Asks the other tabs for a session; the most recently used tab's answer, or null after `waitMs`. */
  ask: () => Promise<S | null>
  /** Whether another tab answers that it holds the token, within `waitMs`. */
  anyoneHolds: (token: string) => Promise<boolean>
  announceEnded: (token: string, reason: EndReason) => void
  announceReplaced: (oldToken: string, session: S) => void
  /** The person used this tab now (it wins when several tabs answer an ask). */
  touch: () => void
  close: () => void
}

/** How long a new tab waits for answers: tabs answer within a few ms unless they are busy. */
export const DEFAULT_WAIT_MS = 250

/**
 * A short, stable name for a token (53-bit cyrb53 hash): enough to tell tokens apart, and no way
 * back to the token itself.
 */
export function tokenId(token: string): string {
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let i = 0; i < token.length; i++) {
    const ch = token.charCodeAt(i)
    h1 = Math.imul(h1 ^ ch, 2654435761)
    h2 = Math.imul(h2 ^ ch, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16)
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null

const randomId = () =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random()}`

export function createTabSync<S extends { token: string }>(
  channel: ChannelLike,
  hooks: TabSyncHooks<S>,
  opts: { waitMs?: number; now?: () => number } = {},
): TabSync<S> {
  const waitMs = opts.waitMs ?? DEFAULT_WAIT_MS
  const now = opts.now ?? Date.now
  let lastActive = now()
  /** Open asks of this tab, by message id: each collects what the other tabs answer. */
  const pending = new Map<string, (message: TabMessage) => void>()

  const holds = (id: string) => {
    const token = hooks.heldToken()
    return token !== undefined && tokenId(token) === id
  }

  channel.onmessage = (event: MessageEvent) => {
    const m: unknown = event.data
    if (!isRecord(m) || typeof m.type !== 'string') return
    const message = m as TabMessage
    switch (message.type) {
      case 'ask': {
        const session = hooks.offerable()
        if (session) channel.postMessage({ type: 'offer', id: message.id, session, lastActive })
        return
      }
      case 'holds':
        if (holds(message.tokenId)) channel.postMessage({ type: 'holding', id: message.id })
        return
      case 'offer':
      case 'holding':
        pending.get(message.id)?.(message)
        return
      case 'ended':
        if (holds(message.tokenId)) hooks.onEnded(message.reason)
        return
      case 'replaced': {
        if (!holds(message.tokenId)) return
        const session = hooks.parse(message.session)
        if (session) hooks.onReplaced(session)
        return
      }
    }
  }

  /** Posts a question and gathers the answers for `waitMs`. */
  function gather(post: (id: string) => TabMessage): Promise<TabMessage[]> {
    const id = randomId()
    const answers: TabMessage[] = []
    return new Promise((resolve) => {
      pending.set(id, (m) => answers.push(m))
      channel.postMessage(post(id))
      setTimeout(() => {
        pending.delete(id)
        resolve(answers)
      }, waitMs)
    })
  }

  return {
    async ask() {
      const answers = await gather((id) => ({ type: 'ask', id }))
      let best: { session: S; lastActive: number } | undefined
      for (const a of answers) {
        if (a.type !== 'offer') continue
        const session = hooks.parse(a.session)
        if (session && (!best || a.lastActive > best.lastActive))
          best = { session, lastActive: a.lastActive }
      }
      return best?.session ?? null
    },
    async anyoneHolds(token) {
      const answers = await gather((id) => ({ type: 'holds', id, tokenId: tokenId(token) }))
      return answers.some((a) => a.type === 'holding')
    },
    announceEnded(token, reason) {
      channel.postMessage({ type: 'ended', tokenId: tokenId(token), reason })
    },
    announceReplaced(oldToken, session) {
      channel.postMessage({ type: 'replaced', tokenId: tokenId(oldToken), session })
    },
    touch() {
      lastActive = now()
    },
    close() {
      for (const [id] of pending) pending.delete(id)
      channel.onmessage = null
      channel.close()
    },
  }
}
