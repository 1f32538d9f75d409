/**
 * Where a service is, per Keystone's catalog: written once for the browser (direct mode) and the
 * server's proxy. It imports nothing, so the server (compiled by tsconfig.server.json, with no `~`
 * alias and no dev dependency) can include it as it is.
 */

/** A catalog entry as both sides read it; the server reads raw JSON, so every field may be missing. */
export type CatalogEndpoint = {
  interface?: string
  region?: string | null
  region_id?: string | null
  url?: string
}
export type CatalogService = { type?: string; endpoints?: readonly CatalogEndpoint[] }

/** Keystone v3 names the region in `region_id`; `region` is its deprecated twin. */
const regionOf = (endpoint: CatalogEndpoint) => endpoint.region_id ?? endpoint.region

/** The URL of the first public endpoint of `type` in `region`, as the catalog has it. */
export function publicEndpointUrl(
  catalog: readonly CatalogService[],
  type: string,
  region: string,
): string | undefined {
  for (const entry of catalog) {
    if (entry.type !== type) continue
    const endpoint = entry.endpoints?.find(
      (e) => e.interface === 'public' && regionOf(e) === region,
    )
    if (endpoint) return endpoint.url
  }
  return undefined
}

/** The regions with a public endpoint of `type`, in catalog order. */
export function publicRegions(catalog: readonly CatalogService[], type: string): string[] {
  const regions: string[] = []
  for (const entry of catalog) {
    if (entry.type !== type) continue
    for (const endpoint of entry.endpoints ?? []) {
      const region = regionOf(endpoint)
      if (endpoint.interface === 'public' && region && !regions.includes(region))
        regions.push(region)
    }
  }
  return regions
}
