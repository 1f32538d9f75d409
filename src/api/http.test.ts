import { http, HttpResponse, delay } from 'msw'
import * as v from 'valibot'
import { server } from '~mocks/node'
import { ApiError, request, setUnauthorizedHandler } from './http'

const url = 'http://cloud.test/v2/thing'

async function failure(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError)
    return e as ApiError
  }
  throw new Error('expected the request to fail')
}

describe('request', () => {
  it('sends the token and asks for JSON', async () => {
    let seen: Headers | undefined
    server.use(
      http.get(url, ({ request }) => {
        seen = request.headers
        return HttpResponse.json({ ok: true })
      }),
    )
    const { data } = await request(url, { token: 'tok', schema: v.object({ ok: v.boolean() }) })
    expect(data).toEqual({ ok: true })
    expect(seen?.get('X-Auth-Token')).toBe('tok')
    expect(seen?.get('Accept')).toBe('application/json')
  })

  it("reads Glance's webob JSON error and strips the trailing <br /><br />", async () => {
    server.use(
      http.post(url, () =>
        HttpResponse.json(
          {
            message: 'Not allowed to create members for image 1b2c.<br /><br />\n\n\n',
            code: '403 Forbidden',
            title: 'Forbidden',
          },
          { status: 403, headers: { 'x-openstack-request-id': 'req-123' } },
        ),
      ),
    )
    const e = await failure(request(url, { method: 'POST', body: {} }))
    expect(e.status).toBe(403)
    expect(e.message).toBe('Not allowed to create members for image 1b2c.')
    expect(e.requestId).toBe('req-123')
    expect(e.kind).toBe('http')
  })

  it("reads Keystone's error shape", async () => {
    server.use(
      http.post(url, () =>
        HttpResponse.json(
          {
            error: {
              code: 401,
              title: 'Unauthorized',
              message: 'The request you have made requires authentication.',
            },
          },
          { status: 401 },
        ),
      ),
    )
    const e = await failure(request(url, { method: 'POST', body: {} }))
    expect(e.status).toBe(401)
    expect(e.message).toBe('The request you have made requires authentication.')
  })

  it('turns an HTML error page into its text, without the heading', async () => {
    server.use(
      http.get(url, () =>
        HttpResponse.html(
          '<html><head><title>404 Not Found</title></head><body><h1>404 Not Found</h1> Image abc not found.<br /><br />\n\n\n</body></html>',
          { status: 404 },
        ),
      ),
    )
    const e = await failure(request(url))
    expect(e.status).toBe(404)
    expect(e.message).toBe('Image abc not found.')
  })

  it('falls back to the status line for an empty body', async () => {
    server.use(http.get(url, () => new HttpResponse(null, { status: 503 })))
    const e = await failure(request(url))
    expect(e.status).toBe(503)
    expect(e.message).toMatch(/^503/)
  })

  it('reports a network failure as status 0 with words, not a TypeError', async () => {
    server.use(http.get(url, () => HttpResponse.error()))
    const e = await failure(request(url))
    expect(e.kind).toBe('network')
    expect(e.status).toBe(0)
    expect(e.message).toContain('Could not reach cloud.test')
  })

  it('times out', async () => {
    server.use(
      http.get(url, async () => {
        await delay(500)
        return HttpResponse.json({})
      }),
    )
    const e = await failure(request(url, { timeoutMs: 50 }))
    expect(e.kind).toBe('timeout')
    expect(e.message).toContain('timed out')
  })

  it('times out on the clock, so a test can move time instead of waiting 30 s', async () => {
    const glanceUrl = 'http://cloud.test/v2/images'
    server.use(http.get(glanceUrl, () => delay('infinite')))
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      const pending = failure(request(glanceUrl))
      await vi.advanceTimersByTimeAsync(30_000)
      const e = await pending
      expect(e.kind).toBe('timeout')
      expect(e.status).toBe(0)
      expect(e.message).toBe(
        'The Image service (Glance) did not answer: the request to cloud.test timed out after 30 s. Try again in a moment; if it goes on, ask your cloud operator to check it.',
      )
    } finally {
      vi.useRealTimers()
    }
  })

  it('names the service and what to try when Glance fails with a 5xx or cannot be reached', async () => {
    const glanceUrl = 'http://cloud.test/v2/images'
    server.use(
      http.get(glanceUrl, () =>
        HttpResponse.json(
          {
            message:
              'The server is currently unavailable. Please try again at a later time.<br /><br />\n\n\n',
            code: '503 Service Unavailable',
            title: 'Service Unavailable',
          },
          { status: 503 },
        ),
      ),
    )
    expect((await failure(request(glanceUrl))).message).toBe(
      'The Image service (Glance) failed (503 Service Unavailable). Try again in a moment; if it goes on, ask your cloud operator to check it. Glance said: The server is currently unavailable. Please try again at a later time.',
    )
    server.use(http.get(glanceUrl, () => HttpResponse.error()))
    expect((await failure(request(glanceUrl))).message).toBe(
      'Could not reach the Image service (Glance) at cloud.test. Check your network connection and try again; if it goes on, ask your cloud operator whether Glance is up.',
    )
  })

  it('rejects a body that does not match the schema, naming the field', async () => {
    server.use(http.get(url, () => HttpResponse.json({ images: [{ id: 7 }] })))
    const schema = v.object({ images: v.array(v.object({ id: v.string() })) })
    const e = await failure(request(url, { schema }))
    expect(e.kind).toBe('schema')
    expect(e.message).toContain('images.0.id')
  })

  it('rejects a 200 that is not JSON', async () => {
    server.use(http.get(url, () => HttpResponse.text('<html>proxy login</html>')))
    const e = await failure(request(url, { schema: v.object({}) }))
    expect(e.kind).toBe('schema')
    expect(e.message).toContain('not JSON')
  })

  it('calls the unauthorized handler on a 401 only for a request made in a session', async () => {
    const handler = vi.fn()
    setUnauthorizedHandler(handler)
    server.use(
      http.get(url, () =>
        HttpResponse.json(
          { message: 'x', code: '401 Unauthorized', title: 'Unauthorized' },
          { status: 401 },
        ),
      ),
    )
    await failure(request(url))
    // A token sent straight to a service (the contract suite) is no session of the page's.
    await failure(request(url, { token: 'expired' }))
    expect(handler).not.toHaveBeenCalled()
    await failure(request(url, { session: 'sid-1' }))
    expect(handler).toHaveBeenCalledTimes(1)
    // The session the refused request named: one already replaced must not end the current one.
    expect(handler).toHaveBeenCalledWith(expect.any(ApiError), 'sid-1')
  })
})

describe("a gateway's failure (the panel's proxy, nginx)", () => {
  const proxied = '/proxy/image/RegionOne/v2/images'
  const words =
    'The Image service in RegionOne is not answering. Try again in a moment; if it goes on, ask your cloud operator to check it.'

  it("shows the proxy's own words, as they are, for a 502 and a 504", async () => {
    server.use(
      http.get('*/proxy/image/RegionOne/v2/images', () =>
        HttpResponse.json(
          { message: words, code: '502 Bad Gateway', title: 'Bad Gateway' },
          { status: 502 },
        ),
      ),
    )
    const e = await failure(request(proxied))
    expect(e.status).toBe(502)
    expect(e.message).toBe(words)

    const late = words.replace('is not answering', 'did not answer within 30 s')
    server.use(
      http.get('*/proxy/image/RegionOne/v2/images', () =>
        HttpResponse.json(
          { message: late, code: '504 Gateway Timeout', title: 'Gateway Timeout' },
          { status: 504 },
        ),
      ),
    )
    expect((await failure(request(proxied))).message).toBe(late)
  })

  it("turns nginx's HTML 502 and 504 pages into words about the panel's server", async () => {
    const nginxPage = (status: string) =>
      `<html>\r\n<head><title>${status}</title></head>\r\n<body>\r\n<center><h1>${status}</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n`
    server.use(
      http.get('*/proxy/image/RegionOne/v2/images', () =>
        HttpResponse.html(nginxPage('502 Bad Gateway'), { status: 502 }),
      ),
    )
    const bad = await failure(request(proxied))
    expect(bad.status).toBe(502)
    expect(bad.message).toBe(
      "The panel's server is not answering (502 Bad Gateway). Try again in a moment; if it goes on, ask your cloud operator to check it.",
    )
    expect(bad.message).not.toContain('nginx')

    server.use(
      http.get('*/proxy/image/RegionOne/v2/images', () =>
        HttpResponse.html(nginxPage('504 Gateway Time-out'), { status: 504 }),
      ),
    )
    expect((await failure(request(proxied))).message).toBe(
      "The panel's server did not answer in time (504 Gateway Timeout). Try again in a moment; if it goes on, ask your cloud operator to check it.",
    )
  })

  it('names the host when a gateway in front of a catalog endpoint fails', async () => {
    server.use(
      http.get(url, () => HttpResponse.html('<html><body>Bad</body></html>', { status: 502 })),
    )
    expect((await failure(request(url))).message).toMatch(/^cloud\.test is not answering \(502/)
  })
})
