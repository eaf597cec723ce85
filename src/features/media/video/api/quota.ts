import { useSyncExternalStore } from 'react'

/**
 * The generate-video limit: the CRITICAL preset, 5 calls per 5 minutes per API key
 * (auth-errors-limits.md §3). The cloud reports where the caller stands in `X-RateLimit-*` headers
 * on every answer of the route and in `Retry-After` on a 429 (E10); nothing else exposes it, so
 * the console shows what the last answer said.
 */
export const VIDEO_RATE_LIMIT = { limit: 5, windowSeconds: 300 } as const

export interface QuotaSnapshot {
  limit: number
  /** Calls left in the window at the last answer; `null` until an answer said so. */
  remaining: number | null
  /** When the window resets (epoch ms), from `X-RateLimit-Reset`. */
  resetAt: number | null
  /** After a 429: the end of the wait `Retry-After` asked for (epoch ms). */
  blockedUntil: number | null
}

export const UNKNOWN_QUOTA: QuotaSnapshot = {
  limit: VIDEO_RATE_LIMIT.limit,
  remaining: null,
  resetAt: null,
  blockedUntil: null,
}

function parseInteger(value: string | null): number | null {
  if (value === null || value.trim() === '') return null
  const n = Number(value)
  return Number.isFinite(n) && n >= 0 ? Math.floor(n) : null
}

/** `X-RateLimit-Reset` is an ISO-8601 time (E10); epoch seconds are accepted too. */
function parseReset(value: string | null): number | null {
  if (!value) return null
  const asNumber = Number(value)
  if (Number.isFinite(asNumber)) return asNumber < 1e12 ? asNumber * 1000 : asNumber
  const time = Date.parse(value)
  return Number.isFinite(time) ? time : null
}

/**
 * The quota after one answer of generate-video. Answers without rate-limit headers (a failure
 * before the limiter, e.g. auth) leave it as it was; a 429 means nothing is left until
 * `Retry-After` (seconds, `60` when the cloud does not know) has passed.
 */
export function applyQuotaResponse(
  previous: QuotaSnapshot,
  status: number,
  headers: Headers,
  now: number,
): QuotaSnapshot {
  const limit = parseInteger(headers.get('x-ratelimit-limit'))
  const remaining = parseInteger(headers.get('x-ratelimit-remaining'))
  const resetAt = parseReset(headers.get('x-ratelimit-reset'))
  if (status === 429) {
    const retryAfter = parseInteger(headers.get('retry-after'))
    const blockedUntil = retryAfter !== null ? now + retryAfter * 1000 : (resetAt ?? now + 60_000)
    return {
      limit: limit ?? previous.limit,
      remaining: 0,
      resetAt: resetAt ?? previous.resetAt,
      blockedUntil,
    }
  }
  if (remaining === null) return previous
  return { limit: limit ?? previous.limit, remaining, resetAt, blockedUntil: null }
}

export interface QuotaView {
  limit: number
  /** Calls left now, or `null` when no answer has told yet (or the window it told about ended). */
  remaining: number | null
  /** Milliseconds until a call is possible again; 0 when one is possible now. */
  waitMs: number
}

/** What to show at `now`: a window that has reset no longer holds its old count. */
export function quotaView(snapshot: QuotaSnapshot, now: number): QuotaView {
  const { limit } = snapshot
  const blockedFor = snapshot.blockedUntil !== null ? snapshot.blockedUntil - now : 0
  if (blockedFor > 0) return { limit, remaining: 0, waitMs: blockedFor }
  // The wait a 429 asked for is over: its "nothing left" no longer holds.
  if (snapshot.blockedUntil !== null) return { limit, remaining: null, waitMs: 0 }
  if (snapshot.remaining === null) return { limit, remaining: null, waitMs: 0 }
  if (snapshot.resetAt !== null && snapshot.resetAt <= now) {
    return { limit, remaining: null, waitMs: 0 }
  }
  if (snapshot.remaining === 0) {
    const waitMs = snapshot.resetAt !== null ? snapshot.resetAt - now : 0
    return { limit, remaining: 0, waitMs: Math.max(0, waitMs) }
  }
  return { limit, remaining: snapshot.remaining, waitMs: 0 }
}

// ─── The page-independent store, kept in localStorage so a reload still knows the wait ─────────

const STORAGE_KEY = 'console.media.video.quota'
const listeners = new Set<() => void>()

function load(): QuotaSnapshot {
  try {
    const raw = globalThis.localStorage?.getItem(STORAGE_KEY)
    if (!raw) return UNKNOWN_QUOTA
    const value = JSON.parse(raw) as Partial<QuotaSnapshot>
    const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null)
    return {
      limit: num(value.limit) ?? VIDEO_RATE_LIMIT.limit,
      remaining: num(value.remaining),
      resetAt: num(value.resetAt),
      blockedUntil: num(value.blockedUntil),
    }
  } catch {
    return UNKNOWN_QUOTA // storage disabled or a hand-edited value: start from nothing known
  }
}

let current: QuotaSnapshot = load()

/** Records one answer of generate-video (called for every response, errors included). */
export function recordQuotaResponse(status: number, headers: Headers, now = Date.now()): void {
  const next = applyQuotaResponse(current, status, headers, now)
  if (next === current) return
  current = next
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(next))
  } catch {
    // storage full or disabled: the quota is still known for this page session
  }
  for (const listener of listeners) listener()
}

function subscribe(listener: () => void) {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

const getSnapshot = () => current

/** The last known quota; re-renders when an answer changes it. */
export function useVideoQuota(): QuotaSnapshot {
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot)
}

/** Test hook. */
export function resetVideoQuotaForTests(): void {
  current = UNKNOWN_QUOTA
  globalThis.localStorage?.removeItem(STORAGE_KEY)
  for (const listener of listeners) listener()
}
