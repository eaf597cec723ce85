// Containers family: /shared/cloud-api/containers.md. For now only "§3 List —
// GET /api/v1/containers"; create, get, update, delete, logs and metrics come later.
import { Hono } from 'hono'
import { authenticate } from '../auth.ts'
import type { SandboxContext } from '../context.ts'
import type { Family } from '../family.ts'
import { flagError, methodNotAllowed } from '../errors.ts'

/** Serialises a stored row as the cloud does: timestamps as ISO strings, numerics as strings. */
function containerObject(row: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries(row).map(([key, value]) => [
      key,
      value instanceof Date ? value.toISOString() : value,
    ]),
  )
}

export function containersRoutes(ctx: SandboxContext): Hono {
  const app = new Hono()

  // No rate limit. Every container handler's catch-all turns auth failures into
  // 500 {"success":false,"error":"<message>"} (containers.md, E6 without details).
  app.get('/api/v1/containers', async (c) => {
    try {
      const result = await authenticate(c.req.raw, ctx.db, ctx.balanceCache)
      if (!result.ok) return flagError(500, result.message)
      // The whole organization's containers (every member's), newest first, no paging.
      const { rows } = await ctx.db.query<Record<string, unknown>>(
        'SELECT * FROM containers WHERE organization_id = $1 ORDER BY created_at DESC',
        [result.auth.organizationId],
      )
      return c.json({ success: true, data: rows.map(containerObject) })
    } catch (error) {
      return flagError(500, error instanceof Error ? error.message : String(error))
    }
  })
  // The cloud has POST here (create, CRITICAL 5/5 min); the sandbox does not have it yet.
  app.post('/api/v1/containers', () =>
    flagError(501, 'Not implemented in the sandbox yet: POST /api/v1/containers'),
  )
  app.all('/api/v1/containers', () => methodNotAllowed(['GET', 'POST', 'OPTIONS']))

  return app
}

export const containersFamily: Family = { name: 'containers', routes: containersRoutes }
