// test-idp.mjs — a TEST-ONLY identity provider in front of Keystone's WebSSO paths, started by
// scripts/cloud/up.sh on 127.0.0.1:5099 (pid and log in the cloud's run/ and logs/).
//
//   !!! NEVER RUN THIS IN FRONT OF A REAL KEYSTONE. !!!
//   It signs in whoever types a name, and makes Keystone believe it by sending X-Remote-User,
//   X-Remote-Email and X-Idp: Keystone's `mapped` method reads its assertion from the WSGI
//   environ, so whatever sets those headers decides who the user is. In production only a real
//   auth module (mod_auth_openidc, mod_auth_mellon) that strips such headers from clients may sit
//   on that path. The panel's shipped nginx config (deploy/nginx) never sets or trusts them.
//
// It plays what such a module does (docs/sessions.md, "Test cloud"):
//   GET  <websso path>?origin=…  an HTML login page ("Test identity provider"): a "User name"
//                                field, "Sign in", and "Cancel" back to <panel origin>/sign-in
//   POST <websso path>?origin=…  (form: username) → GET Keystone's same path and query with the
//                                identity headers, and relays Keystone's status, content type
//                                and body: its auto-POST form carrying the token, or its error
//   User name `nobody-answers`   the front takes the request and never answers (an identity
//                                provider that answers nothing).
// <websso path> is /v3/auth/OS-FEDERATION/identity_providers/localidp/protocols/mapped/websso or
// the protocol-only /v3/auth/OS-FEDERATION/websso/mapped.
//
// Usage: node test-idp.mjs --keystone http://127.0.0.1:5000 [--port 5099] [--host 127.0.0.1]
// No dependencies: node:http only, so cloud:up needs nothing from node_modules.
import { createServer } from 'node:http'
import { parseArgs } from 'node:util'

const { values } = parseArgs({
  options: {
    keystone: { type: 'string', default: 'http://127.0.0.1:5000' },
    port: { type: 'string', default: '5099' },
    host: { type: 'string', default: '127.0.0.1' },
  },
})
const KEYSTONE = values.keystone.replace(/\/+$/, '').replace(/\/v3$/, '')
const PATHS = new Set([
  '/v3/auth/OS-FEDERATION/identity_providers/localidp/protocols/mapped/websso',
  '/v3/auth/OS-FEDERATION/websso/mapped',
])
// The IdP's entity ID as Keystone knows it (remote_ids of localidp; the protocol's
// remote_id_attribute is HTTP_X_IDP).
const REMOTE_ID = 'local-idp'
const DEFAULT_USER = 'sam'
const HANG_USER = 'nobody-answers'
const MAX_FORM_BYTES = 4096

const escapeHtml = (text) =>
  String(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#x27;')

/** Where Cancel goes: the panel that sent the user here, from Keystone's `origin` parameter. */
function cancelUrl(origin) {
  if (!origin) return null
  try {
    const url = new URL(origin)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
    return `${url.origin}/sign-in`
  } catch {
    return null
  }
}

function loginPage(action, origin) {
  const cancel = cancelUrl(origin)
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Test identity provider</title>
    <style>
      body { font: 16px/1.5 system-ui, sans-serif; margin: 3rem auto; max-width: 24rem; color: #111; }
      label, input, button { display: block; font: inherit; }
      input { margin: 0.25rem 0 1rem; padding: 0.4rem; width: 100%; box-sizing: border-box; }
      button { padding: 0.4rem 1rem; margin-bottom: 1rem; }
      a { color: #0645ad; }
    </style>
  </head>
  <body>
    <main>
      <h1>Test identity provider</h1>
      <p>For tests only: any user name signs in.</p>
      <form method="post" action="${escapeHtml(action)}">
        <label for="username">User name</label>
        <input id="username" name="username" value="${DEFAULT_USER}" autocomplete="username" required />
        <button type="submit">Sign in</button>
      </form>
      ${cancel === null ? '' : `<a href="${escapeHtml(cancel)}">Cancel</a>`}
    </main>
  </body>
</html>
`
}

function readForm(req) {
  return new Promise((resolve, reject) => {
    let size = 0
    const chunks = []
    req.on('data', (chunk) => {
      size += chunk.length
      if (size > MAX_FORM_BYTES) {
        reject(new Error('form too large'))
        req.destroy()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))))
    req.on('error', reject)
  })
}

function send(res, status, type, body) {
  res.writeHead(status, {
    'Content-Type': type,
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(body),
  })
  res.end(body)
}

async function signIn(req, res, url) {
  let form
  try {
    form = await readForm(req)
  } catch {
    send(res, 413, 'text/plain; charset=utf-8', 'Form too large\n')
    return
  }
  const user = (form.get('username') ?? '').trim()
  if (user === HANG_USER) {
    // An identity provider that never answers: only the browser's patience ends this.
    console.error(`[test-idp] ${user}: holding the request without an answer`)
    return
  }
  // An empty name sends no identity at all: Keystone's mapping then has nothing to map.
  const headers = { Accept: 'text/html', 'X-Idp': REMOTE_ID }
  if (user !== '') {
    headers['X-Remote-User'] = user
    headers['X-Remote-Email'] = `${user}@example.org`
  }
  let answer
  try {
    answer = await fetch(`${KEYSTONE}${url.pathname}${url.search}`, {
      headers,
      signal: AbortSignal.timeout(30_000),
    })
  } catch (e) {
    send(res, 502, 'text/plain; charset=utf-8', `Keystone did not answer: ${e.message}\n`)
    return
  }
  const body = await answer.text()
  console.error(`[test-idp] ${user || '(no name)'} → Keystone ${answer.status}`)
  send(res, answer.status, answer.headers.get('content-type') ?? 'text/plain', body)
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://test-idp.invalid')
  if (!PATHS.has(url.pathname)) {
    send(res, 404, 'text/plain; charset=utf-8', 'Not found\n')
    return
  }
  if (req.method === 'GET' || req.method === 'HEAD') {
    send(
      res,
      200,
      'text/html; charset=utf-8',
      loginPage(`${url.pathname}${url.search}`, url.searchParams.get('origin')),
    )
    return
  }
  if (req.method === 'POST') {
    signIn(req, res, url).catch((e) => {
      console.error('[test-idp]', e)
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'Test IdP failed\n')
    })
    return
  }
  res.setHeader('Allow', 'GET, HEAD, POST')
  send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed\n')
})
server.listen(Number(values.port), values.host, () => {
  console.error(
    `[test-idp] TEST ONLY: listening on http://${values.host}:${values.port}, Keystone ${KEYSTONE}`,
  )
})
