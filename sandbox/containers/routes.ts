// Containers family: docs/cloud/containers.md (§1 credentials, §2 create/redeploy, §3 list,
// §4 get, §5 update, §6 delete, §7 deployments, §8 health, §9 logs, §10 live logs, §11 metrics,
// §12 quota, § Billing). Provisioning is emulated from stored timestamps (containers/lifecycle.ts).
// Every handler's catch-all answers 500 {"success":false,"error":"<message>"}, so auth failures,
// malformed JSON and non-UUID ids are 500s too (E6 without details).
import { randomBytes, randomUUID } from 'node:crypto'
import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { authenticate, type AuthContext } from '../core/auth.ts'
import {
  AWS_ACCOUNT,
  AWS_REGION,
  catchUp,
  ecrRepositoryUri,
  PATCH_START_STEP,
  stackName,
} from './lifecycle.ts'
import { fillTrafficLogs, noise, parseLine, sampleMetrics } from './logs.ts'
import { seedContainerData } from './seed.ts'
import {
  dailyCost,
  DEFAULT_DEPLOYMENT_FEE,
  deleteRefund,
  deploymentFee,
  LIMITS,
  PRICING,
  quotaFor,
  SHUTDOWN_WARNING_HOURS,
  WARNING_THRESHOLD,
} from './pricing.ts'
import type { SandboxContext } from '../core/context.ts'
import type { Db } from '../core/db/client.ts'
import { flagError, messageOf, methodNotAllowed } from '../core/errors.ts'
import type { Family } from '../core/family.ts'
import { charge, credit, getBalance, InsufficientCreditsError } from '../core/ledger.ts'
import { documentRoute } from '../core/openapi-registry.ts'
import { PRESETS, rateLimit } from '../core/rate-limit.ts'
import { pause } from '../core/timing.ts'

// ─── Schemas ──────────────────────────────────────────────────────────────────────────────

/** The create body (docs/cloud/containers.md §2). Unknown keys such as `image`/`ports` are dropped. */
export const createContainerBody = z.object({
  name: z.string().min(1).max(100),
  project_name: z.string().min(1).max(50),
  ecr_image_uri: z
    .string()
    .min(1)
    .describe('Full image reference with tag; any string is accepted'),
  description: z.string().optional(),
  port: z.number().int().min(1).max(65535).default(3000),
  desired_count: z.number().int().min(1).max(10).default(1),
  cpu: z.number().int().min(256).max(2048).default(1792),
  memory: z.number().int().min(256).max(2048).default(1792),
  environment_vars: z.record(z.string(), z.string()).default({}),
  health_check_path: z.string().default('/health'),
  ecr_repository_uri: z.string().optional(),
  image_tag: z.string().optional(),
  architecture: z.enum(['arm64', 'x86_64']).default('arm64'),
})
const patchBody = z.object({
  cpu: z.number().optional().describe('256–2048'),
  memory: z.number().optional().describe('512–2048'),
  port: z.number().optional().describe('1–65535'),
  ecr_image_uri: z.string().optional().describe('Must contain .dkr.ecr.'),
})
const credentialsBody = z.object({ projectId: z.string(), version: z.string() })
const idParams = z.object({ id: z.string() })
const failure = z.object({ success: z.literal(false), error: z.string() }).loose()
const containerObject = z
  .record(z.string(), z.unknown())
  .describe('The container row as stored (snake_case)')
const ok = (data: z.ZodType) => z.object({ success: z.literal(true), data })

const family = 'containers'
const err = (description: string) => ({ description, schema: failure })
documentRoute({
  method: 'post',
  path: '/api/v1/containers/credentials',
  family,
  summary: 'Create/reuse the ECR repository and get a push token',
  note: 'docs/cloud/containers.md §1',
  body: credentialsBody,
  responses: {
    200: { description: 'Registry credentials', schema: ok(z.record(z.string(), z.string())) },
    400: err('Missing required fields'),
    500: err('Failure, including auth'),
  },
})
documentRoute({
  method: 'post',
  path: '/api/v1/containers',
  family,
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
})
documentRoute({
  method: 'get',
  path: '/api/v1/containers',
  family,
  summary: "The organization's containers, newest first",
  note: 'docs/cloud/containers.md §3',
  responses: {
    200: { description: 'All containers', schema: ok(z.array(containerObject)) },
    500: err('Failure, including auth'),
  },
})
documentRoute({
  method: 'get',
  path: '/api/v1/containers/quota',
  family,
  summary: 'Quota, balance and pricing',
  note: 'docs/cloud/containers.md §12',
  responses: {
    200: { description: 'Quota', schema: ok(z.record(z.string(), z.unknown())) },
    500: err('Failure'),
  },
})
documentRoute({
  method: 'get',
  path: '/api/v1/containers/{id}',
  family,
  summary: 'One container',
  note: 'docs/cloud/containers.md §4',
  params: idParams,
  responses: {
    200: { description: 'The container', schema: ok(containerObject) },
    404: err('Container not found'),
    500: err('Failure'),
  },
})
documentRoute({
  method: 'patch',
  path: '/api/v1/containers/{id}',
  family,
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
})
documentRoute({
  method: 'delete',
  path: '/api/v1/containers/{id}',
  family,
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
})
for (const [suffix, summary, note] of [
  ['deployments', 'Deployment history (from usage records)', '§7'],
  ['health', 'Live health probe', '§8'],
  ['logs', 'Recent logs, newest first (?limit, since, level)', '§9'],
  ['metrics', 'CPU / memory / network (?period minutes)', '§11'],
] as const) {
  documentRoute({
    method: 'get',
    path: `/api/v1/containers/{id}/${suffix}`,
    family,
    summary,
    note: `docs/cloud/containers.md ${note}`,
    params: idParams,
    responses: {
      200: { description: summary, schema: ok(z.record(z.string(), z.unknown())) },
      400: err('Not deployed yet / no URL'),
      404: err('Container not found'),
      500: err('Failure'),
    },
  })
}
documentRoute({
  method: 'get',
  path: '/api/v1/containers/{id}/logs/stream',
  family,
  summary: 'Live logs as Server-Sent Events (2 s poll, keep-alive every 15 s)',
  note: 'docs/cloud/containers.md §10',
  params: idParams,
  responses: {
    200: { description: 'data: {"type":"log","data":{…}}', contentType: 'text/event-stream' },
    404: err('Container not found'),
  },
})

// ─── Rows ─────────────────────────────────────────────────────────────────────────────────

/** The fields of docs/cloud/containers.md "The container object", in its order (not the sandbox's own columns). */
const CONTAINER_FIELDS = (
  'id name project_name description organization_id user_id api_key_id character_id ' +
  'cloudformation_stack_name ecr_repository_uri ecr_image_tag ecs_cluster_arn ecs_service_arn ' +
  'ecs_task_definition_arn ecs_task_arn load_balancer_url is_update status image_tag ' +
  'dockerfile_path environment_vars desired_count cpu memory port health_check_path ' +
  'architecture last_deployed_at last_health_check deployment_log error_message metadata ' +
  'last_billed_at next_billing_at billing_status shutdown_warning_sent_at ' +
  'scheduled_shutdown_at total_billed created_at updated_at'
).split(' ')

export interface ContainerRow {
  id: string
  name: string
  project_name: string
  organization_id: string
  user_id: string
  status: string
  cpu: number
  memory: number
  port: number
  desired_count: number
  health_check_path: string | null
  load_balancer_url: string | null
  ecs_service_arn: string | null
  last_health_check: Date | null
  metadata: Record<string, unknown>
  deployment_fee: string | null
  created_at: Date
  [column: string]: unknown
}

/** Serialises a stored row as the cloud does: timestamps as ISO strings, numerics as strings. */
function containerObjectOf(row: Record<string, unknown>) {
  return Object.fromEntries(
    CONTAINER_FIELDS.map((key) => {
      const value = row[key]
      return [key, value instanceof Date ? value.toISOString() : value]
    }),
  )
}

class Answer extends Error {
  constructor(readonly response: Response) {
    super('answer')
  }
}

/** The catch-all every container handler has: anything thrown → 500 with its message. */
async function guarded(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run()
  } catch (e) {
    if (e instanceof Answer) return e.response
    return flagError(500, messageOf(e))
  }
}

async function requireAuth(ctx: SandboxContext, c: Context): Promise<AuthContext> {
  const result = await authenticate(c.req.raw, ctx.db, ctx.balanceCache)
  if (!result.ok) throw new Error(result.message)
  return result.auth
}

/** The caller's container after catching up its lifecycle; 404 also for another organization's id. */
async function requireContainer(db: Db, auth: AuthContext, id: string): Promise<ContainerRow> {
  // A non-UUID id makes Postgres throw → the catch-all's 500 with the raw message (docs/cloud/containers.md).
  await db.query('SELECT $1::uuid', [id])
  await catchUp(db, auth.organizationId)
  const { rows } = await db.query<ContainerRow>(
    'SELECT * FROM containers WHERE id = $1 AND organization_id = $2',
    [id, auth.organizationId],
  )
  const row = rows[0]
  if (!row) throw new Answer(flagError(404, 'Container not found'))
  return row
}

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

/** `1.0.0-1745…` from `…/repo:1.0.0-1745…`; null without a tag. */
function tagOf(uri: string): string | null {
  const slash = uri.lastIndexOf('/')
  const colon = uri.lastIndexOf(':')
  return colon > slash ? uri.slice(colon + 1) : null
}

// Live log streams, so a reset or close can end them (Family.clear).
const streams = new WeakMap<SandboxContext, Set<() => void>>()
const streamsOf = (ctx: SandboxContext) => {
  let set = streams.get(ctx)
  if (!set) streams.set(ctx, (set = new Set()))
  return set
}

/** The poll and keep-alive cadence of the live log stream (docs/cloud/containers.md §10). */
export const STREAM_POLL_MS = 2_000
export const STREAM_KEEPALIVE_MS = 15_000
/** The most lines one poll of the stream sends (the cloud's own cap is not in the note). */
export const STREAM_BATCH_MAX = 2_000

interface LogRow {
  id: string
  timestamp: Date
  line: string
}

// ─── Routes ───────────────────────────────────────────────────────────────────────────────

export function containersRoutes(ctx: SandboxContext): Hono {
  const app = new Hono()
  const { db } = ctx

  // §1: STRICT 10/min; no organization check; any truthy projectId/version.
  app.post('/api/v1/containers/credentials', rateLimit(ctx.limiter, PRESETS.STRICT), (c) =>
    guarded(async () => {
      const auth = await requireAuth(ctx, c)
      const body = (await c.req.json()) as { projectId?: unknown; version?: unknown } | null
      if (!body?.projectId || !body.version) {
        return flagError(400, 'Missing required fields: projectId, version')
      }
      const repository = ecrRepositoryUri(auth.organizationId, String(body.projectId))
      const tag = `${String(body.version)}-${Date.now()}`
      return c.json({
        success: true,
        data: {
          ecrRepositoryUri: repository,
          ecrImageUri: `${repository}:${tag}`,
          ecrImageTag: tag,
          // base64 of AWS:<password>, for `docker login -u AWS`; the sandbox has no registry behind it.
          authToken: Buffer.from(`AWS:${randomBytes(24).toString('base64url')}`).toString('base64'),
          authTokenExpiresAt: new Date(Date.now() + 12 * 3_600_000).toISOString(),
          registryEndpoint: `https://${AWS_ACCOUNT}.dkr.ecr.${AWS_REGION}.amazonaws.com`,
        },
      })
    }),
  )
  app.all('/api/v1/containers/credentials', () => methodNotAllowed(['POST', 'OPTIONS']))

  // §2 create / redeploy, CRITICAL 5 per 5 min. Order: auth → body → env vars → credits (402)
  // → quota (403, new containers only) → stack. The fee is debited at once.
  app.post('/api/v1/containers', rateLimit(ctx.limiter, PRESETS.CRITICAL), (c) =>
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
  )

  // §3 list: no rate limit, every member's containers, newest first, no paging.
  app.get('/api/v1/containers', (c) =>
    guarded(async () => {
      const auth = await requireAuth(ctx, c)
      await catchUp(db, auth.organizationId)
      const { rows } = await db.query<Record<string, unknown>>(
        'SELECT * FROM containers WHERE organization_id = $1 ORDER BY created_at DESC',
        [auth.organizationId],
      )
      return c.json({ success: true, data: rows.map(containerObjectOf) })
    }),
  )
  app.all('/api/v1/containers', () => methodNotAllowed(['GET', 'POST', 'OPTIONS']))

  // §12 quota.
  app.get('/api/v1/containers/quota', (c) =>
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
  )
  app.all('/api/v1/containers/quota', () => methodNotAllowed(['GET', 'OPTIONS']))

  // §4 get.
  app.get('/api/v1/containers/:id', (c) =>
    guarded(async () => {
      const auth = await requireAuth(ctx, c)
      const row = await requireContainer(db, auth, c.req.param('id'))
      return c.json({ success: true, data: containerObjectOf(row) })
    }),
  )

  // §5 update: synchronous; status `deploying` until the stack update finishes, not billed.
  app.patch('/api/v1/containers/:id', (c) =>
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
      const row = await requireContainer(db, auth, c.req.param('id'))
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
  )

  // §6 delete, STANDARD: `deleting` → stack teardown (one step) → refund if it was running → gone.
  app.delete('/api/v1/containers/:id', rateLimit(ctx.limiter, PRESETS.STANDARD), (c) =>
    guarded(async () => {
      const auth = await requireAuth(ctx, c)
      const row = await requireContainer(db, auth, c.req.param('id'))
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
  )
  app.all('/api/v1/containers/:id', () => methodNotAllowed(['GET', 'PATCH', 'DELETE', 'OPTIONS']))

  // §7 deployments: the organization's 50 newest usage records, kept if container_deployment
  // for this container (by id or name); redeploys (container_update) never show.
  app.get('/api/v1/containers/:id/deployments', (c) =>
    guarded(async () => {
      const auth = await requireAuth(ctx, c)
      const row = await requireContainer(db, auth, c.req.param('id'))
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
  )

  // §8 health: the emulated service answers while it is up; an unhealthy answer fails a running container.
  app.get('/api/v1/containers/:id/health', (c) =>
    guarded(async () => {
      const auth = await requireAuth(ctx, c)
      const row = await requireContainer(db, auth, c.req.param('id'))
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
  )

  // §9 logs: ?limit (1–500, default 100), ?since (ISO), ?level; newest first.
  app.get('/api/v1/containers/:id/logs', (c) =>
    guarded(async () => {
      const auth = await requireAuth(ctx, c)
      const row = await requireContainer(db, auth, c.req.param('id'))
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
  )

  // §10 live logs: SSE, a poll every 2 s (first: the newest ≤ 50), `: keepalive` every 15 s,
  // no event names, ids or end event. Failures before the stream are JSON.
  app.get('/api/v1/containers/:id/logs/stream', (c) =>
    guarded(async () => {
      const auth = await requireAuth(ctx, c)
      const row = await requireContainer(db, auth, c.req.param('id'))
      if (!row.ecs_service_arn) {
        return flagError(
          400,
          'Container has not been deployed to ECS yet. Logs will be available once deployment is complete.',
        )
      }
      const level = c.req.query('level') ?? 'all'
      return logStream(ctx, row, level, c.req.raw.signal)
    }),
  )

  // §11 metrics.
  app.get('/api/v1/containers/:id/metrics', (c) =>
    guarded(async () => {
      const auth = await requireAuth(ctx, c)
      const row = await requireContainer(db, auth, c.req.param('id'))
      if (!row.ecs_service_arn) return flagError(400, 'Container has not been deployed to ECS yet')
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
  )

  for (const suffix of ['deployments', 'health', 'logs', 'logs/stream', 'metrics']) {
    app.all(`/api/v1/containers/:id/${suffix}`, () => methodNotAllowed(['GET', 'OPTIONS']))
  }
  return app
}

type CreateInput = z.infer<typeof createContainerBody>

/** Inserts (or, for a redeploy, resets) the container and records the usage record. */
async function writeDeployment(
  db: Db,
  auth: AuthContext,
  id: string,
  input: CreateInput,
  fee: number,
  existing: ContainerRow | undefined,
  stepMs: number,
): Promise<Record<string, unknown>> {
  const tag = input.image_tag ?? tagOf(input.ecr_image_uri)
  const metadata = {
    ecr_image_uri: input.ecr_image_uri,
    is_update: Boolean(existing),
    architecture: input.architecture,
  }
  const values = [
    id,
    input.name,
    input.project_name,
    input.description ?? null,
    auth.organizationId,
    auth.userId,
    auth.apiKeyId,
    stackName(auth.organizationId, input.project_name),
    input.ecr_repository_uri ?? null,
    tag,
    JSON.stringify(input.environment_vars),
    input.desired_count,
    input.cpu,
    input.memory,
    input.port,
    input.health_check_path,
    input.architecture,
    JSON.stringify(metadata),
    stepMs,
    fee.toFixed(2),
  ]
  return db.transaction(async (tx) => {
    const { rows } = existing
      ? await tx.query<Record<string, unknown>>(
          `UPDATE containers
              SET name = $2, description = coalesce($3, description), api_key_id = $4,
                  ecr_repository_uri = coalesce($5, ecr_repository_uri), ecr_image_tag = $6,
                  image_tag = $6, is_update = 'true', status = 'pending', environment_vars = $7,
                  desired_count = $8, cpu = $9, memory = $10, port = $11, health_check_path = $12,
                  architecture = $13, metadata = $14, error_message = NULL,
                  lifecycle_started_at = now(), lifecycle_step_ms = $15, deployment_fee = $16,
                  updated_at = now()
            WHERE id = $1
            RETURNING *`,
          [
            id,
            input.name,
            input.description ?? null,
            auth.apiKeyId,
            input.ecr_repository_uri ?? null,
            tag,
            JSON.stringify(input.environment_vars),
            input.desired_count,
            input.cpu,
            input.memory,
            input.port,
            input.health_check_path,
            input.architecture,
            JSON.stringify(metadata),
            stepMs,
            fee.toFixed(2),
          ],
        )
      : await tx.query<Record<string, unknown>>(
          `INSERT INTO containers (
             id, name, project_name, description, organization_id, user_id, api_key_id,
             cloudformation_stack_name, ecr_repository_uri, ecr_image_tag, image_tag, is_update,
             status, environment_vars, desired_count, cpu, memory, port, health_check_path,
             architecture, metadata, lifecycle_started_at, lifecycle_step_ms, deployment_fee)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, 'false', 'pending', $11, $12, $13,
                   $14, $15, $16, $17, $18, now(), $19, $20)
           RETURNING *`,
          values,
        )
    const row = rows[0]
    if (!row) throw new Error('Container not found')
    await tx.query(
      // now() = the lifecycle start of this deployment, so duration_ms is the provisioning time.
      `INSERT INTO container_deployments (organization_id, container_id, container_name, type, cost, metadata, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, now())`,
      [
        auth.organizationId,
        id,
        input.name,
        existing ? 'container_update' : 'container_deployment',
        fee.toFixed(6),
        JSON.stringify({
          container_id: id,
          container_name: input.name,
          desired_count: input.desired_count,
          cpu: input.cpu,
          memory: input.memory,
          port: input.port,
          image_tag: tag,
        }),
      ],
    )
    return row
  })
}

/** The live log stream (docs/cloud/containers.md §10), ended by the client, a reset or close. */
function logStream(
  ctx: SandboxContext,
  row: ContainerRow,
  level: string,
  signal: AbortSignal,
): Response {
  const encoder = new TextEncoder()
  let lastId = 0
  let first = true
  let stop = () => {}
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false
      const send = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text))
      }
      const poll = async () => {
        try {
          await catchUp(ctx.db, row.organization_id)
          const { rows: now } = await ctx.db.query<{ status: string }>(
            'SELECT status FROM containers WHERE id = $1',
            [row.id],
          )
          if (now[0]?.status === 'running') {
            await fillTrafficLogs(
              ctx.db,
              row.id,
              row.health_check_path ?? '/health',
              Date.now(),
              ctx.timing.logIntervalMs,
            )
          }
          // First poll: the newest ≤ 50 lines. Later polls: everything after the last line sent,
          // oldest first in slices of STREAM_BATCH_MAX, so a burst is spread over polls, never dropped.
          const { rows } = first
            ? await ctx.db.query<LogRow>(
                `SELECT id, timestamp, line FROM container_logs WHERE container_id = $1
                  ORDER BY id DESC LIMIT 50`,
                [row.id],
              )
            : await ctx.db.query<LogRow>(
                `SELECT * FROM (SELECT id, timestamp, line FROM container_logs
                                 WHERE container_id = $1 AND id > $2 ORDER BY id LIMIT $3) AS batch
                  ORDER BY id DESC`,
                [row.id, lastId, STREAM_BATCH_MAX],
              )
          first = false
          if (rows[0]) lastId = Number(rows[0].id)
          // Within one batch, newest first (docs/cloud/containers.md §10).
          for (const r of rows) {
            const entry = parseLine(r.timestamp, r.line)
            if (level === 'all' || entry.level === level)
              send(`data: ${JSON.stringify({ type: 'log', data: entry })}\n\n`)
          }
        } catch (e) {
          if (!closed) send(`data: ${JSON.stringify({ type: 'error', message: messageOf(e) })}\n\n`)
        }
      }
      const pollTimer = setInterval(() => void poll(), STREAM_POLL_MS)
      const keepAlive = setInterval(() => send(': keepalive\n\n'), STREAM_KEEPALIVE_MS)
      stop = () => {
        if (closed) return
        closed = true
        clearInterval(pollTimer)
        clearInterval(keepAlive)
        streamsOf(ctx).delete(stop)
        signal.removeEventListener('abort', stop)
        try {
          controller.close()
        } catch {
          // already closed by the consumer
        }
      }
      streamsOf(ctx).add(stop)
      signal.addEventListener('abort', stop, { once: true })
      void poll()
    },
    cancel() {
      stop()
    },
  })
  return new Response(body, {
    headers: {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    },
  })
}

export const containersFamily: Family = {
  name: 'containers',
  routes: containersRoutes,
  tables: ['container_logs', 'container_deployments'],
  seed: seedContainerData,
  clear(ctx) {
    for (const stop of [...streamsOf(ctx)]) stop()
  },
}
