// GET /api/v1/containers/quota (docs/cloud/containers.md §12).
import { z } from 'zod'
import type { SandboxContext } from '../../core/context.ts'
import { methodNotAllowed } from '../../core/errors.ts'

import { FamilyRoutes } from '../../core/route.ts'

import { guarded, requireAuth } from '../guarded.ts'
import { type ContainerRow } from '../store.ts'
import { err, ok } from '../schemas.ts'
import { getBalance } from '../../core/ledger.ts'
import { catchUp } from '../lifecycle.ts'
import {
  dailyCost,
  DEFAULT_DEPLOYMENT_FEE,
  LIMITS,
  PRICING,
  quotaFor,
  SHUTDOWN_WARNING_HOURS,
  WARNING_THRESHOLD,
} from '../pricing.ts'

export function quotaRoutes(ctx: SandboxContext): FamilyRoutes {
  const routes = new FamilyRoutes('containers')
  const { app } = routes
  const { db } = ctx

  // §12 quota.
  routes.route({
    method: 'get',
    path: '/api/v1/containers/quota',
    auth: 'key',
    summary: 'Quota, balance and pricing',
    note: 'docs/cloud/containers.md §12',
    responses: {
      200: { description: 'Quota', schema: ok(z.record(z.string(), z.unknown())) },
      500: err('Failure'),
    },
    handler: (c) =>
      guarded(async () => {
        const auth = await requireAuth(ctx, c)
        await catchUp(db, auth.organizationId)
        const balance = await getBalance(db, auth.organizationId)
        const { rows } = await db.query<ContainerRow>(
          'SELECT * FROM containers WHERE organization_id = $1',
          [auth.organizationId],
        )
        const running = rows.filter((r) => r.status === 'running')
        const burn = Math.round(running.reduce((sum, r) => sum + dailyCost(r), 0) * 100) / 100
        const max = quotaFor(balance)
        return c.json({
          success: true,
          data: {
            quota: {
              current: rows.length,
              max,
              remaining: Math.max(0, max - rows.length),
              percentage: Math.round((rows.length / max) * 100),
            },
            credits: { balance, canDeploy: balance >= DEFAULT_DEPLOYMENT_FEE },
            billing: {
              model: 'daily',
              dailyCostPerContainer: PRICING.perDay,
              monthlyEquivalent: PRICING.perMonth,
              currentDailyBurn: burn,
              runningContainers: running.length,
              daysOfRunway: burn > 0 ? Math.floor(balance / burn) : null,
              warningThreshold: WARNING_THRESHOLD,
              shutdownWarningHours: SHUTDOWN_WARNING_HOURS,
            },
            pricing: PRICING,
            limits: LIMITS,
          },
        })
      }),
  })
  app.all('/api/v1/containers/quota', () => methodNotAllowed(['GET', 'OPTIONS']))
  return routes
}
