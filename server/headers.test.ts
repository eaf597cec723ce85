import { describe, expect, it } from 'vitest'
import { clientResponseHeaders, consoleLocation, upstreamRequestHeaders } from './headers.ts'

describe('upstreamRequestHeaders', () => {
  it('drops credentials, hop-by-hop and forwarding headers, then adds the key', () => {
    const raw = [
      'Host', 'x', 'Cookie', 'a=1', 'Authorization', 'Bearer b', 'X-API-Key', 'browser',
      'Connection', 'keep-alive, X-Secret-Hop', 'Keep-Alive', 'timeout=5', 'Proxy-Authorization', 'p',
      'TE', 'trailers', 'Trailer', 'x', 'Transfer-Encoding', 'chunked', 'Upgrade', 'h2c',
      'X-Forwarded-For', '1.2.3.4', 'X-Forwarded-Host', 'h', 'X-Secret-Hop', 'v', 'X-Console-Token', 't',
      'Content-Type', 'application/json', 'Accept', 'text/event-stream',
    ] // prettier-ignore
    expect(upstreamRequestHeaders(raw, 'keep-alive, X-Secret-Hop', 'K')).toEqual([
      'Content-Type', 'application/json', 'Accept', 'text/event-stream', 'x-api-key', 'K',
    ]) // prettier-ignore
  })

  // Headers a server behind a proxy may take as the client's address or the original URL, and the
  // cloud's other identities: none may be set by the browser through the proxy.
  it.each([
    'X-Real-IP',
    'X-Forwarded-For',
    'X-Forwarded-Host',
    'X-Forwarded-Proto',
    'X-Forwarded-Port',
    'X-Forwarded-Prefix',
    'Forwarded',
    'Via',
    'True-Client-IP',
    'CF-Connecting-IP',
    'X-Client-IP',
    'X-Cluster-Client-IP',
    'Fastly-Client-IP',
    'X-Original-URL',
    'X-Original-Host',
    'X-Rewrite-URL',
    'X-Host',
    'X-Service-Key',
    'X-Wallet-Address',
    'X-Wallet-Signature',
    'X-Timestamp',
    'X-Anonymous-Session',
    'X-Affiliate-Code',
    'Origin',
    'Referer',
    'Sec-Fetch-Site',
    'X-Custom',
  ])('never forwards %s', (name) => {
    expect(upstreamRequestHeaders([name, '203.0.113.9'], undefined, 'K')).toEqual([
      'x-api-key',
      'K',
    ])
  })

  it('forwards what the console and the cloud need: negotiation, caching, ranges, SSE, x402', () => {
    const raw = [
      'Accept', 'application/json', 'Accept-Encoding', 'gzip, br', 'Accept-Language', 'en',
      'Cache-Control', 'no-cache', 'Content-Type', 'application/json', 'Content-Length', '2',
      'If-None-Match', '"e"', 'Range', 'bytes=0-9', 'Last-Event-ID', '7', 'User-Agent', 'UA',
      'X-PAYMENT', 'eyJ4IjoxfQ==',
    ] // prettier-ignore
    expect(upstreamRequestHeaders(raw, 'keep-alive', 'K')).toEqual([...raw, 'x-api-key', 'K'])
  })
})

describe('clientResponseHeaders', () => {
  it('drops upstream cookies, CORS grants, hop-by-hop headers and auth challenges', () => {
    const out = clientResponseHeaders(
      {
        'content-type': 'text/event-stream',
        'set-cookie': ['a=1', 'b=2'],
        'access-control-allow-origin': '*',
        connection: 'x-hop',
        'x-hop': '1',
        'transfer-encoding': 'chunked',
        'x-ratelimit-remaining': '5',
        'www-authenticate': 'Basic realm="cloud"',
        'proxy-authenticate': 'Basic',
        refresh: '0; url=https://evil.example/',
        'clear-site-data': '"cookies", "storage"',
        location: 'https://evil.example/',
        'content-location': 'https://evil.example/',
      },
      { 'x-frame-options': 'DENY' },
    )
    expect(out).toEqual({
      'content-type': 'text/event-stream',
      'x-ratelimit-remaining': '5',
      'x-frame-options': 'DENY',
    })
  })
})

describe('consoleLocation', () => {
  const cloud = { origin: 'https://www.elizacloud.ai', prefix: '' }
  const prefixed = { origin: 'http://127.0.0.1:8787', prefix: '/base' }
  it.each([
    // upstream, Location, request target, what the browser is told
    [cloud, 'https://www.elizacloud.ai/api/v1/models?x=1', '/api/v1/x', '/api/v1/models?x=1'],
    [cloud, '/api/v1/agents/abc', '/api/v1/agents', '/api/v1/agents/abc'],
    [cloud, 'abc', '/api/v1/agents/', '/api/v1/agents/abc'],
    [cloud, '../models', '/api/v1/x/y', '/api/v1/models'],
    [prefixed, 'http://127.0.0.1:8787/base/api/v1/models', '/api/v1/x', '/api/v1/models'],
    [prefixed, '/base/api/a2a#top', '/api/v1/x', '/api/a2a#top'],
    // Another site, the checkout page included: no /api/ route redirects there (docs/proxy.md).
    [cloud, 'https://checkout.stripe.com/c/pay/cs_1', '/api/v1/credits/checkout', null],
    [cloud, 'https://evil.example/api/v1/models', '/api/v1/x', null],
    [cloud, '//evil.example/api/v1/models', '/api/v1/x', null],
    [cloud, 'http://www.elizacloud.ai/api/v1/models', '/api/v1/x', null], // another scheme
    [cloud, 'https://elizacloud.ai/api/v1/models', '/api/v1/x', null], // the bare host
    [cloud, 'https://user:pw@www.elizacloud.ai/api/v1/models', '/api/v1/x', null],
    // The upstream's own origin, but outside /api/ (its web pages): not reachable through the proxy.
    [cloud, '/login', '/api/v1/x', null],
    [cloud, '/dashboard/billing', '/api/v1/x', null],
    [prefixed, 'http://127.0.0.1:8787/api/v1/models', '/api/v1/x', null], // outside the prefix
    [cloud, '/api/v1/a%2fb', '/api/v1/x', null], // a path the proxy would refuse anyway
    [cloud, 'javascript:alert(1)', '/api/v1/x', null],
    [cloud, 'http://[::1', '/api/v1/x', null],
  ])('%o: %s from %s → %s', (upstream, location, target, expected) => {
    expect(consoleLocation(location, target, upstream)).toBe(expected)
  })
})
