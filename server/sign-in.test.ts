// The console token at the proxy: the sign-in throttle, cookie shadowing and duplicate Host headers.
import net from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { createAttemptLimiter } from './attempts.ts'
import {
  send,
  startConsole,
  startUpstream,
  type RawResponse,
  type RunningConsole,
} from './test-helpers.ts'

const TOKEN = 'b7Qm2vXk9LpR4sTz8WcN1fHj6DyGa3Ue'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.()
})

async function setup(consoleToken: string | null = TOKEN) {
  const upstream = await startUpstream((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end('{}')
  })
  cleanups.push(() => upstream.close())
  const clock = { now: 1_000_000 }
  const c = await startConsole({
    upstreamOrigin: upstream.origin,
    consoleToken,
    attempts: createAttemptLimiter({ now: () => clock.now }),
  })
  cleanups.push(() => c.close())
  return { upstream, c, clock }
}

const withToken = (c: RunningConsole, token: string) =>
  send(c, { path: '/api/v1/models', headers: { 'x-console-token': token } })

const signIn = (c: RunningConsole, token: string) =>
  send(c, {
    method: 'POST',
    path: '/_console/sign-in',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'text/html',
      origin: c.url,
    },
    body: `token=${encodeURIComponent(token)}`,
  })

/** A request written byte for byte (Node's client will not send two Host headers); ends with `Connection: close`. */
function rawRequest(c: RunningConsole, head: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(c.port, '127.0.0.1', () => socket.write(`${head}\r\n\r\n`))
    const chunks: Buffer[] = []
    socket.on('data', (d: Buffer) => chunks.push(d))
    socket.on('error', reject)
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString()
      const [headText = '', body = ''] = text.split('\r\n\r\n')
      const [statusLine = '', ...lines] = headText.split('\r\n')
      const headers: Record<string, string> = {}
      for (const line of lines) {
        const i = line.indexOf(':')
        headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim()
      }
      const status = Number(statusLine.split(' ')[1])
      resolve({ status, headers, body: Buffer.from(body), text: body })
    })
  })
}

describe('sign-in throttle', () => {
  it('locks an address out after 5 wrong tokens: 429 with Retry-After, even for the right one; it grows, and ends', async () => {
    const { upstream, c, clock } = await setup()
    for (let i = 0; i < 6; i++) expect((await withToken(c, `wrong-${i}`)).status).toBe(401)

    // The 6th failure started a 1-second lock-out: the right token is not even compared.
    const locked = await withToken(c, TOKEN)
    expect(locked.status).toBe(429)
    expect(locked.headers['retry-after']).toBe('1')
    expect(JSON.parse(locked.text)).toEqual({
      success: false,
      error: 'Too many wrong console tokens from this address: wait before trying again',
      code: 'proxy_too_many_attempts',
    })
    expect(locked.headers['x-content-type-options']).toBe('nosniff')
    expect(upstream.received).toHaveLength(0)

    clock.now += 1000
    expect((await withToken(c, TOKEN)).status).toBe(200)
    // The next wrong token doubles the lock-out.
    expect((await withToken(c, 'wrong-6')).status).toBe(401)
    const longer = await withToken(c, TOKEN)
    expect(longer.status).toBe(429)
    expect(longer.headers['retry-after']).toBe('2')
    clock.now += 1999
    expect((await withToken(c, TOKEN)).status).toBe(429)
    clock.now += 1
    expect((await withToken(c, TOKEN)).status).toBe(200)
  })

  it('counts a repeated wrong value once: a stale cookie after a restart never locks the browser out', async () => {
    const { c } = await setup()
    for (let i = 0; i < 20; i++) {
      const res = await send(c, {
        path: '/api/v1/models',
        headers: { cookie: 'console_token=the-token-of-the-last-start' },
      })
      expect(res.status).toBe(401)
    }
    const page = await send(c, {
      path: '/agents',
      headers: { accept: 'text/html', cookie: 'console_token=the-token-of-the-last-start' },
    })
    expect(page.status).toBe(303)
    expect(page.headers.location).toBe('/_console/sign-in')
    expect((await signIn(c, TOKEN)).status).toBe(303)
  })

  it('throttles the sign-in form with an HTML answer; a successful sign-in starts afresh', async () => {
    const { c, clock } = await setup()
    for (let i = 0; i < 6; i++) {
      const res = await signIn(c, `guess-${i}`)
      expect(res.status).toBe(401)
      expect(res.text).toContain('That token is not valid.')
    }
    const locked = await signIn(c, TOKEN)
    expect(locked.status).toBe(429)
    expect(locked.headers['retry-after']).toBe('1')
    expect(locked.headers['content-type']).toMatch(/text\/html/)
    expect(locked.text).toContain('Too many wrong tokens from this address. Try again in 1 s.')
    expect(locked.text).toContain('<input id="token"')
    expect(locked.headers['set-cookie']).toBeUndefined()

    clock.now += 1000
    const ok = await signIn(c, TOKEN)
    expect(ok.status).toBe(303)
    expect(ok.headers['set-cookie']?.[0]).toMatch(/^console_token=/)
    // Reset: five more wrong tokens are free again, the sixth locks.
    for (let i = 0; i < 5; i++) expect((await withToken(c, `again-${i}`)).status).toBe(401)
    expect((await withToken(c, TOKEN)).status).toBe(200)
  })

  it('shows a page load from a locked-out address an HTML notice', async () => {
    const { c } = await setup()
    for (let i = 0; i < 6; i++) await withToken(c, `wrong-${i}`)
    const page = await send(c, {
      path: '/billing',
      headers: { accept: 'text/html', cookie: `console_token=${TOKEN}` },
    })
    expect(page.status).toBe(429)
    expect(page.headers['retry-after']).toBe('1')
    expect(page.text).toContain('Too many wrong tokens from this address.')
  })

  it('does not count requests that carry no token (the first page load of a browser)', async () => {
    const { c } = await setup()
    for (let i = 0; i < 10; i++)
      expect((await send(c, { path: '/api/v1/models' })).status).toBe(401)
    expect((await withToken(c, TOKEN)).status).toBe(200)
  })
})

describe('the sign-in page', () => {
  it('lets the browser send its origin with the form (no-referrer would make it Origin: null)', async () => {
    const { c } = await setup()
    for (const res of [await send(c, { path: '/_console/sign-in' }), await signIn(c, 'wrong')]) {
      expect(res.headers['referrer-policy']).toBe('same-origin')
      expect(res.headers['content-security-policy']).toContain("form-action 'self'")
    }
    // The guard still refuses the form posted with `Origin: null` (a sandboxed frame, for one).
    const fromNull = await send(c, {
      method: 'POST',
      path: '/_console/sign-in',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'null' },
      body: `token=${TOKEN}`,
    })
    expect(fromNull.status).toBe(403)
  })
})

describe('a console_token cookie set by another site on this host name', () => {
  it('refuses the request (400) instead of reading the first copy, and forwards nothing', async () => {
    const { upstream, c } = await setup()
    for (const cookie of [
      `console_token=evil; console_token=${TOKEN}`,
      `console_token=${TOKEN}; other=1; console_token=evil`,
      `console_token=${TOKEN}; console_token=${TOKEN}`,
    ]) {
      const api = await send(c, { path: '/api/v1/models', headers: { cookie } })
      expect(api.status).toBe(400)
      const body = JSON.parse(api.text)
      expect(body).toMatchObject({ success: false, code: 'proxy_ambiguous_token' })
      expect(body.error).toMatch(/Two console_token cookies.*Clear this site’s cookies/)
    }
    const page = await send(c, {
      path: '/agents',
      headers: { accept: 'text/html', cookie: `console_token=evil; console_token=${TOKEN}` },
    })
    expect(page.status).toBe(400)
    expect(page.headers['content-type']).toMatch(/text\/html/)
    expect(page.text).toContain('Two console_token cookies were sent')
    expect(page.text).not.toContain('<input') // signing in again cannot help: no form
    expect(upstream.received).toHaveLength(0)
  })

  it('also when the copies come in two Cookie headers', async () => {
    const { c } = await setup()
    const res = await rawRequest(
      c,
      `GET /api/v1/models HTTP/1.1\r\nHost: ${c.host}\r\nCookie: console_token=${TOKEN}\r\nCookie: console_token=evil\r\nConnection: close`,
    )
    expect(res.status).toBe(400)
    expect(JSON.parse(res.text)).toMatchObject({ code: 'proxy_ambiguous_token' })
  })

  it('is not consulted when the token comes in X-Console-Token', async () => {
    const { c } = await setup()
    const res = await send(c, {
      path: '/api/v1/models',
      headers: { 'x-console-token': TOKEN, cookie: `console_token=a; console_token=b` },
    })
    expect(res.status).toBe(200)
  })
})

describe('duplicate Host headers', () => {
  it.each([
    ['the good one first', (good: string) => [good, 'evil.example']],
    ['the good one last', (good: string) => ['evil.example', good]],
    ['the good one twice', (good: string) => [good, good]],
  ])('are refused with 400 (%s), with or without a token', async (_name, hosts) => {
    for (const token of [null, TOKEN]) {
      const { upstream, c } = await setup(token)
      const lines = hosts(c.host).map((h) => `Host: ${h}`)
      const res = await rawRequest(
        c,
        [
          'GET /api/v1/models HTTP/1.1',
          ...lines,
          `X-Console-Token: ${TOKEN}`,
          'Connection: close',
        ].join('\r\n'),
      )
      expect(res.status).toBe(400)
      expect(JSON.parse(res.text)).toEqual({
        success: false,
        error: 'The request must carry exactly one Host header',
        code: 'proxy_bad_host',
      })
      expect(upstream.received).toHaveLength(0)
    }
  })

  it('a single good Host still passes the same raw path', async () => {
    const { c } = await setup(null)
    const res = await rawRequest(
      c,
      `GET /api/v1/models HTTP/1.1\r\nHost: ${c.host}\r\nConnection: close`,
    )
    expect(res.status).toBe(200)
  })
})
