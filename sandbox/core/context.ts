import type { BalanceCache } from './auth.ts'
import type { Db } from './db/client.ts'
import type { FaultRegistry } from './faults.ts'
import type { RateLimiter } from './rate-limit.ts'
import type { Timing } from './timing.ts'

/** What every part of the app shares: the DB and the in-memory state a reset must clear. */
export interface SandboxContext {
  db: Db
  strict: boolean
  testMode: boolean
  /** The sandbox's own key (plaintext), kept across resets. */
  apiKey: string
  limiter: RateLimiter
  balanceCache: BalanceCache
  faults: FaultRegistry
  /** Pace of streams, generations and lifecycles; mutable through PUT /__sandbox/timing. */
  timing: Timing
  /** The timing the sandbox started with; a reset restores it. */
  initialTiming: Timing
}
