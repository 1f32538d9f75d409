import * as v from 'valibot'
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

const signInUrlSchema = v.object({
  // undefinedable, not optional: readSignInUrl always passes the key, and optional would make
  // the transformed value optional in SignInUrl.
  next: v.pipe(
    v.undefinedable(v.string()),
    v.transform((next) => safeNext(next ?? null)),
  ),
  // Any other reason is no reason.
  reason: v.fallback(v.optional(v.literal('expired')), undefined),
})

export type SignInUrl = v.InferOutput<typeof signInUrlSchema>

export function readSignInUrl(params: URLSearchParams): SignInUrl {
  return v.parse(signInUrlSchema, {
    next: params.get('next') ?? undefined,
    reason: params.get('reason') ?? undefined,
  })
}
