// The in-memory limiter against docs/cloud/auth-errors-limits.md §3 and E10.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { callerKey, PRESETS, RateLimiter } from './rate-limit.ts'
import { openTestSandbox, type TestSandbox, SANDBOX_TIMEOUTS } from './test-utils.ts'

vi.setConfig(SANDBOX_TIMEOUTS)

describe('RateLimiter (fixed window)', () => {
  it('allows `limit` requests per window, then refuses until the window resets', () => {
    let now = 1_000_000
    const limiter = new RateLimiter(() => now)
    for (let i = 1; i <= 10; i++) {
      expect(limiter.check('k', PRESETS.STRICT)).toMatchObject({ allowed: true, remaining: 10 - i })
    }
    now += 15_000
    expect(limiter.check('k', PRESETS.STRICT)).toEqual({
      allowed: false,
      limit: 10,
      remaining: 0,
      resetAt: 1_060_000,
      retryAfterSec: 45,
    })
    now = 1_060_001
    expect(limiter.check('k', PRESETS.STRICT)).toMatchObject({ allowed: true, remaining: 9 })
  })

  it('keys by caller and preset: one preset does not use up another, other callers are apart', () => {
    const limiter = new RateLimiter(() => 0)
    for (let i = 0; i < 10; i++) limiter.check('k', PRESETS.STRICT)
    expect(limiter.check('k', PRESETS.STRICT).allowed).toBe(false)
    expect(limiter.check('k', PRESETS.STANDARD).allowed).toBe(true)
    expect(limiter.check('other', PRESETS.STRICT).allowed).toBe(true)
  })

  it('finds the caller in the cloud order', () => {
    expect(callerKey(new Headers({ 'X-API-Key': 'a', Authorization: 'Bearer eliza_b' }))).toBe(
      'apikey:a',
    )
    expect(callerKey(new Headers({ Authorization: 'Bearer eliza_b' }))).toBe('apikey:eliza_b')
    expect(
      callerKey(new Headers({ Authorization: 'Bearer jwt.x.y', 'X-Anonymous-Session': 's' })),
    ).toBe('anon:s')
    expect(callerKey(new Headers({ Cookie: 'a=1; eliza-anon-session=c' }))).toBe('anon:c')
    expect(callerKey(new Headers())).toBe('public')
  })
})

describe('wrapped routes', () => {
  let sb: TestSandbox
  beforeAll(async () => {
    sb = await openTestSandbox()
  })
  afterAll(() => sb.close())
  beforeEach(() => sb.reset())

  it('answers a burst beyond STANDARD with 429 E10, Retry-After and X-RateLimit-*', async () => {
    for (let i = 1; i <= 60; i++) {
      const ok = await sb.call('/api/v1/credits/summary')
      expect(ok.status).toBe(200)
      expect(ok.headers.get('x-ratelimit-remaining')).toBe(String(60 - i))
    }
    const before = Date.now()
    const res = await sb.call('/api/v1/credits/summary')
    expect(res.status).toBe(429)
    expect(await res.json()).toEqual({
      success: false,
      error: 'Too many requests',
      code: 'rate_limit_exceeded',
      message: 'Rate limit exceeded. Maximum 60 requests per 60 seconds.',
      retryAfter: Number(res.headers.get('retry-after')),
    })
    const retryAfter = Number(res.headers.get('retry-after'))
    expect(retryAfter).toBeGreaterThan(0)
    expect(retryAfter).toBeLessThanOrEqual(60)
    expect(res.headers.get('x-ratelimit-limit')).toBe('60')
    expect(res.headers.get('x-ratelimit-remaining')).toBe('0')
    expect(res.headers.get('x-ratelimit-policy')).toBe('in-memory')
    const reset = res.headers.get('x-ratelimit-reset') ?? ''
    expect(reset).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
    expect(Date.parse(reset)).toBeGreaterThan(before)
    expect(Date.parse(reset)).toBeLessThanOrEqual(before + 60_000)

    // Same caller, another STANDARD route: the counter is shared.
    expect((await sb.call('/api/credits/transactions')).status).toBe(429)
    // Routes without a limiter are unaffected and carry no X-RateLimit-*.
    const balance = await sb.call('/api/v1/credits/balance')
    expect(balance.status).toBe(200)
    expect(balance.headers.get('x-ratelimit-limit')).toBeNull()
  })

  it('limits before auth: a bad key is counted and refused too', async () => {
    for (let i = 0; i < 60; i++) await sb.call('/api/credits/transactions', { key: 'bad' })
    const res = await sb.call('/api/credits/transactions', { key: 'bad' })
    expect(res.status).toBe(429)
    // Another key has its own bucket.
    expect((await sb.call('/api/credits/transactions')).status).toBe(200)
  })
})
