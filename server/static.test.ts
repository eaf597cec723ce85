import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { acceptedEncodings } from './static.ts'
import { send, startConsole, type RunningConsole } from './test-helpers.ts'

const INDEX = `<!doctype html><html><head><script type="module" src="/assets/index-abc123.js"></script></head><body><div id="root"></div>${' '.repeat(400)}</body></html>`
const SCRIPT = `console.log(${JSON.stringify('x'.repeat(2000))})\n`

let dir: string
let c: RunningConsole

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'console-dist-'))
  fs.mkdirSync(path.join(dir, 'assets'))
  fs.writeFileSync(path.join(dir, 'index.html'), INDEX)
  fs.writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), SCRIPT)
  fs.writeFileSync(path.join(dir, 'assets', 'style-def456.css'), 'body{color:red}')
  fs.writeFileSync(path.join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>')
  fs.writeFileSync(path.join(dir, 'logo.png'), Buffer.alloc(2000, 1))
  // No upstream is contacted by these tests.
  c = await startConsole({ upstreamOrigin: 'http://127.0.0.1:9', staticDir: dir })
  await c.app.ready
})

afterAll(async () => {
  await c.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

const SECURITY = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: https:; media-src 'self' data: blob: https:; connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
}

describe('static files', () => {
  it('serves hashed assets as immutable with the right type', async () => {
    const res = await send(c, { path: '/assets/index-abc123.js' })
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(res.text).toBe(SCRIPT)
    const css = await send(c, { path: '/assets/style-def456.css' })
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8')
  })

  it('revalidates index.html and other unhashed files', async () => {
    for (const p of ['/', '/index.html', '/favicon.svg']) {
      const res = await send(c, { path: p })
      expect(res.status, p).toBe(200)
      expect(res.headers['cache-control'], p).toBe('no-cache')
    }
    expect((await send(c, { path: '/favicon.svg' })).headers['content-type']).toBe('image/svg+xml')
  })

  it('negotiates brotli and gzip, and sends identity otherwise', async () => {
    const br = await send(c, {
      path: '/assets/index-abc123.js',
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    })
    expect(br.headers['content-encoding']).toBe('br')
    expect(br.headers.vary).toBe('Accept-Encoding')
    expect(zlib.brotliDecompressSync(br.body).toString()).toBe(SCRIPT)
    expect(Number(br.headers['content-length'])).toBeLessThan(SCRIPT.length)

    const gz = await send(c, {
      path: '/assets/index-abc123.js',
      headers: { 'accept-encoding': 'gzip;q=1, br;q=0' },
    })
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(zlib.gunzipSync(gz.body).toString()).toBe(SCRIPT)

    const plain = await send(c, { path: '/assets/index-abc123.js' })
    expect(plain.headers['content-encoding']).toBeUndefined()

    const png = await send(c, { path: '/logo.png', headers: { 'accept-encoding': 'br, gzip' } })
    expect(png.headers['content-encoding']).toBeUndefined()
    expect(png.headers['content-type']).toBe('image/png')
  })

  it('falls back to index.html for app routes, but 404s a missing asset', async () => {
    for (const p of ['/agents', '/agents/123?tab=chat', '/media/images']) {
      const res = await send(c, { path: p, headers: { accept: 'text/html' } })
      expect(res.status, p).toBe(200)
      expect(res.text, p).toBe(INDEX)
      expect(res.headers['cache-control'], p).toBe('no-cache')
    }
    const missing = await send(c, { path: '/assets/index-gone99.js' })
    expect(missing.status).toBe(404)
    const head = await send(c, { method: 'HEAD', path: '/agents' })
    expect(head.status).toBe(200)
    expect(head.body.length).toBe(0)
  })

  it('answers a matching If-None-Match with 304', async () => {
    const first = await send(c, { path: '/' })
    const etag = first.headers.etag
    expect(etag).toMatch(/^".+"$/)
    const again = await send(c, { path: '/', headers: { 'if-none-match': etag as string } })
    expect(again.status).toBe(304)
    expect(again.body.length).toBe(0)
  })

  it('puts the security headers on every kind of response', async () => {
    const responses = await Promise.all([
      send(c, { path: '/' }),
      send(c, { path: '/assets/index-abc123.js' }),
      send(c, { path: '/assets/missing.js' }),
      send(c, { path: '/_console/unknown' }),
      send(c, { path: '/api/v1/models' }), // upstream down: 502
      send(c, { path: '/', headers: { host: 'evil.example' } }),
      send(c, { method: 'POST', path: '/', headers: { 'sec-fetch-site': 'cross-site' } }),
    ])
    for (const res of responses) {
      for (const [name, value] of Object.entries(SECURITY)) {
        expect(res.headers[name], `${name} on a ${res.status}`).toBe(value)
      }
    }
    expect(responses.map((r) => r.status)).toEqual([200, 200, 404, 404, 502, 403, 403])
  })

  it('refuses non-GET methods on pages', async () => {
    const res = await send(c, { method: 'POST', path: '/agents' })
    expect(res.status).toBe(405)
    expect(JSON.parse(res.text)).toMatchObject({ code: 'proxy_method_not_allowed' })
  })
})

describe('acceptedEncodings', () => {
  it.each([
    [undefined, { br: false, gzip: false }],
    ['gzip, deflate, br, zstd', { br: true, gzip: true }],
    ['gzip', { br: false, gzip: true }],
    ['br;q=0, gzip', { br: false, gzip: true }],
    ['*', { br: true, gzip: true }],
    ['*;q=0, gzip', { br: false, gzip: true }],
    ['identity', { br: false, gzip: false }],
  ])('%s → %o', (header, expected) => {
    expect(acceptedEncodings(header)).toEqual(expected)
  })
})
