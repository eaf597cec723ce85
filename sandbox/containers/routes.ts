// Containers family: docs/cloud/containers.md (§1 credentials, §2 create/redeploy, §3 list,
// §4 get, §5 update, §6 delete, §7 deployments, §8 health, §9 logs, §10 live logs, §11 metrics,
// §12 quota, § Billing). Provisioning is emulated from stored timestamps (containers/lifecycle.ts).
// Every handler's catch-all answers 500 {"success":false,"error":"<message>"}, so auth failures,
// malformed JSON and non-UUID ids are 500s too (E6 without details; containers/guarded.ts).
//
// Which file serves which path (joined in this order: a static segment before `{id}`):
//   /api/v1/containers/credentials        routes/credentials.ts
//   /api/v1/containers/quota              routes/quota.ts
//   /api/v1/containers, /containers/{id}  routes/containers.ts
//   /api/v1/containers/{id}/deployments   routes/deployments.ts
//   /api/v1/containers/{id}/health        routes/health.ts
//   /api/v1/containers/{id}/logs[/stream] routes/logs.ts (the stream itself: stream.ts)
//   /api/v1/containers/{id}/metrics       routes/metrics.ts
// Shapes: schemas.ts. Rows and deployments: store.ts. Lifecycle: lifecycle.ts. Prices: pricing.ts.
import type { SandboxContext } from '../core/context.ts'
import type { Family } from '../core/family.ts'
import { FamilyRoutes } from '../core/route.ts'
import { containerRoutes } from './routes/containers.ts'
import { credentialsRoutes } from './routes/credentials.ts'
import { deploymentsRoutes } from './routes/deployments.ts'
import { healthRoutes } from './routes/health.ts'
import { logsRoutes } from './routes/logs.ts'
import { metricsRoutes } from './routes/metrics.ts'
import { quotaRoutes } from './routes/quota.ts'
import { seedContainerData } from './seed.ts'
import { stopStreams } from './stream.ts'

export function containersRoutes(ctx: SandboxContext): FamilyRoutes {
  return new FamilyRoutes('containers')
    .include(credentialsRoutes(ctx))
    .include(quotaRoutes(ctx))
    .include(containerRoutes(ctx))
    .include(deploymentsRoutes(ctx))
    .include(healthRoutes(ctx))
    .include(logsRoutes(ctx))
    .include(metricsRoutes(ctx))
}

export const containersFamily: Family = {
  name: 'containers',
  routes: containersRoutes,
  tables: ['container_logs', 'container_deployments'],
  seed: seedContainerData,
  clear: stopStreams,
}
