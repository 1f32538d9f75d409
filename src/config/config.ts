import * as v from 'valibot'

/** The runtime configuration in public/config.json: build once, deploy anywhere. */
export const configSchema = v.variant('mode', [
  v.object({
    mode: v.literal('demo'),
    defaultDomain: v.optional(v.string(), 'Default'),
  }),
  v.object({
    mode: v.literal('cloud'),
    /**
     * Keystone as the panel's server reaches it (/proxy/identity/v3). The page itself calls only
     * the server: /session and /proxy/<type>/<region> (docs/sessions.md).
     */
    authUrl: v.pipe(v.string(), v.minLength(1)),
    defaultDomain: v.optional(v.string(), 'Default'),
  }),
])
export type PanelConfig = v.InferOutput<typeof configSchema>

/** Where the demo cloud lives. Same-origin paths, so without MSW the panel gets a clear error, not a DNS failure. */
export const DEMO_AUTH_URL = '/demo-cloud/identity/v3'
export const demoImageEndpoint = (region: string) => `/demo-cloud/image/${region}`
