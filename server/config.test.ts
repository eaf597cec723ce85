import { describe, expect, it } from 'vitest'
import {
  ConfigError,
  DEFAULT_BODY_LIMIT,
  isLoopbackHost,
  parseConfig,
  tokenLines,
  upstreamOriginOf,
} from './config.ts'

const TOKEN = 'a-console-token-of-32-characters'

describe('parseConfig', () => {
  it('has the documented defaults', () => {
    expect(parseConfig({})).toEqual({
      port: 4000,
      host: '127.0.0.1',
      apiKey: null,
      baseUrl: 'https://www.elizacloud.ai/api/v1',
      upstreamOrigin: 'https://www.elizacloud.ai',
      consoleToken: null,
      consoleTokenGenerated: false,
      timeoutMs: null,
      bodyLimit: DEFAULT_BODY_LIMIT,
      sandboxDataDir: '.data/sandbox',
      sandboxMemory: false,
      sandboxStrict: false,
    })
    expect(DEFAULT_BODY_LIMIT).toBe(110 * 1024 * 1024)
  })

  it('reads every variable', () => {
    const c = parseConfig({
      PORT: '4100',
      HOST: 'localhost',
      ELIZACLOUD_API_KEY: 'eliza_abc',
      ELIZACLOUD_BASE_URL: 'http://127.0.0.1:8787/api/v1/',
      CONSOLE_TOKEN: TOKEN,
      PROXY_TIMEOUT_MS: '2500',
      PROXY_BODY_LIMIT: '1000',
      SANDBOX_DATA_DIR: '/tmp/sbx',
      SANDBOX_MEMORY: '1',
      SANDBOX_STRICT: 'true',
    })
    expect(c).toMatchObject({
      port: 4100,
      host: 'localhost',
      apiKey: 'eliza_abc',
      upstreamOrigin: 'http://127.0.0.1:8787',
      consoleToken: TOKEN,
      consoleTokenGenerated: false,
      timeoutMs: 2500,
      bodyLimit: 1000,
      sandboxDataDir: '/tmp/sbx',
      sandboxMemory: true,
      sandboxStrict: true,
    })
  })

  it.each([
    'http://127.0.0.1:8787/api/v1',
    'http://127.5.6.7/api/v1',
    'http://localhost:8787/api/v1',
    'http://[::1]:8787/api/v1',
    'https://www.elizacloud.ai/api/v1',
    'https://cloud.example.com/api/v1',
  ])('accepts ELIZACLOUD_BASE_URL=%s', (url) => {
    expect(parseConfig({ ELIZACLOUD_BASE_URL: url }).baseUrl).toBe(url)
  })

  it.each([
    ['http://www.elizacloud.ai/api/v1', /http:\/\/ only for a loopback host/],
    ['http://192.168.1.10:8787/api/v1', /loopback/],
    ['http://127.0.0.1.evil.example/api/v1', /loopback/],
    ['ftp://127.0.0.1/api/v1', /http\(s\)/],
    ['not a url', /not a URL/],
    ['https://user:pass@www.elizacloud.ai/api/v1', /credentials/],
  ])('refuses ELIZACLOUD_BASE_URL=%s', (url, message) => {
    expect(() => parseConfig({ ELIZACLOUD_BASE_URL: url })).toThrow(ConfigError)
    expect(() => parseConfig({ ELIZACLOUD_BASE_URL: url })).toThrow(message)
  })

  it('refuses a non-loopback HOST without CONSOLE_TOKEN', () => {
    expect(() => parseConfig({ HOST: '0.0.0.0' })).toThrow(/CONSOLE_TOKEN/)
    expect(() => parseConfig({ HOST: '192.168.1.5' })).toThrow(ConfigError)
    expect(parseConfig({ HOST: '0.0.0.0', CONSOLE_TOKEN: TOKEN }).host).toBe('0.0.0.0')
    expect(parseConfig({ HOST: '::1' }).host).toBe('::1')
  })

  it.each([
    [{ PORT: 'abc' }, /PORT must be a whole number/],
    [{ PORT: '70000' }, /PORT must be between/],
    [{ PROXY_TIMEOUT_MS: '0' }, /PROXY_TIMEOUT_MS/],
    [{ PROXY_BODY_LIMIT: '-5' }, /PROXY_BODY_LIMIT/],
    [{ SANDBOX_MEMORY: 'maybe' }, /SANDBOX_MEMORY/],
    [{ CONSOLE_TOKEN: 'short' }, /at least 32 characters long \(got 5\).*CONSOLE_TOKEN=generate/],
    [{ CONSOLE_TOKEN: TOKEN.slice(1) }, /at least 32/],
    [{ CONSOLE_TOKEN: 'correct-horse-battery' }, /at least 32/],
    [{ CONSOLE_TOKEN: `${TOKEN.slice(2)} x` }, /printable ASCII/],
    [{ HOST: 'a b' }, /HOST/],
  ])('refuses %o', (env, message) => {
    expect(() => parseConfig(env)).toThrow(message)
  })

  it('makes a 256-bit token for CONSOLE_TOKEN=generate, a new one at each start', () => {
    const a = parseConfig({ CONSOLE_TOKEN: 'generate' })
    const b = parseConfig({ CONSOLE_TOKEN: ' generate ', HOST: '0.0.0.0' })
    expect(a.consoleToken).toMatch(/^[\w-]{43}$/)
    expect(a.consoleTokenGenerated).toBe(true)
    expect(b.consoleToken).toMatch(/^[\w-]{43}$/)
    expect(b.consoleToken).not.toBe(a.consoleToken)
    expect(parseConfig({ CONSOLE_TOKEN: TOKEN }).consoleTokenGenerated).toBe(false)
  })

  it('prints a generated token once at start, never a configured one', () => {
    const generated = parseConfig({ CONSOLE_TOKEN: 'generate' })
    expect(tokenLines(generated).join('\n')).toContain(generated.consoleToken as string)
    const configured = parseConfig({ CONSOLE_TOKEN: TOKEN })
    expect(tokenLines(configured)).toEqual(['  Sign-in:  required (CONSOLE_TOKEN)'])
    expect(tokenLines(parseConfig({}))).toEqual([])
  })

  it('never quotes the console token in its messages', () => {
    const short = 'secret-but-short'
    expect(() => parseConfig({ CONSOLE_TOKEN: short })).toThrow(ConfigError)
    try {
      parseConfig({ CONSOLE_TOKEN: short })
    } catch (err) {
      expect(String(err)).not.toContain(short)
    }
  })

  it('never prints the key in its messages', () => {
    const key = 'eliza_secret value'
    expect(() => parseConfig({ ELIZACLOUD_API_KEY: key })).toThrow(ConfigError)
    try {
      parseConfig({ ELIZACLOUD_API_KEY: key })
    } catch (err) {
      expect(String(err)).not.toContain('secret')
    }
  })
})

describe('upstreamOriginOf', () => {
  it.each([
    ['https://www.elizacloud.ai/api/v1', 'https://www.elizacloud.ai'],
    ['https://www.elizacloud.ai/api/v1/', 'https://www.elizacloud.ai'],
    ['http://127.0.0.1:8787/api/v1', 'http://127.0.0.1:8787'],
    ['http://127.0.0.1:8787', 'http://127.0.0.1:8787'],
    ['https://host.example/prefix/api/v1', 'https://host.example/prefix'],
  ])('%s → %s', (base, origin) => {
    expect(upstreamOriginOf(base)).toBe(origin)
  })
})

describe('isLoopbackHost', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.255.0.9', true],
    ['localhost', true],
    ['LocalHost', true],
    ['::1', true],
    ['[::1]', true],
    ['0.0.0.0', false],
    ['::', false],
    ['10.0.0.1', false],
    ['128.0.0.1', false],
    ['example.com', false],
    ['localhost.example.com', false],
  ])('%s → %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected)
  })
})
