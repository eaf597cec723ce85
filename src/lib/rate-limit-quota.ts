import { useSyncExternalStore } from 'react'
import { useNow } from './use-now'

// Where a rate-limited route stands for this caller, as the cloud's answers tell it: the limiter
// (docs/cloud/auth-errors-limits.md §3, E10) puts `X-RateLimit-Limit/Remaining/Reset` on every answer of a
// wrapped route and `Retry-After` on a 429. Nothing else exposes it, so the console keeps what the
// last answer said, per route, in localStorage (a reload still knows the wait).

/** A limit of `limit` calls per `windowSeconds` (e.g. CRITICAL: 5 per 300 s). */
export interface RateLimit {
  limit: number
  windowSeconds: number
}

export interface QuotaSnapshot {
  limit: number
  /** Calls left in the window at the last answer; `null` until an answer said so. */
  remaining: number | null
  /** When the window resets (epoch ms), from `X-RateLimit-Reset`. */
  resetAt: number | null
  /** After a 429: the end of the wait `Retry-After` asked for (epoch ms). */
  blockedUntil: number | null
}

/** Nothing known yet about a route limited to `limit` calls. */
export const unknownQuota = (limit: number): QuotaSnapshot => ({
  limit,
  remaining: null,
  resetAt: null,
  blockedUntil: null,
})

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
 * The quota after one answer of the route. Answers without rate-limit headers (a failure before
 * the limiter, e.g. auth) leave it as it was; a 429 means nothing is left until `Retry-After`
 * (seconds, `60` when the cloud does not know) has passed.
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

/** "4:05" for a wait of 4 min 5 s (rounded up, so it never shows 0:00 while still waiting). */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000))
  const minutes = Math.floor(total / 60)
  const seconds = total % 60
  return `${minutes}:${String(seconds).padStart(2, '0')}`
}

/** One route's last known quota, shared by every page and kept across reloads. */
export interface QuotaStore {
  readonly rateLimit: RateLimit
  /** Records one answer of the route (call it for every response, errors included). */
  record(status: number, headers: Headers, now?: number): void
  getSnapshot(): QuotaSnapshot
  subscribe(listener: () => void): () => void
  /** Forgets everything (tests). */
  reset(): void
}

/** A store for one rate-limited route, persisted in localStorage under `storageKey`. */
export function createQuotaStore(storageKey: string, rateLimit: RateLimit): QuotaStore {
  const unknown = unknownQuota(rateLimit.limit)
  const listeners = new Set<() => void>()

  const load = (): QuotaSnapshot => {
    try {
      const raw = globalThis.localStorage?.getItem(storageKey)
      if (!raw) return unknown
      const value = JSON.parse(raw) as Partial<QuotaSnapshot>
      const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null)
      return {
        limit: num(value.limit) ?? rateLimit.limit,
        remaining: num(value.remaining),
        resetAt: num(value.resetAt),
        blockedUntil: num(value.blockedUntil),
      }
    } catch {
      return unknown // storage disabled or a hand-edited value: start from nothing known
    }
  }

  let current = load()
  const emit = () => {
    for (const listener of listeners) listener()
  }

  return {
    rateLimit,
    record(status, headers, now = Date.now()) {
      const next = applyQuotaResponse(current, status, headers, now)
      if (next === current) return
      current = next
      try {
        globalThis.localStorage?.setItem(storageKey, JSON.stringify(next))
      } catch {
        // storage full or disabled: the quota is still known for this page session
      }
      emit()
    },
    getSnapshot: () => current,
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    reset() {
      current = unknown
      try {
        globalThis.localStorage?.removeItem(storageKey)
      } catch {
        // nothing stored
      }
      emit()
    },
  }
}

/** The store's last known quota; re-renders when an answer changes it. */
export function useQuotaSnapshot(store: QuotaStore): QuotaSnapshot {
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot)
}

/** The quota as of now, ticking each second while a wait or a window end lies ahead. */
export function useQuotaView(store: QuotaStore): QuotaView {
  const snapshot = useQuotaSnapshot(store)
  const pendingUntil = Math.max(snapshot.resetAt ?? 0, snapshot.blockedUntil ?? 0)
  const now = useNow(pendingUntil > 0)
  return quotaView(snapshot, now)
}
