// Throttling of console-token guesses (CONSOLE_TOKEN), per client address. Without it the sign-in
// answered about 900 guesses a second. After a few free failures each new wrong token locks the
// address out for twice as long as the last one (1 s, 2 s, 4 s … up to 5 minutes); while locked,
// every attempt from that address is refused unchecked, the right token included, so a lock-out
// tells a guesser nothing. A wrong value already counted does not count again: a browser that keeps
// sending a stale cookie (the token changed at a restart) makes one failure, not one per request.
import net from 'node:net'

export interface AttemptLimiterOptions {
  /** Failures allowed before the first lock-out. */
  free?: number
  /** The first lock-out; each further failure doubles it. */
  baseMs?: number
  maxMs?: number
  /** An address with no failure for this long starts afresh. */
  forgetMs?: number
  /** Addresses remembered at most (the least recently failed is forgotten first). */
  maxClients?: number
  now?: () => number
}

export interface AttemptLimiter {
  /** Whole seconds until `client` may try again; 0 when it may try now. */
  retryAfterSec(client: string): number
  /** Records a wrong token; `fingerprint` identifies the value (a repeat is not a new guess). */
  failed(client: string, fingerprint: string): void
  /** A successful sign-in: the address starts afresh. */
  succeeded(client: string): void
}

interface Entry {
  failures: number
  lastFailureAt: number
  lockedUntil: number
  /** Fingerprints of the wrong values counted lately (bounded). */
  recent: string[]
}

const RECENT_VALUES = 16

export const DEFAULT_ATTEMPTS = {
  free: 5,
  baseMs: 1000,
  maxMs: 5 * 60_000,
  forgetMs: 60 * 60_000,
  maxClients: 10_000,
} as const

export function createAttemptLimiter(options: AttemptLimiterOptions = {}): AttemptLimiter {
  const { free, baseMs, maxMs, forgetMs, maxClients } = { ...DEFAULT_ATTEMPTS, ...options }
  const now = options.now ?? Date.now
  const entries = new Map<string, Entry>()

  function current(client: string, t: number): Entry | undefined {
    const entry = entries.get(client)
    if (entry && t - entry.lastFailureAt > forgetMs) {
      entries.delete(client)
      return undefined
    }
    return entry
  }

  return {
    retryAfterSec(client) {
      const t = now()
      const entry = current(client, t)
      if (!entry || entry.lockedUntil <= t) return 0
      return Math.ceil((entry.lockedUntil - t) / 1000)
    },
    failed(client, fingerprint) {
      const t = now()
      const entry = current(client, t) ?? {
        failures: 0,
        lastFailureAt: t,
        lockedUntil: 0,
        recent: [],
      }
      if (entry.recent.includes(fingerprint)) return
      entry.recent.push(fingerprint)
      if (entry.recent.length > RECENT_VALUES) entry.recent.shift()
      entry.failures++
      entry.lastFailureAt = t
      if (entry.failures > free) {
        entry.lockedUntil = t + Math.min(baseMs * 2 ** (entry.failures - free - 1), maxMs)
      }
      // Re-inserted, so the Map's order is the order of last failure and the oldest goes first.
      entries.delete(client)
      entries.set(client, entry)
      if (entries.size > maxClients) {
        const oldest = entries.keys().next().value
        if (oldest !== undefined) entries.delete(oldest)
      }
    },
    succeeded(client) {
      entries.delete(client)
    },
  }
}

/**
 * The throttling key of a socket's remote address: IPv4 as is (also when IPv4-mapped), IPv6 by its
 * /64, since one machine usually holds a whole /64 and could otherwise change address per guess.
 * The proxy is reached directly, so no `X-Forwarded-For` is trusted.
 */
export function clientKey(address: string | undefined): string {
  if (!address) return 'unknown'
  if (address.startsWith('::ffff:') && net.isIPv4(address.slice(7))) return address.slice(7)
  if (!net.isIPv6(address)) return address
  return `${ipv6Groups(address).slice(0, 4).join(':')}::/64`
}

/** The eight groups of an IPv6 address, without leading zeros (`fd00::1` → fd00,0,0,0,0,0,0,1). */
function ipv6Groups(address: string): string[] {
  const bare = address.split('%')[0] as string
  const [head = '', tail] = bare.split('::')
  const left = head ? head.split(':') : []
  const right = tail ? tail.split(':') : []
  const groups =
    tail === undefined
      ? left
      : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
  return groups.map((g) => (net.isIPv4(g) ? g : parseInt(g, 16).toString(16)))
}
