import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  applyQuotaResponse,
  createQuotaStore,
  formatCountdown,
  quotaView,
  unknownQuota,
} from './rate-limit-quota'

const UNKNOWN_QUOTA = unknownQuota(5)

const NOW = Date.parse('2026-04-20T10:00:00.000Z')
const headers = (h: Record<string, string>) => new Headers(h)

describe('applyQuotaResponse (docs/cloud/auth-errors-limits.md E10)', () => {
  it('reads remaining and the ISO reset time of a successful answer', () => {
    const next = applyQuotaResponse(
      UNKNOWN_QUOTA,
      200,
      headers({
        'X-RateLimit-Limit': '5',
        'X-RateLimit-Remaining': '3',
        'X-RateLimit-Reset': '2026-04-20T10:04:00.000Z',
      }),
      NOW,
    )
    expect(next).toEqual({ limit: 5, remaining: 3, resetAt: NOW + 240_000, blockedUntil: null })
    expect(quotaView(next, NOW)).toEqual({ limit: 5, remaining: 3, waitMs: 0 })
  })

  it('a 429 blocks for Retry-After seconds and shows 0 left', () => {
    const next = applyQuotaResponse(
      UNKNOWN_QUOTA,
      429,
      headers({ 'Retry-After': '90', 'X-RateLimit-Remaining': '0' }),
      NOW,
    )
    expect(next.blockedUntil).toBe(NOW + 90_000)
    expect(quotaView(next, NOW + 30_000)).toEqual({ limit: 5, remaining: 0, waitMs: 60_000 })
    // once the wait is over the old count no longer holds
    expect(quotaView(next, NOW + 91_000)).toEqual({ limit: 5, remaining: null, waitMs: 0 })
  })

  it('a 429 without Retry-After waits until the reset, else 60 s', () => {
    const withReset = applyQuotaResponse(
      UNKNOWN_QUOTA,
      429,
      headers({ 'X-RateLimit-Reset': '2026-04-20T10:02:00.000Z' }),
      NOW,
    )
    expect(withReset.blockedUntil).toBe(NOW + 120_000)
    expect(applyQuotaResponse(UNKNOWN_QUOTA, 429, headers({}), NOW).blockedUntil).toBe(NOW + 60_000)
  })

  it('0 left after a success counts down to the window reset', () => {
    const next = applyQuotaResponse(
      UNKNOWN_QUOTA,
      200,
      headers({ 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '2026-04-20T10:05:00.000Z' }),
      NOW,
    )
    expect(quotaView(next, NOW + 60_000)).toEqual({ limit: 5, remaining: 0, waitMs: 240_000 })
    expect(quotaView(next, NOW + 300_000)).toEqual({ limit: 5, remaining: null, waitMs: 0 })
  })

  it('an answer without rate-limit headers (e.g. a 401 before the limiter) changes nothing', () => {
    const known = { limit: 5, remaining: 2, resetAt: NOW + 1000, blockedUntil: null }
    expect(applyQuotaResponse(known, 401, headers({}), NOW)).toBe(known)
  })
})

describe('formatCountdown', () => {
  it('rounds up to whole seconds and never shows 0:00 while waiting', () => {
    expect(formatCountdown(245_000)).toBe('4:05')
    expect(formatCountdown(1)).toBe('0:01')
    expect(formatCountdown(0)).toBe('0:00')
    expect(formatCountdown(-5)).toBe('0:00')
  })
})

describe('createQuotaStore', () => {
  const storage = new Map<string, string>()
  vi.stubGlobal('localStorage', {
    getItem: (k: string) => storage.get(k) ?? null,
    setItem: (k: string, v: string) => void storage.set(k, v),
    removeItem: (k: string) => void storage.delete(k),
  })
  afterEach(() => storage.clear())

  it('keeps each route apart, tells subscribers, and is read back after a reload', () => {
    const a = createQuotaStore('test.a', { limit: 5, windowSeconds: 300 })
    const b = createQuotaStore('test.b', { limit: 10, windowSeconds: 60 })
    const seen = vi.fn()
    const unsubscribe = a.subscribe(seen)
    a.record(429, headers({ 'Retry-After': '90' }), NOW)
    expect(seen).toHaveBeenCalledTimes(1)
    expect(a.getSnapshot()).toMatchObject({ remaining: 0, blockedUntil: NOW + 90_000 })
    expect(b.getSnapshot()).toEqual(unknownQuota(10))
    // An answer without the headers changes nothing, and nobody is told.
    a.record(500, headers({}), NOW)
    expect(seen).toHaveBeenCalledTimes(1)
    unsubscribe()
    const reloaded = createQuotaStore('test.a', { limit: 5, windowSeconds: 300 })
    expect(reloaded.getSnapshot()).toEqual(a.getSnapshot())
    reloaded.reset()
    expect(createQuotaStore('test.a', { limit: 5, windowSeconds: 300 }).getSnapshot()).toEqual(
      UNKNOWN_QUOTA,
    )
  })

  it('starts from nothing known when the stored value is not JSON', () => {
    storage.set('test.c', '{not json')
    expect(createQuotaStore('test.c', { limit: 5, windowSeconds: 300 }).getSnapshot()).toEqual(
      UNKNOWN_QUOTA,
    )
  })
})
