// /api/v1/containers and /api/v1/containers/{id}: create or redeploy, list, get, update, delete
// (docs/cloud/containers.md §2–§6).
import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import type { SandboxContext } from '../../core/context.ts'
import { flagError, messageOf, methodNotAllowed } from '../../core/errors.ts'
import { PRESETS, rateLimit } from '../../core/rate-limit.ts'
import { FamilyRoutes } from '../../core/route.ts'
import { pause } from '../../core/timing.ts'
import { Answer, guarded, requireAuth } from '../guarded.ts'
import {
  containerObjectOf,
  requireContainer,
  tagOf,
  writeDeployment,
  type ContainerRow,
} from '../store.ts'
import { containerObject, createContainerBody, err, idParams, ok, patchBody } from '../schemas.ts'
import { charge, credit, getBalance, InsufficientCreditsError } from '../../core/ledger.ts'
import { catchUp, PATCH_START_STEP } from '../lifecycle.ts'
import { deleteRefund, deploymentFee, LIMITS, quotaFor } from '../pricing.ts'

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/
const MAX_ENV_VALUE_BYTES = 32_768

function checkEnvironment(vars: Record<string, string>): Response | null {
  const names = Object.keys(vars)
  if (names.length > LIMITS.maxEnvVars) {
    return flagError(
      400,
      `Too many environment variables. Maximum ${LIMITS.maxEnvVars} allowed, got ${names.length}`,
      {
        details: { limit: LIMITS.maxEnvVars, provided: names.length },
      },
    )
  }
  for (const name of names) {
    if (!ENV_NAME.test(name)) {
      return flagError(
        400,
        `Invalid environment variable name: '${name}'. Must start with letter/underscore and contain only alphanumeric and underscores.`,
      )
    }
    const bytes = Buffer.byteLength(vars[name] ?? '', 'utf8')
    if (bytes > MAX_ENV_VALUE_BYTES) {
      return flagError(
        400,
        `Environment variable '${name}' value exceeds maximum size of ${MAX_ENV_VALUE_BYTES} bytes (got ${bytes} bytes)`,
      )
    }
  }
  return null
}

export function containerRoutes(ctx: SandboxContext): FamilyRoutes {
  const routes = new FamilyRoutes('containers')
  const { app } = routes
  const { db } = ctx

  // §2 create / redeploy, CRITICAL 5 per 5 min. Order: auth → body → env vars → credits (402)
  // → quota (403, new containers only) → stack. The fee is debited at once.
  routes.route({
    method: 'post',
    path: '/api/v1/containers',
    auth: 'key',
    summary: 'Create (or redeploy by project_name) a container; provisioning is asynchronous',
    note: 'docs/cloud/containers.md §2',
    body: createContainerBody,
    responses: {
      202: {
        description: 'Deployment started (body shows the row as first inserted)',
        schema: z.object({ success: z.literal(true), data: containerObject }).loose(),
      },
      400: err('Invalid request data (zod issues) or environment variables'),
      402: err('Insufficient balance'),
      403: err('Container quota exceeded'),
      429: { description: 'CRITICAL: 5 requests per 5 minutes' },
      500: err('Failure, including auth'),
    },
    use: [rateLimit(ctx.limiter, PRESETS.CRITICAL)],
    handler: (c) =>
      guarded(async () => {
        const auth = await requireAuth(ctx, c)
        const parsed = createContainerBody.safeParse(await c.req.json())
        if (!parsed.success) {
          return flagError(400, 'Invalid request data', { details: parsed.error.issues })
        }
        const input = parsed.data
        const envRefusal = checkEnvironment(input.environment_vars)
        if (envRefusal) return envRefusal

        await catchUp(db, auth.organizationId)
        const fee = deploymentFee(input)
        // Redeploy: the same user's container with this project_name is updated, and charged again.
        const { rows: same } = await db.query<ContainerRow>(
          `SELECT * FROM containers
          WHERE organization_id = $1 AND user_id = $2 AND project_name = $3 AND status <> 'deleting'
          ORDER BY created_at DESC LIMIT 1`,
          [auth.organizationId, auth.userId, input.project_name],
        )
        const existing = same[0]
        const insufficient = () =>
          flagError(
            402,
            existing
              ? 'Insufficient balance for update deployment'
              : `Insufficient balance. Required: $${fee.toFixed(2)}`,
            { requiredCredits: fee },
          )
        const balance = await getBalance(db, auth.organizationId)
        if (balance < fee) return insufficient()
        if (!existing) {
          const { rows } = await db.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM containers WHERE organization_id = $1 AND status <> 'deleting'`,
            [auth.organizationId],
          )
          const current = rows[0]?.n ?? 0
          // The quota reads the balance after the fee was reserved.
          const max = quotaFor(balance - fee)
          if (current >= max) {
            return flagError(403, `Container quota exceeded. Current: ${current}, Max: ${max}`, {
              quota: { current, max },
            })
          }
        }

        const id = existing?.id ?? randomUUID()
        const type = existing ? 'container_update' : 'container_deployment'
        try {
          await charge(db, {
            organizationId: auth.organizationId,
            userId: auth.userId,
            amount: fee,
            description: `${existing ? 'Container update deployment' : 'Container deployment'}: ${input.name}`,
            metadata: { type, container_id: id, container_name: input.name },
          })
        } catch (e) {
          if (e instanceof InsufficientCreditsError) return insufficient()
          throw e
        }
        try {
          const row = await writeDeployment(
            db,
            auth,
            id,
            input,
            fee,
            existing,
            ctx.timing.lifecycleStepMs,
          )
          return c.json(
            {
              success: true,
              data: containerObjectOf(row),
              message:
                'Container deployment started. Poll GET /api/v1/containers/:id to check status. CloudFormation deployment typically takes 8-12 minutes.',
              // creditsRemaining is filled with the reserved amount, not the balance (docs/cloud/containers.md §2).
              creditsDeducted: fee,
              creditsRemaining: fee,
              stackName: row.cloudformation_stack_name,
              polling: {
                endpoint: `/api/v1/containers/${id}`,
                intervalMs: 10_000,
                expectedDurationMs: 600_000,
              },
            },
            202,
          )
        } catch (e) {
          // Stack creation failed: the fee goes back (docs/cloud/containers.md § Billing).
          await credit(db, {
            organizationId: auth.organizationId,
            userId: auth.userId,
            amount: fee,
            type: 'refund',
            description: `Refund: container deployment failed: ${input.name}`,
            metadata: { type, container_id: id },
          })
          return flagError(500, messageOf(e), { containerId: id })
        }
      }),
  })

  // §3 list: no rate limit, every member's containers, newest first, no paging.
  routes.route({
    method: 'get',
    path: '/api/v1/containers',
    auth: 'key',
    summary: "The organization's containers, newest first",
    note: 'docs/cloud/containers.md §3',
    responses: {
      200: { description: 'All containers', schema: ok(z.array(containerObject)) },
      500: err('Failure, including auth'),
    },
    handler: (c) =>
      guarded(async () => {
        const auth = await requireAuth(ctx, c)
        await catchUp(db, auth.organizationId)
        const { rows } = await db.query<Record<string, unknown>>(
          'SELECT * FROM containers WHERE organization_id = $1 ORDER BY created_at DESC',
          [auth.organizationId],
        )
        return c.json({ success: true, data: rows.map(containerObjectOf) })
      }),
  })
  app.all('/api/v1/containers', () => methodNotAllowed(['GET', 'POST', 'OPTIONS']))

  // §4 get.
  routes.route({
    method: 'get',
    path: '/api/v1/containers/{id}',
    auth: 'key',
    summary: 'One container',
    note: 'docs/cloud/containers.md §4',
    params: idParams,
    responses: {
      200: { description: 'The container', schema: ok(containerObject) },
      404: err('Container not found'),
      500: err('Failure'),
    },
    handler: (c) =>
      guarded(async () => {
        const auth = await requireAuth(ctx, c)
        const row = await requireContainer(db, auth, c.req.param('id') ?? '')
        return c.json({ success: true, data: containerObjectOf(row) })
      }),
  })

  // §5 update: synchronous; status `deploying` until the stack update finishes, not billed.
  routes.route({
    method: 'patch',
    path: '/api/v1/containers/{id}',
    auth: 'key',
    summary: 'Change cpu/memory/port/image; waits for the stack update',
    note: 'docs/cloud/containers.md §5',
    params: idParams,
    body: patchBody,
    responses: {
      200: { description: 'Updated', schema: ok(containerObject).extend({ message: z.string() }) },
      400: err('Invalid value'),
      404: err('Container not found'),
      500: err('Failure'),
    },
    handler: (c) =>
      guarded(async () => {
        const auth = await requireAuth(ctx, c)
        const body = (await c.req.json()) as Record<string, unknown> | null
        const updates: Record<string, unknown> = {}
        const numeric = (key: string, min: number, max: number, message: string) => {
          if (body?.[key] === undefined) return
          const value = Number(body[key])
          if (!Number.isFinite(value) || value < min || value > max)
            throw new Answer(flagError(400, message))
          updates[key] = value
        }
        numeric('cpu', 256, 2048, 'CPU must be between 256 and 2048 units')
        numeric('memory', 512, 2048, 'Memory must be between 512 and 2048 MB')
        numeric('port', 1, 65535, 'Port must be between 1 and 65535')
        if (body?.ecr_image_uri !== undefined) {
          const uri = body.ecr_image_uri
          if (typeof uri !== 'string' || !uri.includes('.dkr.ecr.')) {
            return flagError(400, 'Invalid ECR image URI format')
          }
          updates.ecr_image_uri = uri
        }
        if (Object.keys(updates).length === 0) {
          return flagError(
            400,
            'No valid updates provided. Updatable fields: cpu, memory, port, ecr_image_uri',
          )
        }
        const row = await requireContainer(db, auth, c.req.param('id') ?? '')
        const step = ctx.timing.lifecycleStepMs
        const uri = updates.ecr_image_uri as string | undefined
        const tag = uri ? tagOf(uri) : null
        await db.query(
          `UPDATE containers
            SET cpu = coalesce($2, cpu), memory = coalesce($3, memory), port = coalesce($4, port),
                metadata = CASE WHEN $5::text IS NULL THEN metadata
                                ELSE metadata || jsonb_build_object('ecr_image_uri', $5::text) END,
                image_tag = coalesce($6, image_tag), ecr_image_tag = coalesce($6, ecr_image_tag),
                status = 'deploying', error_message = NULL,
                lifecycle_started_at = now() - make_interval(secs => $7 / 1000.0),
                lifecycle_step_ms = $8, updated_at = now()
          WHERE id = $1`,
          [
            row.id,
            updates.cpu ?? null,
            updates.memory ?? null,
            updates.port ?? null,
            uri ?? null,
            tag,
            PATCH_START_STEP * step,
            step,
          ],
        )
        // The cloud waits for the stack update (up to 15 min); here one lifecycle step.
        await pause(step, c.req.raw.signal)
        const updated = await requireContainer(db, auth, row.id)
        // A stack update that fails: 500 with the CloudFormation error, status `failed` (§5).
        if (updated.status === 'failed') {
          return flagError(500, String(updated.error_message ?? 'Stack update failed'))
        }
        return c.json({
          success: true,
          message: 'Container updated successfully',
          data: containerObjectOf(updated),
        })
      }),
  })

  // §6 delete, STANDARD: `deleting` → stack teardown (one step) → refund if it was running → gone.
  routes.route({
    method: 'delete',
    path: '/api/v1/containers/{id}',
    auth: 'key',
    summary: 'Tear down and delete; partial refund of the fee within 24 h',
    note: 'docs/cloud/containers.md §6',
    params: idParams,
    responses: {
      200: {
        description: 'Deleted',
        schema: z.object({
          success: z.literal(true),
          message: z.string(),
          refundAmount: z.number().optional(),
        }),
      },
      404: err('Container not found'),
      500: err('Failure'),
    },
    use: [rateLimit(ctx.limiter, PRESETS.STANDARD)],
    handler: (c) =>
      guarded(async () => {
        const auth = await requireAuth(ctx, c)
        const row = await requireContainer(db, auth, c.req.param('id') ?? '')
        await db.query(
          `UPDATE containers SET status = 'deleting', lifecycle_started_at = NULL, updated_at = now() WHERE id = $1`,
          [row.id],
        )
        await pause(ctx.timing.lifecycleStepMs, c.req.raw.signal)
        const fee = row.deployment_fee === null ? deploymentFee(row) : Number(row.deployment_fee)
        const refund =
          row.status === 'running' ? deleteRefund(fee, Date.now() - row.created_at.getTime()) : 0
        if (refund > 0) {
          await credit(db, {
            organizationId: auth.organizationId,
            userId: auth.userId,
            amount: refund,
            type: 'refund',
            description: `Container deletion refund: ${row.name}`,
            metadata: { type: 'container_refund', container_id: row.id },
          })
        }
        await db.query('DELETE FROM containers WHERE id = $1', [row.id])
        return c.json({
          success: true,
          message: 'Container deleted successfully',
          ...(refund > 0 ? { refundAmount: refund } : {}),
        })
      }),
  })
  app.all('/api/v1/containers/:id', () => methodNotAllowed(['GET', 'PATCH', 'DELETE', 'OPTIONS']))
  return routes
}
