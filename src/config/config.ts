import * as z from 'zod/mini'

/** The runtime configuration in public/config.json: build once, deploy anywhere. */
export const configSchema = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('demo'),
    defaultDomain: z._default(z.string(), 'Default'),
  }),
  z.object({
    mode: z.literal('cloud'),
    /** Keystone v3 base URL, e.g. https://keystone.example.com/v3 or /proxy/identity/v3 */
    authUrl: z.string().check(z.minLength(1)),
    defaultDomain: z._default(z.string(), 'Default'),
    /** "catalog": call the catalog's URLs directly (needs CORS); "proxy": go through /proxy/<type>/<region> */
    endpoints: z._default(z.enum(['catalog', 'proxy']), 'catalog'),
  }),
])
export type PanelConfig = z.infer<typeof configSchema>

/** Where the demo cloud lives. Same-origin paths, so without MSW the panel gets a clear error, not a DNS failure. */
export const DEMO_AUTH_URL = '/demo-cloud/identity/v3'
export const demoImageEndpoint = (region: string) => `/demo-cloud/image/${region}`
