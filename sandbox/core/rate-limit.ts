// The cloud's rate-limit middleware in its in-memory (fixed window) mode
// (docs/cloud/auth-errors-limits.md §3 and E10).
import type { MiddlewareHandler } from 'hono'
import { rateLimitError } from './errors.ts'

export interface RateLimitPreset {
  name: string
  limit: number
  windowMs: number
  /** AGGRESSIVE is keyed by client IP instead of by caller. */
  byIp?: boolean
}

export const PRESETS = {
  STANDARD: { name: 'STANDARD', limit: 60, windowMs: 60_000 },
  STRICT: { name: 'STRICT', limit: 10, windowMs: 60_000 },
  RELAXED: { name: 'RELAXED', limit: 200, windowMs: 60_000 },
  CRITICAL: { name: 'CRITICAL', limit: 5, windowMs: 300_000 },
  BURST: { name: 'BURST', limit: 10, windowMs: 1_000 },
  AGGRESSIVE: { name: 'AGGRESSIVE', limit: 100, windowMs: 60_000, byIp: true },
} satisfies Record<string, RateLimitPreset>

/**
 * Caller key, in the cloud's order: API key (`X-API-Key`, or a Bearer starting with `eliza_`)
 * → session user (none in the sandbox) → anonymous session → one shared `public` bucket.
 */
export function callerKey(headers: Headers): string {
  const bearer = headers.get('authorization')
  const apiKey =
    headers.get('x-api-key') ||
    (bearer?.startsWith('Bearer eliza_') ? bearer.slice('Bearer '.length) : null)
  if (apiKey) return `apikey:${apiKey}`
  const anon =
    headers.get('x-anonymous-session') ||
    /(?:^|;\s*)eliza-anon-session=([^;]*)/.exec(headers.get('cookie') ?? '')?.[1]
  if (anon) return `anon:${anon}`
  return 'public'
}

function ipKey(headers: Headers): string {
  const ip =
    headers.get('x-real-ip') || headers.get('x-forwarded-for')?.split(',')[0]?.trim() || 'unknown'
  return `ip:${ip}`
}

export interface RateLimitDecision {
  allowed: boolean
  limit: number
  remaining: number
  resetAt: number
  retryAfterSec: number
}

/**
 * One fixed-window counter per caller and preset; rejected requests still count. Deliberate
 * difference: the cloud's in-memory store keys by caller only, so every preset shares one counter
 * (five knowledge calls would then block a CRITICAL container create for five minutes). Production
 * may run the Redis mode instead (docs/cloud/README.md, "could not be determined"); a counter per preset
 * keeps each route family's documented limit meaningful. Routes of the same preset share a counter.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>()
  constructor(private readonly now: () => number = Date.now) {}

  check(key: string, preset: RateLimitPreset): RateLimitDecision {
    const now = this.now()
    const bucket = `${preset.name}|${key}`
    let entry = this.windows.get(bucket)
    if (!entry || entry.resetAt < now) {
      entry = { count: 0, resetAt: now + preset.windowMs }
      this.windows.set(bucket, entry)
    }
    entry.count++
    const allowed = entry.count <= preset.limit
    return {
      allowed,
      limit: preset.limit,
      remaining: Math.max(0, preset.limit - entry.count),
      resetAt: entry.resetAt,
      retryAfterSec: Math.ceil((entry.resetAt - now) / 1000),
    }
  }

  clear() {
    this.windows.clear()
  }
}

/** Wraps a route: 429 (E10) before the handler runs, `X-RateLimit-*` on every answer. */
export function rateLimit(limiter: RateLimiter, preset: RateLimitPreset): MiddlewareHandler {
  return async (c, next) => {
    const headers = c.req.raw.headers
    const decision = limiter.check(preset.byIp ? ipKey(headers) : callerKey(headers), preset)
    const rateHeaders = {
      'X-RateLimit-Limit': String(decision.limit),
      'X-RateLimit-Remaining': String(decision.remaining),
      'X-RateLimit-Reset': new Date(decision.resetAt).toISOString(),
      'X-RateLimit-Policy': 'in-memory',
    }
    if (!decision.allowed) {
      return rateLimitError(preset.limit, preset.windowMs, decision.retryAfterSec, rateHeaders)
    }
    await next()
    for (const [name, value] of Object.entries(rateHeaders)) c.res.headers.set(name, value)
  }
}
