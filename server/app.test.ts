import http from 'node:http'
import net from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import {
  send,
  startConsole,
  startUpstream,
  TEST_KEY,
  until,
  type RawResponse,
} from './test-helpers.ts'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.()
})

async function upstreamWith(handler: Parameters<typeof startUpstream>[0]) {
  const upstream = await startUpstream(handler)
  cleanups.push(() => upstream.close())
  return upstream
}

async function consoleFor(options: Parameters<typeof startConsole>[0]) {
  const c = await startConsole(options)
  cleanups.push(() => c.close())
  return c
}

async function freePort(): Promise<number> {
  const s = net.createServer()
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()))
  const { port } = s.address() as net.AddressInfo
  await new Promise<void>((r) => s.close(() => r()))
  return port
}

describe('guards in front of forwarding', () => {
  it('refuses DNS rebinding and cross-site writes before anything reaches the upstream', async () => {
    const upstream = await upstreamWith((_req, res) => res.end('{}'))
    const c = await consoleFor({ upstreamOrigin: upstream.origin })
    const rebinding = await send(c, {
      path: '/api/v1/models',
      headers: { host: `attacker.example:${c.port}` },
    })
    expect(rebinding.status).toBe(403)
    expect(JSON.parse(rebinding.text)).toMatchObject({
      success: false,
      code: 'proxy_forbidden_host',
    })
    const csrf = await send(c, {
      method: 'POST',
      path: '/api/v1/chat/completions',
      headers: { origin: 'https://evil.example', 'content-type': 'text/plain' },
      body: '{}',
    })
    expect(csrf.status).toBe(403)
    expect(JSON.parse(csrf.text)).toMatchObject({ code: 'proxy_cross_site' })
    expect(upstream.received).toHaveLength(0)
    // localhost and [::1] names on the same port are fine
    expect(
      (await send(c, { path: '/api/v1/models', headers: { host: `localhost:${c.port}` } })).status,
    ).toBe(200)
  })
})

describe('client connections', () => {
  it('keeps an idle keep-alive connection open longer than clients wait to reuse one', async () => {
    // Node's default (5 s) closed connections a client was about to reuse: "socket hang up"
    // on 3 of 200 streaming chats under load (npm run bench, proxyLoad).
    const upstream = await upstreamWith((_req, res) => res.end('{}'))
    const c = await consoleFor({ upstreamOrigin: upstream.origin })
    expect(c.app.server.keepAliveTimeout).toBeGreaterThanOrEqual(30_000)
    expect(c.app.server.headersTimeout).toBeGreaterThan(c.app.server.keepAliveTimeout)
  })
})

describe('access log', () => {
  it('writes method, path without the query, status and ms; never headers', async () => {
    const upstream = await upstreamWith((_req, res) => {
      res.writeHead(201, { 'content-type': 'application/json' })
      res.end('{}')
    })
    const c = await consoleFor({ upstreamOrigin: upstream.origin })
    await send(c, {
      method: 'POST',
      path: '/api/v1/app/agents?token=query-secret',
      headers: { 'x-custom': 'header-secret' },
      body: '{}',
    })
    await until(() => c.logs.length === 1)
    expect(c.logs[0]).toMatch(/^POST \/api\/v1\/app\/agents 201 \d+\.\dms$/)
    expect(c.logs.join('\n')).not.toMatch(/query-secret|header-secret/)
  })
})

describe('CONSOLE_TOKEN mode', () => {
  const token = 'correct-horse-battery-staple-4821-lantern'

  it('asks API calls for the token (401 E2) and never forwards them', async () => {
    const upstream = await upstreamWith((_req, res) => res.end('{}'))
    const c = await consoleFor({ upstreamOrigin: upstream.origin, consoleToken: token })
    const attempts: Record<string, string>[] = [
      {},
      { 'x-console-token': 'wrong-token-value' },
      { cookie: 'console_token=nope' },
    ]
    for (const headers of attempts) {
      const res = await send(c, { path: '/api/v1/models', headers })
      expect(res.status).toBe(401)
      expect(JSON.parse(res.text)).toMatchObject({ success: false, code: 'proxy_token_required' })
    }
    expect((await send(c, { path: '/_console/info' })).status).toBe(401)
    expect(upstream.received).toHaveLength(0)
  })

  it('sends pages to the sign-in form, which sets an HttpOnly SameSite=Strict cookie', async () => {
    const upstream = await upstreamWith((_req, res) => res.end('{}'))
    const c = await consoleFor({ upstreamOrigin: upstream.origin, consoleToken: token })
    const page = await send(c, { path: '/agents', headers: { accept: 'text/html' } })
    expect(page.status).toBe(303)
    expect(page.headers.location).toBe('/_console/sign-in')

    const form = await send(c, { path: '/_console/sign-in' })
    expect(form.status).toBe(200)
    expect(form.headers['content-type']).toMatch(/text\/html/)
    expect(form.text).toContain('<form method="post" action="/_console/sign-in">')
    expect(form.text).not.toMatch(/<script/i)

    const wrong = await send(c, {
      method: 'POST',
      path: '/_console/sign-in',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: c.url },
      body: 'token=nope',
    })
    expect(wrong.status).toBe(401)
    expect(wrong.headers['set-cookie']).toBeUndefined()

    const right = await send(c, {
      method: 'POST',
      path: '/_console/sign-in',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: c.url },
      body: `token=${token}`,
    })
    expect(right.status).toBe(303)
    expect(right.headers.location).toBe('/')
    const cookie = right.headers['set-cookie']?.[0] ?? ''
    expect(cookie).toMatch(/^console_token=/)
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Strict/)
    expect(cookie).toMatch(/Path=\//)

    const cross = await send(c, {
      method: 'POST',
      path: '/_console/sign-in',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://evil.example',
      },
      body: `token=${token}`,
    })
    expect(cross.status).toBe(403)
  })

  it('forwards with the cookie or header, and strips the console cookie', async () => {
    const upstream = await upstreamWith((_req, res) => res.end('{}'))
    const c = await consoleFor({ upstreamOrigin: upstream.origin, consoleToken: token })
    const byCookie = await send(c, {
      path: '/api/v1/models',
      headers: { cookie: `other=1; console_token=${token}` },
    })
    expect(byCookie.status).toBe(200)
    const byHeader = await send(c, {
      path: '/api/v1/models',
      headers: { 'x-console-token': token },
    })
    expect(byHeader.status).toBe(200)
    for (const r of upstream.received) {
      expect(r.headers.cookie).toBeUndefined()
      expect(r.headers['x-console-token']).toBeUndefined()
      expect(r.headers['x-api-key']).toBe(TEST_KEY)
    }
  })
})

describe('GET /_console/info', () => {
  it('reports a cloud upstream, its latency, and caches the probe', async () => {
    const upstream = await upstreamWith((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end('{"data":[]}')
    })
    const c = await consoleFor({ upstreamOrigin: upstream.origin })
    const res = await send(c, { path: '/_console/info' })
    expect(res.status).toBe(200)
    const info = JSON.parse(res.text)
    const host = new URL(upstream.origin).host
    expect(info).toMatchObject({
      upstream: { kind: 'cloud', label: host, host, embedded: false, strict: null },
      reachable: true,
    })
    expect(typeof info.latencyMs).toBe('number')
    expect(Date.parse(info.checkedAt)).not.toBeNaN()
    // The variable's name only: the browser's help texts use it, the key itself never leaves.
    expect(info.keyVariable).toBe('ELIZACLOUD_API_KEY')
    await send(c, { path: '/_console/info' })
    expect(upstream.received).toHaveLength(1) // second answer came from the cache
    expect(upstream.received[0]?.url).toBe('/api/v1/models')
    expect(upstream.received[0]?.headers['x-api-key']).toBeUndefined() // public route, no key sent
  })

  it('recognises a sandbox upstream by its headers', async () => {
    const upstream = await upstreamWith((_req, res) => {
      res.writeHead(200, { 'x-elizacloud-sandbox': '1', 'x-elizacloud-sandbox-strict': '1' })
      res.end('{}')
    })
    const c = await consoleFor({ upstreamOrigin: upstream.origin })
    const info = JSON.parse((await send(c, { path: '/_console/info' })).text)
    expect(info.upstream).toMatchObject({
      kind: 'sandbox',
      label: 'Sandbox',
      embedded: false,
      strict: true,
    })
  })

  it('reports an embedded sandbox, and an unreachable upstream', async () => {
    const port = await freePort()
    const c = await consoleFor({
      upstreamOrigin: `http://127.0.0.1:${port}`,
      upstream: {
        origin: `http://127.0.0.1:${port}`,
        apiKey: TEST_KEY,
        embedded: true,
        strict: false,
      },
    })
    const info = JSON.parse((await send(c, { path: '/_console/info' })).text)
    expect(info).toMatchObject({
      upstream: { kind: 'sandbox', label: 'Sandbox', embedded: true, strict: false },
      reachable: false,
      latencyMs: null,
    })
  })
})

describe('the key is never echoed', () => {
  it('appears in no body, header or log line, whatever fails', async () => {
    const canary = 'eliza_' + '5ca1ab1e'.repeat(8)
    // An upstream that misbehaves in every way, and even echoes what it received.
    const upstream = await upstreamWith((req, res, body) => {
      const mode = new URL(req.url ?? '/', 'http://x').searchParams.get('mode')
      if (mode === 'hang') return
      if (mode === 'cut') {
        res.writeHead(200, { 'content-type': 'text/event-stream' })
        res.write('data: 1\n\n', () => res.destroy())
        return
      }
      // A cookie carrying the key: Set-Cookie is dropped, so it must not come back.
      res.writeHead(500, { 'set-cookie': `k=${req.headers['x-api-key']}` })
      res.end(body)
    })
    const logs: string[] = []
    const bodyLimit = 100
    const c = await startConsole({
      upstreamOrigin: upstream.origin,
      upstream: { origin: upstream.origin, apiKey: canary, embedded: false },
      timeoutMs: 100,
      bodyLimit,
      consoleToken: null,
      log: (l) => logs.push(l),
    })
    cleanups.push(() => c.close())
    const deadPort = await freePort()
    const dead = await startConsole({
      upstreamOrigin: `http://127.0.0.1:${deadPort}`,
      upstream: { origin: `http://127.0.0.1:${deadPort}`, apiKey: canary, embedded: false },
      log: (l) => logs.push(l),
    })
    cleanups.push(() => dead.close())

    const responses: RawResponse[] = []
    const cutErrors: string[] = []
    responses.push(await send(c, { path: '/api/v1/models?mode=hang' })) // 504
    responses.push(await send(dead, { path: '/api/v1/models' })) // 502
    responses.push(
      await send(c, { method: 'POST', path: '/api/x', body: Buffer.alloc(bodyLimit + 1) }),
    ) // 413
    responses.push(await send(c, { path: '/api/v1/%2e%2e/x' })) // 400
    responses.push(await send(c, { path: '/api/x', headers: { host: 'evil.example' } })) // 403
    responses.push(
      await send(c, {
        method: 'POST',
        path: '/api/x',
        headers: { origin: 'https://evil.example' },
      }),
    ) // 403
    responses.push(await send(c, { method: 'TRACE', path: '/api/x' })) // 405
    responses.push(await send(c, { path: '/_console/info' }))
    responses.push(await send(c, { path: '/_console/nope' }))
    responses.push(await send(c, { path: '/' }))
    responses.push(await send(c, { method: 'POST', path: '/api/echo', body: 'hello' })) // upstream 500 echo
    await new Promise<void>((resolve) => {
      http
        .get(
          { port: c.port, host: '127.0.0.1', path: '/api/x?mode=cut', headers: { host: c.host } },
          (res) => {
            res.resume()
            res.on('error', () => undefined) // the cut is checked through `complete` below
            res.on('close', () => {
              if (!res.complete) cutErrors.push('incomplete')
              resolve()
            })
          },
        )
        .on('error', (e) => {
          cutErrors.push(e.message)
          resolve()
        })
    })
    expect(responses.map((r) => r.status)).toEqual([
      504, 502, 413, 400, 403, 403, 405, 200, 404, 404, 500,
    ])
    await until(() => logs.length >= responses.length + 1)
    for (const r of responses) {
      expect(r.text).not.toContain(canary)
      expect(JSON.stringify(r.headers)).not.toContain(canary)
    }
    // The canary did reach the upstream, so the checks above are meaningful.
    expect(upstream.received.some((r) => r.headers['x-api-key'] === canary)).toBe(true)
    expect(cutErrors.length).toBeGreaterThan(0)
    const logText = logs.join('\n')
    expect(logText).not.toContain(canary)
    expect(logText).not.toContain('5ca1ab1e')
  })
})
