import * as z from 'zod/mini'
import { paths } from '~/util/paths'

// Sign-in's URL state (src/util/paths.ts writes it): where to go on to, and why sign-in is shown.

/**
 * Only paths of the panel's own origin, so a crafted link cannot send the user elsewhere after
 * sign-in. Resolved the way the browser resolves it (`/\\host`, `/\t/host` and `//host` name
 * another host), then compared by origin rather than by prefix.
 */
export function safeNext(next: string | null, origin = window.location.origin) {
  const fallback = paths.images()
  // Only a path: "https://same.origin/x" is not what a panel link looks like.
  if (!next?.startsWith('/')) return fallback
  // Backslashes, encoded or not, mean nothing in a panel path; browsers read them as slashes.
  if (/\\|%5c/i.test(next.split(/[?#]/)[0] ?? '')) return fallback
  try {
    const url = new URL(next, origin)
    if (url.origin !== origin || url.pathname.startsWith(paths.signIn())) return fallback
    return url.pathname + url.search + url.hash
  } catch {
    return fallback
  }
}

const signInUrlSchema = z.object({
  next: z.pipe(
    z.optional(z.string()),
    z.transform((next) => safeNext(next ?? null)),
  ),
  // Any other reason is no reason.
  reason: z.catch(z.optional(z.literal('expired')), undefined),
})

export type SignInUrl = z.output<typeof signInUrlSchema>

export function readSignInUrl(params: URLSearchParams): SignInUrl {
  return signInUrlSchema.parse({
    next: params.get('next') ?? undefined,
    reason: params.get('reason') ?? undefined,
  })
}
