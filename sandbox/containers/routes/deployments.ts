// GET /api/v1/containers/{id}/deployments (docs/cloud/containers.md §7).

import type { SandboxContext } from '../../core/context.ts'
import { methodNotAllowed } from '../../core/errors.ts'

import { FamilyRoutes } from '../../core/route.ts'

import { guarded, requireAuth } from '../guarded.ts'
import { requireContainer } from '../store.ts'
import { err, idParams, ok, deploymentsData } from '../schemas.ts'

export function deploymentsRoutes(ctx: SandboxContext): FamilyRoutes {
  const routes = new FamilyRoutes('containers')
  const { app } = routes
  const { db } = ctx

  // §7 deployments: the organization's 50 newest usage records, kept if container_deployment
  // for this container (by id or name); redeploys (container_update) never show.
  routes.route({
    method: 'get',
    path: '/api/v1/containers/{id}/deployments',
    auth: 'key',
    summary: 'Deployment history (from usage records)',
    note: 'docs/cloud/containers.md §7',
    params: idParams,
    responses: {
      200: { description: 'Deployment history (from usage records)', schema: ok(deploymentsData) },
      404: err('Container not found'),
      500: err('Failure, including auth and a non-UUID id'),
    },
    handler: (c) =>
      guarded(async () => {
        const auth = await requireAuth(ctx, c)
        const row = await requireContainer(db, auth, c.req.param('id') ?? '')
        const { rows } = await db.query<{
          id: string
          container_id: string
          container_name: string
          type: string
          cost: string
          error: string | null
          metadata: Record<string, unknown>
          succeeded_at: Date | null
          created_at: Date
        }>(
          `SELECT * FROM container_deployments WHERE organization_id = $1 ORDER BY created_at DESC LIMIT 50`,
          [auth.organizationId],
        )
        const deployments = rows
          .filter(
            (d) =>
              d.type === 'container_deployment' &&
              (d.container_id === row.id || d.container_name === row.name),
          )
          .map((d) => ({
            id: d.id,
            status: d.succeeded_at ? 'success' : d.error ? 'failed' : 'pending',
            cost: d.cost,
            error: d.error,
            metadata: d.metadata,
            deployed_at: d.created_at.toISOString(),
            duration_ms: d.succeeded_at ? d.succeeded_at.getTime() - d.created_at.getTime() : null,
          }))
        return c.json({
          success: true,
          data: {
            container: {
              id: row.id,
              name: row.name,
              current_status: row.status,
              load_balancer_url: row.load_balancer_url,
              ecs_service_arn: row.ecs_service_arn,
            },
            deployments,
            total: deployments.length,
          },
        })
      }),
  })

  app.all('/api/v1/containers/:id/deployments', () => methodNotAllowed(['GET', 'OPTIONS']))

  return routes
}
