import * as v from 'valibot'
import type { SignInMethod } from '~/api/session-flow'
import { getRuntime } from '~/config/runtime'

/**
 * How this browser last signed in to this Keystone, so the page opens on that way in again (after
 * "Your session has expired" too). Never a password, passcode or secret, and no user name: the
 * browser's own password manager fills that, and a shared computer need not show who came last.
 */
const rememberedSchema = v.object({
  method: v.picklist(['password', 'totp', 'application_credential', 'sso']),
  domain: v.optional(v.pipe(v.string(), v.maxLength(255))),
  /** The Web SSO choice's label ("Sign in with <label>"). */
  ssoLabel: v.optional(v.pipe(v.string(), v.maxLength(255))),
  /** How the application credential was named. */
  credentialBy: v.optional(v.picklist(['id', 'name'])),
})
export type Remembered = v.InferOutput<typeof rememberedSchema>

/** Per Keystone: one browser may be used with more than one cloud. */
export const rememberedKey = (authUrl = getRuntime().authUrl) => `isp-sign-in:${authUrl}`

export function readRemembered(authUrl?: string): Remembered | null {
  try {
    const raw = localStorage.getItem(rememberedKey(authUrl))
    if (raw === null) return null
    const parsed = v.safeParse(rememberedSchema, JSON.parse(raw))
    return parsed.success ? parsed.output : null
  } catch {
    // Storage off, or something else wrote the key: nothing is remembered.
    return null
  }
}

/** After a sign-in that worked. What this one does not say (SSO names no domain) stays as it was. */
export function rememberSignIn(
  what: { method: SignInMethod } & Partial<Omit<Remembered, 'method'>>,
  authUrl?: string,
) {
  const given = Object.fromEntries(Object.entries(what).filter(([, value]) => value !== undefined))
  const parsed = v.safeParse(rememberedSchema, { ...readRemembered(authUrl), ...given })
  if (!parsed.success) return
  try {
    localStorage.setItem(rememberedKey(authUrl), JSON.stringify(parsed.output))
  } catch {
    // Storage off or full: the page opens on the password next time.
  }
}
