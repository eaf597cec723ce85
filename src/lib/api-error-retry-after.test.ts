import { afterEach, describe, expect, it, vi } from 'vitest'

import { jsonResponse } from '@/test/responses'
import { ApiError } from './api-error'

afterEach(() => {
  vi.useRealTimers()
})

describe('ApiError.fromResponse: E10 and Retry-After', () => {
  it('E10 rate limiter with Retry-After header (docs/cloud/auth-errors-limits.md §2 E10)', async () => {
    const err = await ApiError.fromResponse(
      jsonResponse(
        429,
        {
          success: false,
          error: 'Too many requests',
          code: 'rate_limit_exceeded',
          message: 'Rate limit exceeded. Maximum 200 requests per 60 seconds.',
          retryAfter: 60,
        },
        {
          'Retry-After': '42',
          'X-RateLimit-Limit': '200',
          'X-RateLimit-Remaining': '0',
          'X-RateLimit-Policy': 'redis',
        },
      ),
    )
    expect(err.kind).toBe('rate_limited')
    expect(err.details.code).toBe('rate_limit_exceeded')
    // the header wins over the body
    expect(err.details.retryAfterSec).toBe(42)
    expect(err.message).toBe(
      'Too many requests. Rate limit exceeded. Maximum 200 requests per 60 seconds.',
    )
  })

  it('E10 body retryAfter when there is no header', async () => {
    const err = await ApiError.fromResponse(
      jsonResponse(429, {
        success: false,
        error: 'Too many requests',
        code: 'rate_limit_exceeded',
        message: 'Rate limit exceeded. Maximum 200 requests per 60 seconds.',
        retryAfter: 60,
      }),
    )
    expect(err.details.retryAfterSec).toBe(60)
  })

  /** The wait read from a 429 whose Retry-After is `date`, at 12:00:00 UTC on 20 April 2026. */
  async function waitAtNoon(date: string): Promise<number | undefined> {
    vi.useFakeTimers()
    vi.setSystemTime(new Date('2026-04-20T12:00:00Z'))
    const err = await ApiError.fromResponse(
      jsonResponse(429, { error: 'Too many requests' }, { 'Retry-After': date }),
    )
    return err.details.retryAfterSec
  }

  it('Retry-After as an HTTP date', async () => {
    expect(await waitAtNoon('Mon, 20 Apr 2026 12:01:30 GMT')).toBe(90)
  })

  it('Retry-After date in the past gives 0, not a negative wait', async () => {
    expect(await waitAtNoon('Mon, 20 Apr 2026 11:00:00 GMT')).toBe(0)
  })

  it('429 without Retry-After falls back to the ISO X-RateLimit-Reset (E10)', async () => {
    vi.useFakeTimers()
    vi.setSystemTime(new Date('2026-04-20T12:00:00Z'))
    const err = await ApiError.fromResponse(
      new Response('', {
        status: 429,
        headers: { 'X-RateLimit-Reset': '2026-04-20T12:00:15.000Z' },
      }),
    )
    expect(err.kind).toBe('rate_limited')
    expect(err.details.retryAfterSec).toBe(15)
  })

  it('A2A org rate limit: -32012 with no headers has no retryAfterSec (docs/cloud/auth-errors-limits.md §3)', async () => {
    const err = await ApiError.fromResponse(
      jsonResponse(429, {
        jsonrpc: '2.0',
        error: { code: -32012, message: 'Rate limited' },
        id: 1,
      }),
    )
    expect(err.kind).toBe('rate_limited')
    expect(err.details.retryAfterSec).toBeUndefined()
  })
})
