import * as v from 'valibot'

/**
 * A Web SSO choice of the sign-in page: its button's words ("Sign in with <label>") and where it
 * goes, Keystone's WebSSO URL with `origin` set to the panel's receiver (server/config.ts builds it).
 */
export const ssoChoiceSchema = v.object({
  label: v.pipe(v.string(), v.minLength(1)),
  url: v.pipe(v.string(), v.minLength(1)),
})
export type SsoChoice = v.InferOutput<typeof ssoChoiceSchema>

/** The runtime configuration in public/config.json: build once, deploy anywhere. */
export const configSchema = v.variant('mode', [
  v.object({
    mode: v.literal('demo'),
    defaultDomain: v.optional(v.string(), 'Default'),
    sso: v.optional(v.array(ssoChoiceSchema)),
  }),
  v.object({
    mode: v.literal('cloud'),
    /**
     * Keystone as the panel's server reaches it (/proxy/identity/v3). The page itself calls only
     * the server: /session and /proxy/<type>/<region> (docs/sessions.md).
     */
    authUrl: v.pipe(v.string(), v.minLength(1)),
    defaultDomain: v.optional(v.string(), 'Default'),
    sso: v.optional(v.array(ssoChoiceSchema)),
  }),
])
export type PanelConfig = v.InferOutput<typeof configSchema>

/** Where the demo cloud lives. Same-origin paths, so without MSW the panel gets a clear error, not a DNS failure. */
export const DEMO_AUTH_URL = '/demo-cloud/identity/v3'
export const demoImageEndpoint = (region: string) => `/demo-cloud/image/${region}`
