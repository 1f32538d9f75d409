/**
 * TOTP codes as Keystone checks them (keystone/auth/plugins/totp.py): RFC 6238 with HMAC-SHA1, a
 * 30 s step and 6 digits, over a base32 secret that Keystone pads with `=` before decoding.
 * WebCrypto only, so the same code runs in the demo's browser (its sign-in table shows codes), in
 * the mock Keystone and in Node tests against the real one.
 */

export const TOTP_STEP_SECONDS = 30
export const TOTP_DIGITS = 6

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

/**
 * RFC 4648 base32. Keystone calls `base64.b32decode` after padding, which refuses lowercase and
 * any character outside the alphabet; this does the same, so a secret the mock takes is one
 * Keystone takes too.
 */
export function base32Decode(secret: string): Uint8Array<ArrayBuffer> {
  const text = secret.replace(/=+$/, '')
  const out = new Uint8Array(Math.floor((text.length * 5) / 8))
  let bits = 0
  let value = 0
  let index = 0
  for (const char of text) {
    const digit = ALPHABET.indexOf(char)
    if (digit < 0) throw new Error(`not base32: ${JSON.stringify(char)}`)
    value = (value << 5) | digit
    bits += 5
    if (bits >= 8) {
      out[index++] = (value >>> (bits - 8)) & 0xff
      bits -= 8
    }
  }
  return out
}

/** RFC 6238's code for the 30 s window that holds `atMs`. */
export async function totpCode(
  secretBase32: string,
  atMs: number = Date.now(),
  digits: number = TOTP_DIGITS,
): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    base32Decode(secretBase32),
    { name: 'HMAC', hash: 'SHA-1' },
    false,
    ['sign'],
  )
  const counter = Math.floor(atMs / 1000 / TOTP_STEP_SECONDS)
  // A view rather than a bare ArrayBuffer: under jsdom the global ArrayBuffer is another realm's,
  // which Node's WebCrypto refuses, while it takes any realm's typed array.
  const message = new Uint8Array(8)
  const view = new DataView(message.buffer)
  // The counter is a 64-bit big-endian integer; a Number holds it exactly for millennia.
  view.setUint32(0, Math.floor(counter / 2 ** 32))
  view.setUint32(4, counter >>> 0)
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, message))
  // RFC 4226 §5.3 dynamic truncation.
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f
  const binary =
    (((mac[offset] ?? 0) & 0x7f) << 24) |
    ((mac[offset + 1] ?? 0) << 16) |
    ((mac[offset + 2] ?? 0) << 8) |
    (mac[offset + 3] ?? 0)
  return String(binary % 10 ** digits).padStart(digits, '0')
}

/**
 * The codes Keystone accepts at `atMs`: the current window and `previousWindows` before it
 * (`[totp] included_previous_windows`, default 1), so a code typed just as the window turns
 * still works.
 */
export async function acceptedTotpCodes(
  secretBase32: string,
  atMs: number = Date.now(),
  previousWindows = 1,
): Promise<string[]> {
  const codes: string[] = []
  for (let back = 0; back <= previousWindows; back++)
    codes.push(await totpCode(secretBase32, atMs - back * TOTP_STEP_SECONDS * 1000))
  return codes
}
