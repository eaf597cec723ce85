// GET /api/v1/containers/{id}/health (docs/cloud/containers.md §8).

import type { SandboxContext } from '../../core/context.ts'
import { flagError, methodNotAllowed } from '../../core/errors.ts'

import { FamilyRoutes } from '../../core/route.ts'

import { guarded, requireAuth } from '../guarded.ts'
import { requireContainer } from '../store.ts'
import { err, idParams, ok, healthData } from '../schemas.ts'
import { noise } from '../logs.ts'

export function healthRoutes(ctx: SandboxContext): FamilyRoutes {
  const routes = new FamilyRoutes('containers')
  const { app } = routes
  const { db } = ctx

  // §8 health: the emulated service answers while it is up; an unhealthy answer fails a running container.
  routes.route({
    method: 'get',
    path: '/api/v1/containers/{id}/health',
    auth: 'key',
    summary: 'Live health probe',
    note: 'docs/cloud/containers.md §8',
    params: idParams,
    responses: {
      200: { description: 'Live health probe', schema: ok(healthData) },
      400: err('Not deployed yet: no URL'),
      404: err('Container not found'),
      500: err('Failure, including auth and a non-UUID id'),
    },
    handler: (c) =>
      guarded(async () => {
        const auth = await requireAuth(ctx, c)
        const row = await requireContainer(db, auth, c.req.param('id') ?? '')
        if (!row.load_balancer_url) {
          return flagError(400, 'Unable to perform health check - container may not have a URL')
        }
        const now = Date.now()
        const healthy = row.status === 'running' || row.status === 'deploying'
        const statusCode = healthy ? 200 : 503
        await db.query(
          `UPDATE containers SET last_health_check = to_timestamp($2 / 1000.0),
                status = CASE WHEN $3 THEN status WHEN status = 'running' THEN 'failed' ELSE status END,
                error_message = CASE WHEN $3 OR status <> 'running' THEN error_message ELSE 'Health check failed' END
          WHERE id = $1`,
          [row.id, now, healthy],
        )
        return c.json({
          success: true,
          data: {
            containerId: row.id,
            healthy,
            statusCode,
            responseTime: 40 + Math.floor(noise(row.id, Math.floor(now / 1000)) * 160),
            checkedAt: new Date(now).toISOString(),
            ...(healthy ? {} : { error: `HTTP ${statusCode}: Service Unavailable` }),
            containerStatus: row.status,
            lastHealthCheck: row.last_health_check?.toISOString() ?? null,
          },
        })
      }),
  })

  app.all('/api/v1/containers/:id/health', () => methodNotAllowed(['GET', 'OPTIONS']))

  return routes
}
