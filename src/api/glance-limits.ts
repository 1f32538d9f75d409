/** Glance's numeric defaults, which client and mock both assume (the API discloses none of them). */

/**
 * glance/common/config.py's default. The API does not expose the operator's value, so the panel
 * assumes it until a 413 names the real maximum (see memberQuotaFromMessage).
 */
export const DEFAULT_IMAGE_MEMBER_QUOTA = 128

/** Glance's page size when a list names no `limit` (contract §7: `limit_param_default`). */
export const GLANCE_LIMIT_DEFAULT = 25
/** Glance's largest `limit`; a larger one is cut to it (contract §7: `api_limit_max`). */
export const GLANCE_LIMIT_MAX = 1000
