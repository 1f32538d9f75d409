import { request as httpRequest, STATUS_CODES } from 'node:http'
import { request as httpsRequest } from 'node:https'

export type Readiness = { ready: true } | { ready: false; message: string }

export type ReadinessOptions = {
  /** How long one probe waits for Keystone's answer. */
  timeoutMs: number
  /** How long an answer (either way) is reused: many probes, one Keystone call. */
  ttlMs?: number
}

const KEYSTONE = 'Keystone (the Identity service)'

/** Words for a failed connection, by Node's error code; never the error's own text or the URL. */
function failureWords(code: string | undefined): string {
  switch (code) {
    case 'ECONNREFUSED':
      return `${KEYSTONE} refused the connection.`
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
    case 'EAI_NONAME':
      return `The host name of ${KEYSTONE} could not be resolved.`
    case 'ECONNRESET':
    case 'EPIPE':
      return `${KEYSTONE} closed the connection without answering.`
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${KEYSTONE} cannot be reached: no route to its host.`
    default:
      // Node's certificate checks (expired, self-signed, another name…), then other TLS failures.
      if (code !== undefined && /CERT|SIGNATURE|ISSUER/.test(code)) {
        return `${KEYSTONE} could not be reached over TLS: its certificate was not accepted.`
      }
      if (code !== undefined && /^EPROTO$|TLS|SSL/.test(code)) {
        return `${KEYSTONE} could not be reached over TLS: the handshake failed.`
      }
      return `${KEYSTONE} could not be reached.`
  }
}

/** One GET <authUrl>: ready on 2xx or 3xx within the time given, otherwise what went wrong. */
function probe(authUrl: string, timeoutMs: number): Promise<Readiness> {
  return new Promise((resolve) => {
    const url = new URL(authUrl)
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest
    let timedOut = false
    const req = send(url, { headers: { Accept: 'application/json' }, agent: false }, (res) => {
      clearTimeout(timer)
      res.resume()
      req.destroy()
      const status = res.statusCode ?? 0
      resolve(
        status >= 200 && status < 400
          ? { ready: true }
          : {
              ready: false,
              message:
                `${KEYSTONE} answered ${status} ${STATUS_CODES[status] ?? ''}`.trimEnd() + '.',
            },
      )
    })
    const timer = setTimeout(() => {
      timedOut = true
      req.destroy()
    }, timeoutMs)
    req.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer)
      resolve({
        ready: false,
        message: timedOut
          ? `${KEYSTONE} did not answer within ${timeoutMs / 1000} s.`
          : failureWords(err.code),
      })
    })
    req.end()
  })
}

/**
 * /readyz's question, asked of Keystone at most once per `ttlMs` (5 s by default): a load balancer
 * and anyone else who calls the public /readyz share one answer, and probes that arrive while one is
 * on its way wait for it (security review, probe 98: 20 requests had cost 20 Keystone calls).
 */
export function keystoneReadiness(
  authUrl: string,
  { timeoutMs, ttlMs = 5000 }: ReadinessOptions,
): () => Promise<Readiness> {
  // While a probe is on its way `until` is unbounded; it lasts ttlMs from when the answer came.
  let last: { answer: Promise<Readiness>; until: number } | undefined
  return () => {
    if (last !== undefined && Date.now() < last.until) return last.answer
    const entry = { answer: probe(authUrl, timeoutMs), until: Infinity }
    last = entry
    const done = () => {
      entry.until = Date.now() + ttlMs
    }
    void entry.answer.then(done, done)
    return entry.answer
  }
}
