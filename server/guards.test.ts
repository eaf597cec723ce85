import { describe, expect, it } from 'vitest'
import {
  allowedHosts,
  checkApiPath,
  checkHost,
  checkSameOrigin,
  checkSingleHost,
  headerCount,
  readCookies,
  tokenMatches,
} from './guards.ts'

describe('checkHost', () => {
  const allowed = allowedHosts(4000, ['127.0.0.1'])
  it.each([
    ['127.0.0.1:4000', true],
    ['localhost:4000', true],
    ['LOCALHOST:4000', true],
    ['[::1]:4000', true],
    ['127.0.0.1:4001', false],
    ['127.0.0.1', false],
    ['evil.example:4000', false],
    ['rebind.attacker.test', false],
    ['', false],
    [undefined, false],
  ])('Host %s → allowed %s', (host, ok) => {
    const r = checkHost(host, allowed)
    expect(r.ok).toBe(ok)
    if (!r.ok) expect(r).toMatchObject({ status: 403, code: 'proxy_forbidden_host' })
  })

  it('accepts the configured host name, IPv6 in brackets', () => {
    expect(checkHost('console.lan:8080', allowedHosts(8080, ['console.lan'])).ok).toBe(true)
    expect(checkHost('[fd00::5]:8080', allowedHosts(8080, ['fd00::5'])).ok).toBe(true)
    expect(checkHost('console.lan:8080', allowedHosts(8080, [])).ok).toBe(false)
  })
})

describe('checkSameOrigin', () => {
  const host = '127.0.0.1:4000'
  it.each([
    // method, origin, sec-fetch-site, allowed
    ['POST', 'http://127.0.0.1:4000', 'same-origin', true],
    ['POST', undefined, undefined, true], // curl and scripts send neither
    ['POST', undefined, 'none', true],
    ['DELETE', 'http://127.0.0.1:4000', undefined, true],
    ['POST', 'https://evil.example', 'cross-site', false],
    ['POST', 'https://evil.example', undefined, false],
    ['PUT', 'http://localhost:4000', undefined, false], // another origin even if it is this machine
    ['PATCH', 'null', undefined, false],
    ['POST', undefined, 'cross-site', false],
    ['POST', undefined, 'same-site', false], // another port of localhost
    ['DELETE', 'http://127.0.0.1:4000', 'same-site', false],
    ['GET', 'https://evil.example', undefined, true], // reads carry no Sec-Fetch-Site from old browsers
    ['GET', undefined, 'same-origin', true],
    ['GET', undefined, 'none', true],
    ['GET', undefined, 'cross-site', false],
    ['HEAD', undefined, 'same-site', false],
  ])('%s origin=%s site=%s → %s', (method, origin, secFetchSite, ok) => {
    const r = checkSameOrigin({ method, host, origin, secFetchSite })
    expect(r.ok).toBe(ok)
    if (!r.ok) expect(r).toMatchObject({ status: 403, code: 'proxy_cross_site' })
  })

  // The checkout page (another origin) sends the browser back to /billing: a page loads, nothing
  // else does from elsewhere.
  it.each([
    ['GET', '/billing', 'navigate', 'document', 'same-site', true],
    ['GET', '/billing', 'navigate', 'document', 'cross-site', true],
    ['GET', '/api/v1/credits/balance', 'navigate', 'document', 'cross-site', false],
    ['GET', '/api', 'navigate', 'document', 'cross-site', false],
    ['GET', '/_console/info', 'navigate', 'document', 'same-site', false],
    ['GET', '/billing', 'navigate', 'iframe', 'cross-site', false],
    ['GET', '/billing', 'no-cors', 'script', 'cross-site', false],
    ['POST', '/billing', 'navigate', 'document', 'cross-site', false],
  ])(
    '%s %s mode=%s dest=%s site=%s → %s',
    (method, pathname, secFetchMode, secFetchDest, secFetchSite, ok) => {
      const r = checkSameOrigin({
        method,
        host,
        origin: undefined,
        secFetchSite,
        secFetchMode,
        secFetchDest,
        pathname,
      })
      expect(r.ok).toBe(ok)
    },
  )
})

describe('checkApiPath', () => {
  it.each([
    '/api/v1/models',
    '/api/v1/models/openai/gpt-4o-mini',
    '/api/my-agents/characters?page=2&q=a..b%2F',
    '/api/my-agents/characters/1b0c2f6e-8d6a-4a8e-9f7e-0a1b2c3d4e5f',
    '/api/v1/models/gpt-4.1',
    '/api/v1/knowledge/query?q=%2e%2e',
    '/api/a2a',
    '/api/v1/models/a%20b',
  ])('forwards %s', (target) => {
    expect(checkApiPath(target)).toEqual({ ok: true })
  })

  it.each([
    '/api/../etc/passwd',
    '/api/v1/..',
    '/api/v1/%2e%2e/admin',
    '/api/v1/%2E%2E/admin',
    '/api/v1/.%2e/admin',
    '/api/v1/%2e./admin',
    '/api/v1/%252e%252e/admin', // double-encoded
    '/api/v1/%25252e%25252e/admin', // triple-encoded
    '/api/v1/./models',
    '/api/v1/%2e/models',
    '/api/v1/a%2fb',
    '/api/v1/a%2Fb',
    '/api/v1/a%5cb',
    '/api/v1/a%5Cb',
    '/api/v1/a%252fb',
    '/api/v1/a\\b',
    '/api//v1/models',
    '/api/v1/a%00b',
    '/api/v1/a%0ab',
    '/api/v1/%zz',
    'http://evil.example/api/v1/models',
    '//evil.example/api/v1/models',
    '*',
    '',
    undefined,
    '/apix/v1',
    '/api',
    '/v1/models',
    '/api/v1/models#frag',
  ])('refuses %s', (target) => {
    expect(checkApiPath(target)).toMatchObject({ ok: false, status: 400, code: 'proxy_bad_path' })
  })
})

describe('readCookies', () => {
  it.each([
    ['console_token=abc', ['abc']],
    ['a=1; console_token=abc; b=2', ['abc']],
    ['a=1;console_token=x=y', ['x=y']],
    ['a=1', []],
    ['xconsole_token=abc', []],
    [undefined, []],
    // A second copy set by another port of the same host name (or two joined Cookie headers).
    ['console_token=evil; console_token=mine', ['evil', 'mine']],
    ['console_token=a; other=1; console_token=a', ['a', 'a']],
  ])('%s → %o', (header, values) => {
    expect(readCookies(header, 'console_token')).toEqual(values)
  })
})

describe('checkSingleHost', () => {
  it.each([
    [['Host', 'a'], true],
    [['host', 'a', 'Accept', '*/*'], true],
    [['Host', '127.0.0.1:4000', 'Host', 'evil.example'], false],
    [['Host', 'evil.example', 'HOST', '127.0.0.1:4000'], false],
    [['Accept', '*/*'], false],
    [[], false],
  ])('%o → %s', (raw, ok) => {
    const r = checkSingleHost(raw)
    expect(r.ok).toBe(ok)
    if (!r.ok) expect(r).toMatchObject({ status: 400, code: 'proxy_bad_host' })
  })

  it('counts a header by name in any case, and only that name', () => {
    expect(headerCount(['Host', 'a', 'X-Host', 'b', 'hOsT', 'c'], 'host')).toBe(2)
  })
})

describe('tokenMatches', () => {
  it('matches only the exact token', () => {
    expect(tokenMatches('s3cret-token', 's3cret-token')).toBe(true)
    expect(tokenMatches('s3cret-toke', 's3cret-token')).toBe(false)
    expect(tokenMatches('s3cret-token!', 's3cret-token')).toBe(false)
    expect(tokenMatches('', 's3cret-token')).toBe(false)
    expect(tokenMatches(undefined, 's3cret-token')).toBe(false)
  })
})
