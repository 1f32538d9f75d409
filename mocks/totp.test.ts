import { acceptedTotpCodes, base32Decode, totpCode } from '~mocks/totp'

// RFC 6238 Appendix B, SHA1 rows: the secret is the ASCII "12345678901234567890".
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'

test('base32 decodes the RFC secret, padded or not, and refuses what Keystone refuses', () => {
  const ascii = new TextDecoder().decode(base32Decode(RFC_SECRET))
  expect(ascii).toBe('12345678901234567890')
  expect([...base32Decode('MZXW6===')]).toEqual([0x66, 0x6f, 0x6f]) // "foo", RFC 4648 §10
  expect([...base32Decode('MZXW6')]).toEqual([0x66, 0x6f, 0x6f])
  expect(() => base32Decode('mzxw6')).toThrow(/not base32/)
  expect(() => base32Decode('MZXW1')).toThrow(/not base32/)
})

test.each([
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
])('RFC 6238 vector at T=%i s: %s (8 digits), its last 6 by default', async (seconds, code) => {
  expect(await totpCode(RFC_SECRET, seconds * 1000, 8)).toBe(code)
  expect(await totpCode(RFC_SECRET, seconds * 1000)).toBe(code.slice(2))
})

test('one code per 30 s window; the previous window is accepted too', async () => {
  const start = 1_800_000_000_000 - (1_800_000_000_000 % 30_000)
  expect(await totpCode(RFC_SECRET, start)).toBe(await totpCode(RFC_SECRET, start + 29_999))
  expect(await totpCode(RFC_SECRET, start)).not.toBe(await totpCode(RFC_SECRET, start + 30_000))
  expect(await acceptedTotpCodes(RFC_SECRET, start + 30_000)).toEqual([
    await totpCode(RFC_SECRET, start + 30_000),
    await totpCode(RFC_SECRET, start),
  ])
})
