// GET /api/v1/containers/{id}/logs and /logs/stream (docs/cloud/containers.md §9, §10).

import type { SandboxContext } from '../../core/context.ts'
import { flagError, methodNotAllowed } from '../../core/errors.ts'

import { FamilyRoutes } from '../../core/route.ts'

import { guarded, requireAuth } from '../guarded.ts'
import { requireContainer } from '../store.ts'
import { err, idParams, ok, logsData, logsQuery, streamQuery } from '../schemas.ts'
import { fillTrafficLogs, parseLine } from '../logs.ts'
import { logStream } from '../stream.ts'

export function logsRoutes(ctx: SandboxContext): FamilyRoutes {
  const routes = new FamilyRoutes('containers')
  const { app } = routes
  const { db } = ctx

  // §9 logs: ?limit (1–500, default 100), ?since (ISO), ?level; newest first.
  routes.route({
    method: 'get',
    path: '/api/v1/containers/{id}/logs',
    auth: 'key',
    summary: 'Recent logs, newest first (?limit, since, level)',
    note: 'docs/cloud/containers.md §9',
    params: idParams,
    query: logsQuery,
    responses: {
      200: {
        description: 'Recent logs, newest first (?limit, since, level)',
        schema: ok(logsData),
      },
      400: err('Not deployed to ECS yet'),
      404: err('Container not found'),
      500: err('Failure, including auth and a non-UUID id'),
    },
    handler: (c) =>
      guarded(async () => {
        const auth = await requireAuth(ctx, c)
        const row = await requireContainer(db, auth, c.req.param('id') ?? '')
        if (!row.ecs_service_arn) {
          return flagError(
            400,
            'Container has not been deployed to ECS yet. Logs will be available once deployment is complete.',
          )
        }
        const parsedLimit = Number.parseInt(c.req.query('limit') ?? '100', 10)
        const limit = Math.min(500, Math.max(1, Number.isNaN(parsedLimit) ? 100 : parsedLimit))
        const since = c.req.query('since') ?? null
        const level = c.req.query('level') ?? 'all'
        const sinceMs = since === null ? null : new Date(since).getTime()
        if (sinceMs !== null && Number.isNaN(sinceMs)) throw new RangeError('Invalid time value')
        if (row.status === 'running')
          await fillTrafficLogs(
            db,
            row.id,
            row.health_check_path ?? '/health',
            Date.now(),
            ctx.timing.logIntervalMs,
          )
        const { rows } = await db.query<{ timestamp: Date; line: string }>(
          `SELECT timestamp, line FROM container_logs
          WHERE container_id = $1 AND ($2::timestamptz IS NULL OR timestamp >= $2)
          ORDER BY timestamp DESC, id DESC LIMIT 5000`,
          [row.id, sinceMs === null ? null : new Date(sinceMs).toISOString()],
        )
        const logs = rows
          .map((r) => parseLine(r.timestamp, r.line))
          .filter((e) => level === 'all' || e.level === level)
          .slice(0, limit)
        return c.json({
          success: true,
          data: {
            container: {
              id: row.id,
              name: row.name,
              status: row.status,
              ecs_service_arn: row.ecs_service_arn,
            },
            logs,
            total: logs.length,
            hasLogs: logs.length > 0,
            filters: { limit, since, level },
            ...(logs.length === 0
              ? {
                  message:
                    'No logs available yet. Logs may take a few moments to appear after deployment.',
                }
              : {}),
          },
        })
      }),
  })

  // §10 live logs: SSE, a poll every 2 s (first: the newest ≤ 50), `: keepalive` every 15 s,
  // no event names, ids or end event. Failures before the stream are JSON.
  routes.route({
    method: 'get',
    path: '/api/v1/containers/{id}/logs/stream',
    auth: 'key',
    summary: 'Live logs as Server-Sent Events (2 s poll, keep-alive every 15 s)',
    note: 'docs/cloud/containers.md §10',
    params: idParams,
    query: streamQuery,
    responses: {
      200: { description: 'data: {"type":"log","data":{…}}', contentType: 'text/event-stream' },
      400: err('Not deployed to ECS yet (JSON, before the stream)'),
      404: err('Container not found'),
      500: err('Failure, including auth and a non-UUID id'),
    },
    handler: (c) =>
      guarded(async () => {
        const auth = await requireAuth(ctx, c)
        const row = await requireContainer(db, auth, c.req.param('id') ?? '')
        if (!row.ecs_service_arn) {
          return flagError(
            400,
            'Container has not been deployed to ECS yet. Logs will be available once deployment is complete.',
          )
        }
        const level = c.req.query('level') ?? 'all'
        return logStream(ctx, row, level, c.req.raw.signal)
      }),
  })

  for (const suffix of ['logs', 'logs/stream']) {
    app.all(`/api/v1/containers/:id/${suffix}`, () => methodNotAllowed(['GET', 'OPTIONS']))
  }

  return routes
}
