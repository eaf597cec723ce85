import http from 'node:http'
import net from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { idleBudgetMs } from './forward.ts'
import {
  send,
  startConsole,
  startUpstream,
  TEST_KEY,
  until,
  type FakeUpstream,
  type RunningConsole,
} from './test-helpers.ts'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.()
})

async function setup(
  handler: Parameters<typeof startUpstream>[0],
  options: Partial<Parameters<typeof startConsole>[0]> = {},
  upstreamOptions: Parameters<typeof startUpstream>[1] = {},
): Promise<{ upstream: FakeUpstream; console: RunningConsole }> {
  const upstream = await startUpstream(handler, upstreamOptions)
  cleanups.push(() => upstream.close())
  const running = await startConsole({ upstreamOrigin: upstream.origin, ...options })
  cleanups.push(() => running.close())
  return { upstream, console: running }
}

const json = (res: http.ServerResponse, status: number, value: unknown, headers = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers })
  res.end(JSON.stringify(value))
}

describe('idleBudgetMs', () => {
  it.each([
    ['/api/v1/chat/completions', 800_000],
    ['/api/v1/chat', 800_000],
    ['/api/v1/responses', 800_000],
    ['/api/v1/messages', 800_000],
    ['/api/v1/generate-image', 180_000],
    ['/api/v1/generate-video', 300_000],
    ['/api/v1/containers', 780_000],
    ['/api/v1/containers/abc/logs', 780_000],
    ['/api/v1/models', 60_000],
    ['/api/v1/chatter', 60_000],
    ['/api/a2a', 60_000],
  ])('%s → %d ms', (path, ms) => {
    expect(idleBudgetMs(path)).toBe(ms)
  })
})

describe('forwarding', () => {
  it('sends the key, strips browser credentials and hop-by-hop headers, keeps path and query', async () => {
    const { upstream, console: c } = await setup((_req, res) => json(res, 200, { ok: true }))
    const res = await send(c, {
      method: 'POST',
      path: '/api/v1/chat/completions?x=1&y=%20z',
      headers: {
        cookie: 'console_token=abc; privy-token=xyz',
        authorization: 'Bearer eliza_browser',
        'x-api-key': 'eliza_from_browser',
        connection: 'keep-alive, x-custom-hop',
        'x-custom-hop': 'secret',
        'keep-alive': 'timeout=5',
        'proxy-authorization': 'Basic abc',
        te: 'trailers',
        'x-forwarded-for': '10.0.0.1',
        'x-forwarded-proto': 'https',
        'x-real-ip': '203.0.113.9',
        forwarded: 'for=203.0.113.9',
        via: '1.1 evil',
        'true-client-ip': '203.0.113.9',
        'x-original-url': '/api/v1/admin',
        'content-type': 'application/json',
        'x-request-id': 'r-1',
        accept: 'text/event-stream',
        origin: c.url,
        'sec-fetch-site': 'same-origin',
      },
      body: '{"model":"m"}',
    })
    expect(res.status).toBe(200)
    const got = upstream.received[0]
    expect(got).toBeDefined()
    expect(got?.url).toBe('/api/v1/chat/completions?x=1&y=%20z')
    expect(got?.method).toBe('POST')
    expect(got?.body.toString()).toBe('{"model":"m"}')
    const h = got?.headers ?? {}
    expect(h['x-api-key']).toBe(TEST_KEY)
    expect(h['content-type']).toBe('application/json')
    expect(h.accept).toBe('text/event-stream')
    expect(h.host).toBe(new URL(upstream.origin).host)
    for (const name of [
      'cookie',
      'authorization',
      'x-custom-hop',
      'keep-alive',
      'proxy-authorization',
      'te',
      'x-forwarded-for',
      'x-forwarded-proto',
      'x-real-ip',
      'forwarded',
      'via',
      'true-client-ip',
      'x-original-url',
      'x-request-id', // not on the allow-list: nothing unlisted goes up
      'origin',
      'sec-fetch-site',
    ]) {
      expect(h[name], name).toBeUndefined()
    }
    // Exactly one key header: the browser's never reaches the upstream.
    expect(got?.rawHeaders.filter((n) => n.toLowerCase() === 'x-api-key')).toHaveLength(1)
  })

  it('resolves paths against a base with a path prefix', async () => {
    const upstream = await startUpstream((_req, res) => json(res, 200, {}))
    cleanups.push(() => upstream.close())
    const c = await startConsole({ upstreamOrigin: `${upstream.origin}/prefix` })
    cleanups.push(() => c.close())
    await send(c, { path: '/api/v1/models' })
    expect(upstream.received[0]?.url).toBe('/prefix/api/v1/models')
  })

  it('strips Set-Cookie and CORS headers, keeps status and other headers', async () => {
    const { console: c } = await setup((_req, res) =>
      json(
        res,
        429,
        { error: 'Too many requests' },
        {
          'set-cookie': ['steward-token=abc; Path=/', 'x=1'],
          'access-control-allow-origin': '*',
          'retry-after': '7',
        },
      ),
    )
    const res = await send(c, { path: '/api/v1/credits/balance' })
    expect(res.status).toBe(429)
    expect(res.headers['set-cookie']).toBeUndefined()
    expect(res.headers['access-control-allow-origin']).toBeUndefined()
    expect(res.headers['retry-after']).toBe('7')
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(JSON.parse(res.text)).toEqual({ error: 'Too many requests' })
  })

  it('rewrites a redirect within the upstream’s /api/ onto the console, which then follows it', async () => {
    const { upstream, console: c } = await setup((req, res) => {
      if (req.url === '/api/v1/old') {
        res.writeHead(308, { location: `http://${req.headers.host}/api/v1/new?x=1` })
        res.end()
      } else if (req.url === '/api/v1/items') {
        res.writeHead(201, { location: 'items/it_1', 'content-type': 'application/json' })
        res.end('{"id":"it_1"}')
      } else json(res, 200, { at: req.url })
    })
    const redirect = await send(c, { path: '/api/v1/old' })
    expect(redirect.status).toBe(308)
    expect(redirect.headers.location).toBe('/api/v1/new?x=1')
    // A client that follows redirects comes back through the proxy, with the key added again.
    const followed = await fetch(`${c.url}/api/v1/old`)
    expect(await followed.json()).toEqual({ at: '/api/v1/new?x=1' })
    expect(upstream.received.at(-1)?.headers['x-api-key']).toBe(TEST_KEY)

    const created = await send(c, { method: 'POST', path: '/api/v1/items', body: '{}' })
    expect(created.status).toBe(201)
    expect(created.headers.location).toBe('/api/v1/items/it_1')
    expect(JSON.parse(created.text)).toEqual({ id: 'it_1' })
  })

  it('refuses a redirect to another site (502), and drops a Location elsewhere on other answers', async () => {
    const { console: c } = await setup((req, res) => {
      if (req.url === '/api/v1/away') {
        res.writeHead(302, { location: 'https://evil.example/phish', 'content-type': 'text/html' })
        res.end('<a href="https://evil.example/phish">moved</a>')
      } else {
        res.writeHead(200, {
          location: 'https://evil.example/',
          'content-type': 'application/json',
        })
        res.end('{}')
      }
    })
    const away = await send(c, { path: '/api/v1/away' })
    expect(away.status).toBe(502)
    expect(away.headers.location).toBeUndefined()
    expect(JSON.parse(away.text)).toEqual({
      success: false,
      error: 'The upstream redirected this request to another site; the console does not follow it',
      code: 'proxy_upstream_redirect',
    })
    expect(away.headers['x-content-type-options']).toBe('nosniff')
    const ok = await send(c, { path: '/api/v1/models' })
    expect(ok.status).toBe(200)
    expect(ok.headers.location).toBeUndefined()
    // The connection is still good for the next request after a discarded body.
    expect((await send(c, { path: '/api/v1/away' })).status).toBe(502)
  })

  it('drops WWW-Authenticate, so the browser opens no sign-in dialog of its own', async () => {
    const { console: c } = await setup((_req, res) =>
      json(res, 401, { error: 'Invalid API key' }, { 'www-authenticate': 'Basic realm="cloud"' }),
    )
    const res = await send(c, { path: '/api/v1/models' })
    expect(res.status).toBe(401)
    expect(res.headers['www-authenticate']).toBeUndefined()
    expect(JSON.parse(res.text)).toEqual({ error: 'Invalid API key' })
  })

  it('passes SSE frames one by one, before the upstream finishes', async () => {
    let sendNext: (frame: string | null) => void = () => {}
    const { console: c } = await setup((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
      res.flushHeaders()
      sendNext = (frame) => (frame === null ? res.end() : res.write(frame))
    })
    const frames: string[] = []
    let ended = false
    let status = 0
    await new Promise<void>((resolve, reject) => {
      const req = http.request(
        { port: c.port, host: '127.0.0.1', path: '/api/v1/chat/completions', method: 'POST', headers: { host: c.host, 'content-type': 'application/json' } },
        (res) => {
          status = res.statusCode ?? 0
          res.setEncoding('utf8')
          res.on('data', (d: string) => frames.push(d))
          res.on('end', () => {
            ended = true
            resolve()
          })
        },
      ) // prettier-ignore
      req.on('error', reject)
      req.end('{}')
      // Drive the upstream only once each frame has been seen downstream.
      void (async () => {
        await until(() => status === 200) // headers arrive before any frame
        for (const n of [1, 2, 3]) {
          sendNext(`data: {"n":${n}}\n\n`)
          await until(() => frames.join('').includes(`"n":${n}`))
          expect(ended).toBe(false)
        }
        sendNext('data: [DONE]\n\n')
        sendNext(null)
      })().catch(reject)
    })
    expect(frames.join('')).toBe(
      'data: {"n":1}\n\ndata: {"n":2}\n\ndata: {"n":3}\n\ndata: [DONE]\n\n',
    )
    expect(frames.length).toBeGreaterThanOrEqual(4)
  })

  it('streams a request body through to the upstream', async () => {
    const { upstream, console: c } = await setup((_req, res, body) =>
      json(res, 200, { size: body.length }),
    )
    const big = Buffer.alloc(300_000, 7)
    const res = await send(c, {
      method: 'POST',
      path: '/api/v1/voice/clone',
      headers: { 'content-type': 'application/octet-stream' },
      body: big,
    })
    expect(JSON.parse(res.text)).toEqual({ size: big.length })
    expect(upstream.received[0]?.body.equals(big)).toBe(true)
  })

  it('refuses a body over the limit from Content-Length (413), without contacting the upstream', async () => {
    const { upstream, console: c } = await setup((_req, res) => json(res, 200, {}), {
      bodyLimit: 1000,
    })
    const res = await send(c, {
      method: 'POST',
      path: '/api/v1/knowledge',
      headers: { 'content-type': 'application/json' },
      body: Buffer.alloc(1001, 32),
    })
    expect(res.status).toBe(413)
    expect(JSON.parse(res.text)).toMatchObject({ success: false, code: 'proxy_body_too_large' })
    expect(upstream.received).toHaveLength(0)
  })

  it('refuses a chunked body once it passes the limit while streaming (413)', async () => {
    const { console: c } = await setup(
      (req, res) => {
        req.resume()
        req.on('end', () => json(res, 200, {}))
      },
      { bodyLimit: 1000 },
      { bufferBody: false },
    )
    const res = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request(
        { port: c.port, host: '127.0.0.1', path: '/api/v1/knowledge', method: 'POST', headers: { host: c.host, 'transfer-encoding': 'chunked' } },
        (r) => {
          let text = ''
          r.setEncoding('utf8')
          r.on('data', (d: string) => (text += d))
          r.on('end', () => resolve({ status: r.statusCode ?? 0, text }))
        },
      ) // prettier-ignore
      req.on('error', reject)
      req.write(Buffer.alloc(600, 1))
      req.write(Buffer.alloc(600, 1))
      req.end()
    })
    expect(res.status).toBe(413)
    expect(JSON.parse(res.text)).toMatchObject({ code: 'proxy_body_too_large' })
  })

  it('answers 504 proxy_timeout when the upstream sends no headers in time', async () => {
    const { console: c } = await setup(() => {}, { timeoutMs: 150 })
    const res = await send(c, { path: '/api/v1/models' })
    expect(res.status).toBe(504)
    expect(JSON.parse(res.text)).toEqual({
      success: false,
      error: 'The upstream did not answer in time',
      code: 'proxy_timeout',
    })
  })

  it('cuts the stream when the upstream goes silent after the headers', async () => {
    const { console: c } = await setup(
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/event-stream' })
        res.write('data: 1\n\n')
      },
      { timeoutMs: 150 },
    )
    const outcome = await new Promise<{ status: number; data: string; error: string }>(
      (resolve) => {
        let data = ''
        let status = 0
        const req = http.request(
        { port: c.port, host: '127.0.0.1', path: '/api/v1/chat/completions', method: 'POST', headers: { host: c.host } },
        (res) => {
          status = res.statusCode ?? 0
          res.setEncoding('utf8')
          res.on('data', (d: string) => (data += d))
          res.on('error', (e) => resolve({ status, data, error: e.message }))
          res.on('end', () => resolve({ status, data, error: '' }))
        },
      ) // prettier-ignore
        req.on('error', (e) => resolve({ status, data, error: e.message }))
        req.end()
      },
    )
    expect(outcome.status).toBe(200)
    expect(outcome.data).toBe('data: 1\n\n')
    expect(outcome.error).not.toBe('') // the client sees a cut stream, not a clean end
  })

  it('answers 502 proxy_upstream_unreachable when nothing listens upstream', async () => {
    // Reserve a port, then free it so the connection is refused.
    const probe = net.createServer()
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()))
    const { port } = probe.address() as net.AddressInfo
    await new Promise<void>((r) => probe.close(() => r()))
    const c = await startConsole({ upstreamOrigin: `http://127.0.0.1:${port}` })
    cleanups.push(() => c.close())
    const res = await send(c, { path: '/api/v1/models' })
    expect(res.status).toBe(502)
    expect(JSON.parse(res.text)).toEqual({
      success: false,
      error: 'The upstream could not be reached',
      code: 'proxy_upstream_unreachable',
    })
  })

  it('aborts the upstream request when the client disconnects', async () => {
    let upstreamClosed = false
    const { upstream, console: c } = await setup(
      (req, res) => {
        res.writeHead(200, { 'content-type': 'text/event-stream' })
        res.write('data: first\n\n')
        res.on('close', () => (upstreamClosed = true))
        void req
      },
      {},
      { bufferBody: false },
    )
    const controller = new AbortController()
    await new Promise<void>((resolve) => {
      const req = http.request(
        { port: c.port, host: '127.0.0.1', path: '/api/v1/chat/completions', method: 'POST', headers: { host: c.host }, signal: controller.signal },
        (res) => res.once('data', () => { controller.abort(); resolve() }),
      ) // prettier-ignore
      req.on('error', () => resolve())
      req.end()
    })
    await until(() => upstreamClosed)
    expect(upstream.received).toHaveLength(1)
    await until(() => c.logs.some((l) => l.includes('/api/v1/chat/completions')))
    expect(c.logs.find((l) => l.includes('/api/v1/chat/completions'))).toMatch(/closed early/)
  })

  it('does not forward other methods or paths outside /api/', async () => {
    const { upstream, console: c } = await setup((_req, res) => json(res, 200, {}))
    expect((await send(c, { method: 'TRACE', path: '/api/v1/models' })).status).toBe(405)
    expect((await send(c, { path: '/api/v1/%2e%2e/secret' })).status).toBe(400)
    expect((await send(c, { path: 'http://evil.example/api/v1/models' })).status).toBe(400)
    expect((await send(c, { path: '/apiv1/models' })).status).toBe(404) // no build: not forwarded
    expect(upstream.received).toHaveLength(0)
  })
})
