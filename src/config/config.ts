import { z } from 'zod'

/** The runtime configuration in public/config.json: build once, deploy anywhere. */
export const configSchema = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('demo'),
    defaultDomain: z.string().default('Default'),
  }),
  z.object({
    mode: z.literal('cloud'),
    /** Keystone v3 base URL, e.g. https://keystone.example.com/v3 or /proxy/identity/v3 */
    authUrl: z.string().min(1),
    defaultDomain: z.string().default('Default'),
    /** "catalog": call the catalog's URLs directly (needs CORS); "proxy": go through /proxy/<type>/<region> */
    endpoints: z.enum(['catalog', 'proxy']).default('catalog'),
  }),
])
export type PanelConfig = z.infer<typeof configSchema>

/** Where the demo cloud lives. Same-origin paths, so without MSW the panel gets a clear error, not a DNS failure. */
export const DEMO_AUTH_URL = '/demo-cloud/identity/v3'
export const demoImageEndpoint = (region: string) => `/demo-cloud/image/${region}`
