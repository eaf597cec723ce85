// Agents (characters) family: docs/cloud/agents.md. Characters are `user_characters` rows
// (characters.ts); hosted runtimes are `milady_sandboxes` rows (runtimes.ts). Every route wraps
// failures the way its cloud handler does, so the error shapes differ on purpose
// (docs/cloud/auth-errors-limits.md §2: E2, E6, E8, E9, E10).
//
// Which file serves which path:
//   /api/my-agents/characters[/{id}[/share|/clone|/stats|/track-view]]  routes/characters.ts
//   /api/v1/app/agents                                                  routes/app-agents.ts
//   /api/v1/agents/{agentId}[/publish|/monetization]                    routes/v1-agents.ts
//   /api/v1/agents, /api/v1/agents/{agentId}/<lifecycle> (partner only) routes/v1-agents.ts
//   /api/compat/agents/**, /api/compat/jobs/{jobId}                     routes/compat.ts
//   /api/v1/milady/agents/**                                            routes/milady.ts
// Shapes: schemas.ts. What the runtime routes share: runtime-kit.ts. Seed: seed.ts.
import type { SandboxContext } from '../core/context.ts'
import type { Family } from '../core/family.ts'
import { FamilyRoutes } from '../core/route.ts'
import { appAgentsRoutes } from './routes/app-agents.ts'
import { charactersRoutes } from './routes/characters.ts'
import { compatRoutes } from './routes/compat.ts'
import { miladyRoutes } from './routes/milady.ts'
import { v1AgentsRoutes } from './routes/v1-agents.ts'
import { seedAgents } from './seed.ts'

export function agentsRoutes(ctx: SandboxContext): FamilyRoutes {
  return new FamilyRoutes('agents')
    .include(charactersRoutes(ctx))
    .include(appAgentsRoutes(ctx))
    .include(v1AgentsRoutes(ctx))
    .include(compatRoutes(ctx))
    .include(miladyRoutes(ctx))
}

export const agentsFamily: Family = {
  name: 'agents',
  routes: agentsRoutes,
  tables: ['milady_sandbox_backups', 'milady_sandboxes'],
  seed: seedAgents,
}
