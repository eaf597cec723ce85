import type { BalanceCache } from './auth.ts'
import type { Db } from './db/client.ts'
import type { FaultRegistry } from './faults.ts'
import type { RateLimiter } from './rate-limit.ts'

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
}
