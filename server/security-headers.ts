export type SecurityHeaderOptions = {
  /** Add Strict-Transport-Security: only when the panel is reached over TLS (PANEL_HSTS=true). */
  hsts?: boolean
  /**
   * Origins the browser may call besides its own: direct ("catalog") mode, where Keystone and
   * Glance are called by CORS, e.g. ['https://keystone.example.com:5000'].
   */
  connectSrc?: string[]
}

/** The browser features the panel never uses: a page that gets in cannot use them either. */
const PERMISSIONS_OFF = [
  'accelerometer',
  'autoplay',
  'camera',
  'display-capture',
  'encrypted-media',
  'fullscreen',
  'geolocation',
  'gyroscope',
  'hid',
  'idle-detection',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'picture-in-picture',
  'publickey-credentials-get',
  'screen-wake-lock',
  'serial',
  'usb',
  'xr-spatial-tracking',
]

function checkedOrigin(s: string): string {
  let url: URL
  try {
    url = new URL(s)
  } catch {
    throw new Error(
      `connectSrc ${JSON.stringify(s)} is not an origin, e.g. https://keystone.example.com`,
    )
  }
  if (
    (url.protocol !== 'https:' && url.protocol !== 'http:') ||
    url.origin !== s.replace(/\/$/, '')
  ) {
    throw new Error(
      `connectSrc ${JSON.stringify(s)} is not an origin, e.g. https://keystone.example.com`,
    )
  }
  return url.origin
}

/**
 * The panel's Content-Security-Policy. Every script, style sheet, font, image and call is its own
 * origin (the demo's MSW worker too: same-origin, so worker-src 'self' covers it).
 *
 * style-src needs 'unsafe-inline' for one library: Radix Dialog (and the dropdown menus) lock
 * scrolling through react-remove-scroll, whose react-remove-scroll-bar injects a <style> element
 * (react-style-singleton's makeStyleTag); a strict style-src blocks it and the scroll lock is lost.
 * Checked in Chromium: with style-src 'self' the Share Image dialog reports a style-src-elem
 * violation and the page scrolls behind it. A hash cannot help (the rule holds the measured
 * scroll-bar width), and a nonce (get-nonce) needs a per-answer index.html. Scripts stay strict:
 * no 'unsafe-inline', no 'unsafe-eval'.
 */
export function contentSecurityPolicy(connectSrc: string[] = []): string {
  const connect = ["'self'", ...connectSrc.map(checkedOrigin)].join(' ')
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${connect}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')
}

/** Headers for every answer of `serve`, of Vite's preview server and (mirrored) of deploy/nginx. */
export function securityHeaders({
  hsts = false,
  connectSrc = [],
}: SecurityHeaderOptions = {}): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(connectSrc),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Permissions-Policy': PERMISSIONS_OFF.map((f) => `${f}=()`).join(', '),
    'Cross-Origin-Opener-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
    ...(hsts ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {}),
  }
}
