// One docs/cloud note = one family (docs/architecture.md §11). A family brings its routes and, optionally, the
// tables it owns (wiped on reset), its demo data and the in-memory state a reset must clear.
// app.ts, seed.ts and control.ts iterate over FAMILIES (families.ts), so a family never edits them.
import type { SandboxContext } from './context.ts'
import type { Db } from './db/client.ts'
import type { FamilyRoutes } from './route.ts'

export interface Family {
  name: string
  /** Its routes, each declared once (route.ts). */
  routes(ctx: SandboxContext): FamilyRoutes
  /** Tables created by this family's migration, wiped by a reset (TRUNCATE … CASCADE). */
  tables?: readonly string[]
  /** Demo data, run after the core seed (organization, user, key, agents) on first start and reset. */
  seed?(db: Db): Promise<void>
  /** Clears timers, jobs and caches kept in memory (reset and close). */
  clear?(ctx: SandboxContext): void
}
