// GET /api/v1/containers/{id}/metrics (docs/cloud/containers.md §11).

import type { SandboxContext } from '../../core/context.ts'
import { flagError, methodNotAllowed } from '../../core/errors.ts'

import { FamilyRoutes } from '../../core/route.ts'

import { guarded, requireAuth } from '../guarded.ts'
import { requireContainer } from '../store.ts'
import { err, idParams, ok, metricsData, metricsQuery } from '../schemas.ts'
import { sampleMetrics } from '../logs.ts'

export function metricsRoutes(ctx: SandboxContext): FamilyRoutes {
  const routes = new FamilyRoutes('containers')
  const { app } = routes
  const { db } = ctx

  // §11 metrics.
  routes.route({
    method: 'get',
    path: '/api/v1/containers/{id}/metrics',
    auth: 'key',
    summary: 'CPU / memory / network (?period minutes)',
    note: 'docs/cloud/containers.md §11',
    params: idParams,
    query: metricsQuery,
    responses: {
      200: { description: 'CPU / memory / network (?period minutes)', schema: ok(metricsData) },
      400: err('Not deployed to ECS yet'),
      404: err('Container not found'),
      500: err('Failure, including auth and a non-UUID id'),
    },
    handler: (c) =>
      guarded(async () => {
        const auth = await requireAuth(ctx, c)
        const row = await requireContainer(db, auth, c.req.param('id') ?? '')
        if (!row.ecs_service_arn)
          return flagError(400, 'Container has not been deployed to ECS yet')
        const period = Number.parseInt(c.req.query('period') ?? '60', 10)
        const now = Date.now()
        // A container that is not running reports nothing, and missing metrics are 0.
        const sample =
          row.status === 'running'
            ? sampleMetrics(row.id, now)
            : {
                cpu_utilization: 0,
                memory_utilization: 0,
                network_rx_bytes: 0,
                network_tx_bytes: 0,
                timestamp: new Date(now).toISOString(),
              }
        return c.json({
          success: true,
          data: {
            container: { id: row.id, name: row.name, status: row.status },
            metrics: {
              cpu_utilization: sample.cpu_utilization,
              memory_utilization: sample.memory_utilization,
              network_rx_bytes: sample.network_rx_bytes,
              network_tx_bytes: sample.network_tx_bytes,
              // Not measured: the desired count (docs/cloud/containers.md §11).
              task_count: row.desired_count,
              healthy_task_count: row.desired_count,
              timestamp: sample.timestamp,
            },
            period_minutes: Number.isNaN(period) ? 60 : period,
          },
        })
      }),
  })

  app.all('/api/v1/containers/:id/metrics', () => methodNotAllowed(['GET', 'OPTIONS']))

  return routes
}
