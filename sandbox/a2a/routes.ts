// A2A and discovery family: docs/cloud/a2a-discovery.md. The platform card
// /.well-known/agent-card.json does not exist in the cloud, so it is left to the app's 404.
//
// Which file serves which path:
//   routes/discovery.ts   GET /api/v1/discovery
//   routes/a2a.ts         GET, POST /api/a2a (service description; JSON-RPC: message/send,
//                         tasks/get, tasks/cancel and the skills of skills.ts)
//   routes/agents.ts      GET, POST /api/agents/{id}/a2a (agent card; per-agent JSON-RPC)
// Shapes in schemas.ts, tasks in store.ts, demo data in seed.ts and directory-seed.ts.
import type { SandboxContext } from '../core/context.ts'
import type { Family } from '../core/family.ts'
import { FamilyRoutes } from '../core/route.ts'
import { seedDirectory } from './directory-seed.ts'
import { platformRoutes } from './routes/a2a.ts'
import { agentRoutes } from './routes/agents.ts'
import { clearDiscoveryCache, discoveryRoutes } from './routes/discovery.ts'
import { seedA2a } from './seed.ts'

export function a2aRoutes(ctx: SandboxContext): FamilyRoutes {
  return new FamilyRoutes('a2a')
    .include(discoveryRoutes(ctx))
    .include(platformRoutes(ctx))
    .include(agentRoutes(ctx))
}

export const a2aFamily: Family = {
  name: 'a2a',
  routes: a2aRoutes,
  tables: [
    'a2a_tasks',
    'user_mcps',
    'a2a_usage_records',
    'a2a_memories',
    'a2a_conversations',
    'a2a_rooms',
  ],
  seed: async (db) => {
    await seedA2a(db)
    await seedDirectory(db)
  },
  clear: clearDiscoveryCache,
}
