// Hosted runtime routes usable with an API key (docs/cloud/agents.md "Hosted runtime routes usable with an
// API key"): the compat layer `/api/compat/**` (envelope + E8, no rate limits) and
// `/api/v1/milady/agents/**` (the note only outlines them; shapes and statuses follow the cloud's
// handlers, including which ones lack a try/catch and so answer a bare 500, E9). Also the
// partner-only `/api/v1/agents/**` lifecycle routes, which refuse every customer key.
import { Hono, type Context } from 'hono'
import { authenticate, type AuthContext } from '../core/auth.ts'
import type { SandboxContext } from '../core/context.ts'
import {
  apiError,
  bare500,
  bareError,
  codeForStatus,
  compatError,
  flagError,
  methodNotAllowed,
} from '../core/errors.ts'
import { documentRoute } from '../core/openapi-registry.ts'
import type { RouteDoc } from '../core/route.ts'
import { PRESETS, rateLimit } from '../core/rate-limit.ts'
import { pause } from '../core/timing.ts'
import {
  checkCreditGate,
  createRuntime,
  deleteRuntime,
  findBackup,
  getRuntime,
  listBackups,
  listRuntimes,
  MILADY_PRICING,
  provisioningDoneInMs,
  reusesExistingCharacter,
  type RuntimeRow,
  runtimeLogs,
  shutdownRuntime,
  snapshotRuntime,
  startProvisioning,
  toCompatAgent,
  toCompatJob,
  toCompatOpResult,
  toCompatStatus,
  tokenFromConfig,
  type TokenLink,
  toMiladyDetail,
  toMiladyListItem,
} from './runtimes.ts'
import * as S from './schemas.ts'

const FAMILY = 'agents'

const envelope = <T>(data: T) => ({ success: true as const, data })

/** Thrown inside a handler when authentication fails, so each route wraps it its own way. */
class AuthFailure extends Error {
  constructor(
    readonly status: 401 | 403,
    message: string,
  ) {
    super(message)
  }
}

// The milady list/create handlers map only these messages to 401 "Unauthorized"; any other
// failure (an inactive account included) becomes their generic 500.
const AUTH_MESSAGE_PARTS = [
  'Unauthorized',
  'Authentication required',
  'Forbidden',
  'Invalid or expired API key',
  'API key is inactive',
  'API key has expired',
  'Invalid or expired token',
]
const isAuthenticationError = (message: string) =>
  AUTH_MESSAGE_PARTS.some((part) => message.includes(part))

const tailOf = (c: Context) => {
  const raw = Number.parseInt(c.req.query('tail') ?? '100', 10)
  return Math.max(1, Math.min(Number.isFinite(raw) ? raw : 100, 5000))
}

/** What the compat logs route says when the runtime has no bridge to read logs from. */
function statusSentence(row: RuntimeRow): string {
  switch (row.status) {
    case 'pending':
      return 'Agent is pending — not yet provisioned.'
    case 'provisioning':
      return 'Agent is being provisioned...'
    case 'running':
      return 'Agent is running but logs are unavailable.'
    case 'stopped':
      return 'Agent is stopped. No logs available.'
    case 'disconnected':
      return 'Agent is disconnected. Last known status: disconnected.'
    case 'error':
      return `Agent is in error state: ${row.error_message ?? 'unknown error'}`
  }
}

/** The cloud's status for a failed shutdown or delete: 404 and 409 by its message, else `otherwise`. */
function lifecycleFailureStatus<T extends 400 | 500>(error: string, otherwise: T): 404 | 409 | T {
  if (error === 'Agent not found') return 404
  if (error === 'Agent provisioning is in progress') return 409
  return otherwise
}

export function runtimeRoutes(ctx: SandboxContext): Hono {
  const app = new Hono()
  const { db } = ctx

  const requireAuth = async (c: Context): Promise<AuthContext> => {
    const result = await authenticate(c.req.raw, db, ctx.balanceCache)
    if (!result.ok) throw new AuthFailure(result.status, result.message)
    return result.auth
  }

  /**
   * The cloud's synchronous `provision()`: starts provisioning and holds the request until the
   * stored lifecycle says it is done (two `lifecycleStepMs` steps). A client that goes away
   * releases the hold; the runtime still finishes, because the state lives in the row.
   */
  async function provisionAndWait(
    c: Context,
    row: RuntimeRow,
    organizationId: string,
  ): Promise<{ success: true; row: RuntimeRow } | { success: false; error: string }> {
    const start = await startProvisioning(db, row, ctx.timing.lifecycleStepMs)
    if (start.kind === 'in_progress') {
      return { success: false, error: 'Agent is already being provisioned' }
    }
    if (start.kind === 'running') return { success: true, row: start.row }
    await pause(provisioningDoneInMs(start.row), c.req.raw.signal)
    const done = await getRuntime(db, row.id, organizationId)
    if (!done) return { success: false, error: 'Agent not found' }
    return { success: true, row: done }
  }

  /** Token linkage of runtimes: from the linked character of the org, else from agent_config. */
  async function tokenLinks(rows: RuntimeRow[], organizationId: string) {
    const ids = [...new Set(rows.map((r) => r.character_id).filter((id) => id !== null))]
    const chars = ids.length
      ? (
          await db.query<TokenLink & { id: string }>(
            `SELECT id, token_address, token_chain, token_name, token_ticker FROM user_characters
              WHERE id = ANY($1::uuid[]) AND organization_id = $2`,
            [ids, organizationId],
          )
        ).rows
      : []
    const byId = new Map(chars.map((ch) => [ch.id, ch]))
    return (row: RuntimeRow): TokenLink => {
      const ch = row.character_id ? byId.get(row.character_id) : undefined
      if (ch?.token_address) {
        const { token_address, token_chain, token_name, token_ticker } = ch
        return { token_address, token_chain, token_name, token_ticker }
      }
      return tokenFromConfig(row.agent_config)
    }
  }

  /** Deleting a runtime also deletes the character it created (not one it reuses). */
  async function deleteLinkedCharacter(deleted: RuntimeRow) {
    if (deleted.character_id && !reusesExistingCharacter(deleted.agent_config)) {
      await db.query('DELETE FROM user_characters WHERE id = $1', [deleted.character_id])
    }
  }

  // ─── Compat layer (E8) ──────────────────────────────────────────────────────────────────

  /**
   * Compat auth: an `X-Service-Key` is tried first and the sandbox knows no partner secret;
   * then the API key. Every failure goes through the compat error handler: typed errors keep
   * their status and message, anything else is a 500 "Internal server error" (E8).
   */
  const compat =
    (handler: (c: Context, auth: AuthContext) => Promise<Response>) => async (c: Context) => {
      try {
        if (c.req.header('x-service-key') !== undefined) {
          return compatError(401, 'Invalid service key')
        }
        return await handler(c, await requireAuth(c))
      } catch (error) {
        if (error instanceof AuthFailure) return compatError(error.status, error.message)
        return compatError(500, 'Internal server error')
      }
    }

  app.get(
    '/api/compat/agents',
    compat(async (c, auth) =>
      c.json(envelope((await listRuntimes(db, auth.organizationId)).map(toCompatAgent))),
    ),
  )

  app.post(
    '/api/compat/agents',
    compat(async (c, auth) => {
      const parsed = S.compatCreateBody.safeParse(await c.req.json())
      if (!parsed.success) {
        return flagError(400, 'Invalid request data', { details: parsed.error.issues })
      }
      const row = await createRuntime(db, {
        organizationId: auth.organizationId,
        userId: auth.userId,
        ...parsed.data,
      })
      return c.json(
        envelope({
          agentId: row.id,
          agentName: row.agent_name ?? '',
          jobId: row.id,
          status: 'queued',
          nodeId: row.node_id,
          message: 'agent creation queued, poll GET /api/compat/jobs/:jobId for status',
        }),
        201,
      )
    }),
  )
  app.all('/api/compat/agents', () => methodNotAllowed(['GET', 'POST', 'OPTIONS']))

  const compatAgent = (
    handler: (c: Context, row: RuntimeRow, auth: AuthContext) => Promise<Response>,
  ) =>
    compat(async (c, auth) => {
      const row = await getRuntime(db, c.req.param('id') ?? '', auth.organizationId)
      if (!row) return compatError(404, 'Agent not found')
      return handler(c, row, auth)
    })

  app.get(
    '/api/compat/agents/:id',
    compatAgent(async (c, row) => c.json(envelope(toCompatAgent(row)))),
  )
  app.delete(
    '/api/compat/agents/:id',
    compatAgent(async (c, row) => {
      const result = await deleteRuntime(db, row)
      if (!result.success) {
        const status = lifecycleFailureStatus(result.error, 400)
        return compatError(status, result.error)
      }
      await deleteLinkedCharacter(result.deleted)
      return c.json(envelope(toCompatOpResult(row.id, 'delete', true)))
    }),
  )
  app.all('/api/compat/agents/:id', () => methodNotAllowed(['GET', 'DELETE', 'OPTIONS']))

  app.get(
    '/api/compat/agents/:id/status',
    compatAgent(async (c, row) => c.json(envelope(toCompatStatus(row)))),
  )
  app.all('/api/compat/agents/:id/status', () => methodNotAllowed(['GET', 'OPTIONS']))

  // The body's `reason` is parsed and only logged by the cloud.
  app.post(
    '/api/compat/agents/:id/suspend',
    compatAgent(async (c, row) => {
      const result = await shutdownRuntime(db, row)
      if (!result.success) {
        const status = lifecycleFailureStatus(result.error, 500)
        return compatError(status, result.error)
      }
      return c.json(envelope(toCompatOpResult(row.id, 'suspend', true)))
    }),
  )

  // Resume provisions synchronously (the cloud holds the request up to 120 s).
  app.post(
    '/api/compat/agents/:id/resume',
    compatAgent(async (c, row, auth) => {
      const result = await provisionAndWait(c, row, auth.organizationId)
      if (!result.success) {
        const status = result.error === 'Agent is already being provisioned' ? 409 : 500
        return compatError(status, result.error)
      }
      return c.json(envelope(toCompatOpResult(row.id, 'resume', true)))
    }),
  )

  // Restart = snapshot (if running) + provision. Provisioning a running runtime is a no-op
  // success, so restarting a running agent only takes a snapshot, as in the cloud. A failed
  // provision answers 502 with `success: true` and `data.status: "failed"` (docs/cloud/agents.md).
  app.post(
    '/api/compat/agents/:id/restart',
    compatAgent(async (c, row, auth) => {
      await snapshotRuntime(db, row)
      const result = await provisionAndWait(c, row, auth.organizationId)
      return c.json(
        envelope(toCompatOpResult(row.id, 'restart', result.success)),
        result.success ? 200 : 502,
      )
    }),
  )
  for (const action of ['suspend', 'resume', 'restart']) {
    app.all(`/api/compat/agents/:id/${action}`, () => methodNotAllowed(['POST', 'OPTIONS']))
  }

  app.get(
    '/api/compat/agents/:id/logs',
    compatAgent(async (c, row) => {
      const tail = tailOf(c)
      if (row.status === 'running' && row.bridge_url) {
        return c.json(envelope(runtimeLogs(row, tail)))
      }
      return c.json(envelope(statusSentence(row)))
    }),
  )
  app.all('/api/compat/agents/:id/logs', () => methodNotAllowed(['GET', 'OPTIONS']))

  // The compat job is the runtime itself: jobId = agentId.
  app.get(
    '/api/compat/jobs/:jobId',
    compat(async (c, auth) => {
      const row = await getRuntime(db, c.req.param('jobId') ?? '', auth.organizationId)
      if (!row) return compatError(404, 'Job not found')
      return c.json(envelope(toCompatJob(row)))
    }),
  )
  app.all('/api/compat/jobs/:jobId', () => methodNotAllowed(['GET', 'OPTIONS']))

  // ─── Milady agents ──────────────────────────────────────────────────────────────────────

  const creditGateError = (gate: { balance: number; error?: string }) =>
    flagError(402, gate.error ?? 'Insufficient credits', {
      requiredBalance: MILADY_PRICING.MINIMUM_DEPOSIT,
      currentBalance: gate.balance,
    })

  // List and create catch everything: auth-looking messages → 401 "Unauthorized", the rest → 500.
  const caught =
    (fallback: string, handler: (c: Context, auth: AuthContext) => Promise<Response>) =>
    async (c: Context) => {
      try {
        return await handler(c, await requireAuth(c))
      } catch (error) {
        const message = error instanceof Error ? error.message : fallback
        return isAuthenticationError(message)
          ? flagError(401, 'Unauthorized')
          : flagError(500, fallback)
      }
    }

  app.get(
    '/api/v1/milady/agents',
    caught('Failed to list agents', async (c, auth) => {
      const rows = await listRuntimes(db, auth.organizationId)
      const token = await tokenLinks(rows, auth.organizationId)
      return c.json(envelope(rows.map((row) => toMiladyListItem(row, token(row)))))
    }),
  )

  app.post(
    '/api/v1/milady/agents',
    caught('Failed to create agent', async (c, auth) => {
      const parsed = S.miladyCreateBody.safeParse(await c.req.json())
      if (!parsed.success) {
        return flagError(400, 'Invalid request data', { details: parsed.error.issues })
      }
      const gate = await checkCreditGate(db, auth.organizationId)
      if (!gate.allowed) return creditGateError(gate)
      if (parsed.data.characterId) {
        const { rows } = await db.query(
          'SELECT 1 FROM user_characters WHERE id = $1 AND organization_id = $2',
          [parsed.data.characterId, auth.organizationId],
        )
        if (!rows.length) return flagError(404, 'Character not found')
      }
      const row = await createRuntime(db, {
        organizationId: auth.organizationId,
        userId: auth.userId,
        ...parsed.data,
      })
      return c.json(
        envelope({
          id: row.id,
          agentName: row.agent_name,
          status: row.status,
          createdAt: row.created_at.toISOString(),
        }),
        201,
      )
    }),
  )
  app.all('/api/v1/milady/agents', () => methodNotAllowed(['GET', 'POST', 'OPTIONS']))

  /** Handlers without a try/catch: auth and DB failures (a non-UUID id) → bare 500 (E9). */
  const uncaught =
    (handler: (c: Context, auth: AuthContext) => Promise<Response>) => async (c: Context) => {
      try {
        return await handler(c, await requireAuth(c))
      } catch {
        return bare500()
      }
    }
  const notFound = () => flagError(404, 'Agent not found')

  app.get(
    '/api/v1/milady/agents/:id',
    uncaught(async (c, auth) => {
      const row = await getRuntime(db, c.req.param('id') ?? '', auth.organizationId)
      if (!row) return notFound()
      const token = await tokenLinks([row], auth.organizationId)
      return c.json(envelope(toMiladyDetail(row, token(row))))
    }),
  )

  app.patch(
    '/api/v1/milady/agents/:id',
    uncaught(async (c, auth) => {
      const id = c.req.param('id') ?? ''
      let body: unknown = null
      try {
        body = await c.req.json()
      } catch {
        // The cloud reads the body with `.catch(() => null)`.
      }
      const parsed = S.miladyPatchBody.safeParse(body)
      if (!parsed.success) {
        return flagError(400, 'Invalid request data', { details: parsed.error.issues })
      }
      const { action } = parsed.data
      const row = await getRuntime(db, id, auth.organizationId)
      if (!row) return notFound()
      if (row.status === 'stopped') {
        return c.json(
          envelope({
            agentId: id,
            action,
            message:
              action === 'shutdown' ? 'Agent is already stopped' : 'Agent is already suspended',
            previousStatus: row.status,
          }),
        )
      }
      const result = await shutdownRuntime(db, row)
      if (!result.success) {
        const status = lifecycleFailureStatus(result.error, 400)
        return flagError(status, result.error)
      }
      return c.json(
        envelope({
          agentId: id,
          action,
          message:
            action === 'shutdown'
              ? 'Agent shutdown complete'
              : 'Agent suspended with snapshot. Use resume or provision to restart.',
          previousStatus: row.status,
        }),
      )
    }),
  )

  app.delete(
    '/api/v1/milady/agents/:id',
    uncaught(async (c, auth) => {
      const row = await getRuntime(db, c.req.param('id') ?? '', auth.organizationId)
      if (!row) return notFound()
      const result = await deleteRuntime(db, row)
      if (!result.success) {
        const status = lifecycleFailureStatus(result.error, 500)
        return flagError(status, status === 500 ? 'Failed to delete agent' : result.error)
      }
      await deleteLinkedCharacter(result.deleted)
      return c.json({ success: true })
    }),
  )
  app.all('/api/v1/milady/agents/:id', () =>
    methodNotAllowed(['GET', 'PATCH', 'DELETE', 'OPTIONS']),
  )

  /** The 202/409 answer of an async provisioning job (provision and resume). */
  const jobInfo = (row: RuntimeRow, created: boolean) => ({
    jobId: row.provision_job_id ?? row.id,
    status: created ? 'pending' : 'in_progress',
    estimatedCompletionAt: new Date(Date.now() + provisioningDoneInMs(row)).toISOString(),
  })
  const polling = (jobId: string) => ({
    endpoint: `/api/v1/jobs/${jobId}`,
    intervalMs: 5000,
    expectedDurationMs: 90000,
  })

  // Provision: asynchronous (202 + job). `?sync=true` is refused in production, so ignored here.
  // Caught by the older helper: auth failures keep their E2 status; anything else is a
  // code-less 500 "An unexpected error occurred".
  app.post('/api/v1/milady/agents/:id/provision', async (c) => {
    try {
      const auth = await requireAuth(c)
      const id = c.req.param('id')
      const row = await getRuntime(db, id, auth.organizationId)
      if (!row) return notFound()
      if (row.status === 'running' && row.bridge_url && row.health_url) {
        return c.json(
          envelope({
            id: row.id,
            agentName: row.agent_name,
            status: row.status,
            bridgeUrl: row.bridge_url,
            healthUrl: row.health_url,
          }),
        )
      }
      const gate = await checkCreditGate(db, auth.organizationId)
      if (!gate.allowed) return creditGateError(gate)
      const start = await startProvisioning(db, row, ctx.timing.lifecycleStepMs)
      const created = start.kind === 'started'
      const job = jobInfo(start.row, created)
      return c.json(
        {
          success: true,
          created,
          alreadyInProgress: !created,
          message: created
            ? 'Provisioning job created. Poll the job endpoint for status.'
            : 'Provisioning is already in progress. Poll the existing job for status.',
          data: {
            jobId: job.jobId,
            agentId: id,
            status: job.status,
            estimatedCompletionAt: job.estimatedCompletionAt,
          },
          polling: polling(job.jobId),
        },
        created ? 202 : 409,
      )
    } catch (error) {
      if (error instanceof AuthFailure) {
        return apiError(error.status, error.message, codeForStatus(error.status))
      }
      return flagError(500, 'An unexpected error occurred')
    }
  })

  app.post(
    '/api/v1/milady/agents/:id/suspend',
    uncaught(async (c, auth) => {
      const id = c.req.param('id') ?? ''
      const row = await getRuntime(db, id, auth.organizationId)
      if (!row) return notFound()
      if (row.status === 'stopped') {
        return c.json(
          envelope({
            agentId: id,
            action: 'suspend',
            message: 'Agent is already suspended',
            previousStatus: row.status,
          }),
        )
      }
      const result = await shutdownRuntime(db, row)
      if (!result.success) {
        const status = lifecycleFailureStatus(result.error, 500)
        return flagError(status, status === 500 ? 'Suspend failed' : result.error)
      }
      return c.json(
        envelope({
          agentId: id,
          action: 'suspend',
          message: 'Agent suspended with snapshot. Use resume or provision to restart.',
          previousStatus: row.status,
        }),
      )
    }),
  )

  // Resume: asynchronous by default; unlike provision, `?sync=true` is honoured.
  app.post(
    '/api/v1/milady/agents/:id/resume',
    uncaught(async (c, auth) => {
      const id = c.req.param('id') ?? ''
      const row = await getRuntime(db, id, auth.organizationId)
      if (!row) return notFound()
      if (row.status === 'running' && row.bridge_url && row.health_url) {
        return c.json(
          envelope({
            agentId: id,
            action: 'resume',
            message: 'Agent is already running',
            status: row.status,
          }),
        )
      }
      const gate = await checkCreditGate(db, auth.organizationId)
      if (!gate.allowed) return creditGateError(gate)
      if (c.req.query('sync') === 'true') {
        const result = await provisionAndWait(c, row, auth.organizationId)
        if (!result.success) {
          const status = result.error === 'Agent is already being provisioned' ? 409 : 500
          return flagError(status, status === 500 ? 'Resume failed' : result.error)
        }
        return c.json(
          envelope({
            agentId: id,
            action: 'resume',
            message: 'Agent resumed from latest snapshot',
            status: 'running',
            bridgeUrl: result.row.bridge_url,
            healthUrl: result.row.health_url,
          }),
        )
      }
      const start = await startProvisioning(db, row, ctx.timing.lifecycleStepMs)
      const created = start.kind === 'started'
      const job = jobInfo(start.row, created)
      return c.json(
        {
          success: true,
          created,
          alreadyInProgress: !created,
          data: {
            agentId: id,
            action: 'resume',
            jobId: job.jobId,
            status: job.status,
            message: created
              ? 'Resume job created. Agent will restore from latest snapshot.'
              : 'Resume is already in progress.',
          },
          polling: polling(job.jobId),
        },
        created ? 202 : 409,
      )
    }),
  )

  // Snapshot looks for a *running* runtime of the org: a missing one is also "not running".
  app.post(
    '/api/v1/milady/agents/:id/snapshot',
    uncaught(async (c, auth) => {
      const row = await getRuntime(db, c.req.param('id') ?? '', auth.organizationId)
      const backup = row ? await snapshotRuntime(db, row) : null
      if (!backup) return flagError(409, 'Sandbox is not running')
      return c.json(
        envelope({
          backupId: backup.id,
          snapshotType: backup.snapshot_type,
          sizeBytes: backup.size_bytes,
          createdAt: backup.created_at.toISOString(),
        }),
      )
    }),
  )

  // Backups of a missing runtime are simply an empty list.
  app.get('/api/v1/milady/agents/:id/backups', async (c) => {
    try {
      const auth = await requireAuth(c)
      const row = await getRuntime(db, c.req.param('id'), auth.organizationId)
      const backups = row ? await listBackups(db, row.id) : []
      return c.json(
        envelope(
          backups.map((b) => ({
            id: b.id,
            snapshotType: b.snapshot_type,
            sizeBytes: b.size_bytes,
            vercelSnapshotId: null,
            createdAt: b.created_at.toISOString(),
          })),
        ),
      )
    } catch (error) {
      if (error instanceof AuthFailure) {
        return apiError(error.status, error.message, codeForStatus(error.status))
      }
      return flagError(500, 'An unexpected error occurred')
    }
  })

  // Restore: the body must be JSON (an empty body throws → bare 500). A running runtime gets the
  // state pushed; a stopped one is provisioned again (synchronously) from its latest backup.
  app.post(
    '/api/v1/milady/agents/:id/restore',
    uncaught(async (c, auth) => {
      const id = c.req.param('id') ?? ''
      const parsed = S.restoreBody.safeParse(await c.req.json())
      if (!parsed.success) {
        return flagError(400, 'Invalid request', { details: parsed.error.issues })
      }
      const row = await getRuntime(db, id, auth.organizationId)
      if (!row) return notFound()
      const backups = await listBackups(db, row.id)
      const latest = backups[0]
      const backup = parsed.data.backupId ? await findBackup(db, parsed.data.backupId) : latest
      if (!backup) return flagError(404, 'No backup found')
      if (backup.sandbox_record_id !== row.id) return flagError(500, 'Restore failed')
      if (row.status !== 'running' && parsed.data.backupId && backup.id !== latest?.id) {
        return flagError(409, 'Stopped agents can only restore the latest backup')
      }
      if (row.status !== 'running') {
        const result = await provisionAndWait(c, row, auth.organizationId)
        if (!result.success) return flagError(500, 'Restore failed')
      }
      return c.json(
        envelope({
          restoredFromBackupId: backup.id,
          snapshotType: backup.snapshot_type,
          createdAt: backup.created_at.toISOString(),
        }),
      )
    }),
  )
  for (const action of ['provision', 'suspend', 'resume', 'snapshot', 'restore']) {
    app.all(`/api/v1/milady/agents/:id/${action}`, () => methodNotAllowed(['POST', 'OPTIONS']))
  }
  app.all('/api/v1/milady/agents/:id/backups', () => methodNotAllowed(['GET', 'OPTIONS']))

  // ─── Partner-only lifecycle routes ──────────────────────────────────────────────────────

  // `X-Service-Key` only: a customer key passes the edge and is refused here (docs/cloud/agents.md).
  const serviceKeyOnly = () => bareError(401, 'Unauthorized')
  app.post('/api/v1/agents', serviceKeyOnly)
  app.all('/api/v1/agents', () => methodNotAllowed(['POST', 'OPTIONS']))
  for (const [method, action] of [
    ['get', 'status'],
    ['post', 'suspend'],
    ['post', 'resume'],
    ['get', 'logs'],
    ['get', 'usage'],
  ] as const) {
    app[method](`/api/v1/agents/:agentId/${action}`, serviceKeyOnly)
    app.all(`/api/v1/agents/:agentId/${action}`, () =>
      methodNotAllowed([method.toUpperCase(), 'OPTIONS']),
    )
  }
  app.post(
    '/api/v1/agents/:agentId/restart',
    rateLimit(ctx.limiter, PRESETS.STANDARD),
    serviceKeyOnly,
  )
  app.all('/api/v1/agents/:agentId/restart', () => methodNotAllowed(['POST', 'OPTIONS']))

  return app
}

// ─── OpenAPI ──────────────────────────────────────────────────────────────────────────────

const common = { family: FAMILY } as const
const hosted = 'docs/cloud/agents.md "Hosted runtime routes usable with an API key"'
const compatErr = (description: string) => ({ description, schema: S.e6Error })
const e9 = { description: 'Auth or DB failure (non-UUID id): empty body (E9)' }
const runtimeId = { params: S.runtimeIdParams }

documentRoute({
  ...common,
  method: 'get',
  path: '/api/compat/agents',
  note: hosted,
  summary: "The organization's hosted runtimes (compat shape)",
  responses: {
    200: { description: 'envelope(agent[])', schema: S.envelope(S.compatAgent.array()) },
    401: compatErr('E8'),
  },
})
documentRoute({
  ...common,
  method: 'post',
  path: '/api/compat/agents',
  note: hosted,
  summary: 'Create a hosted runtime record (queued; provision it with resume)',
  body: S.compatCreateBody,
  responses: {
    201: { description: 'envelope({agentId, agentName, jobId, status, nodeId, message})' },
    400: compatErr('"Invalid request data" with zod issues'),
    401: compatErr('E8'),
    500: compatErr('"Internal server error" (e.g. malformed JSON)'),
  },
})
documentRoute({
  ...common,
  method: 'get',
  path: '/api/compat/agents/{id}',
  note: hosted,
  summary: 'One hosted runtime (compat shape)',
  ...runtimeId,
  responses: {
    200: { description: 'envelope(agent)', schema: S.envelope(S.compatAgent) },
    404: compatErr('Agent not found'),
    500: compatErr('Internal server error (non-UUID id)'),
  },
})
documentRoute({
  ...common,
  method: 'delete',
  path: '/api/compat/agents/{id}',
  note: hosted,
  summary: 'Delete a hosted runtime (409 while provisioning)',
  ...runtimeId,
  responses: {
    200: {
      description: 'envelope({jobId, status:"completed", message})',
      schema: S.envelope(S.compatOp),
    },
    404: compatErr('Agent not found'),
    409: compatErr('Agent provisioning is in progress'),
  },
})
documentRoute({
  ...common,
  method: 'get',
  path: '/api/compat/agents/{id}/status',
  note: hosted,
  summary: 'Lifecycle status: queued → provisioning → running; stopped; failed',
  ...runtimeId,
  responses: {
    200: { description: 'envelope(status)', schema: S.envelope(S.compatStatusBody) },
    404: compatErr('Agent not found'),
  },
})
for (const [action, summary] of [
  ['suspend', 'Stop a runtime (pre-shutdown backup when running); 409 while provisioning'],
  ['resume', 'Provision synchronously: the answer comes once the runtime is running'],
  ['restart', 'Snapshot then provision; a failure is 502 with success:true, status "failed"'],
] as const) {
  const responses: RouteDoc['responses'] = {
    200: {
      description: 'envelope({jobId, status:"completed", message})',
      schema: S.envelope(S.compatOp),
    },
    404: compatErr('Agent not found'),
    409: compatErr('Provisioning in progress / already being provisioned'),
  }
  if (action === 'restart') responses[502] = { description: 'envelope({status:"failed"})' }
  documentRoute({
    ...common,
    method: 'post',
    path: `/api/compat/agents/{id}/${action}`,
    note: hosted,
    summary,
    ...runtimeId,
    ...(action === 'suspend' ? { body: S.suspendBody } : {}),
    responses,
  })
}
documentRoute({
  ...common,
  method: 'get',
  path: '/api/compat/agents/{id}/logs',
  note: hosted,
  summary: 'Log text of a running runtime, else a status sentence',
  ...runtimeId,
  query: S.logsQuery,
  responses: { 200: { description: 'envelope(string)' }, 404: compatErr('Agent not found') },
})
documentRoute({
  ...common,
  method: 'get',
  path: '/api/compat/jobs/{jobId}',
  note: hosted,
  summary: 'The create job synthesised from the runtime (jobId = agentId)',
  params: S.jobIdParams,
  responses: { 200: { description: 'envelope(job)' }, 404: compatErr('Job not found') },
})

documentRoute({
  ...common,
  method: 'get',
  path: '/api/v1/milady/agents',
  note: hosted,
  summary: "The organization's Milady runtimes with token linkage",
  responses: {
    200: { description: '{success, data:[…]}' },
    401: compatErr('Unauthorized'),
    500: compatErr('Failed to list agents'),
  },
})
documentRoute({
  ...common,
  method: 'post',
  path: '/api/v1/milady/agents',
  note: hosted,
  summary: 'Create a Milady runtime (needs a $5.00 balance)',
  body: S.miladyCreateBody,
  responses: {
    201: { description: '{success, data:{id, agentName, status:"pending", createdAt}}' },
    400: compatErr('"Invalid request data" with zod issues'),
    401: compatErr('Unauthorized'),
    402: { description: 'Below the minimum balance', schema: S.creditGateError },
    404: compatErr('Character not found'),
    500: compatErr('Failed to create agent'),
  },
})
documentRoute({
  ...common,
  method: 'get',
  path: '/api/v1/milady/agents/{id}',
  note: hosted,
  summary: 'One Milady runtime',
  ...runtimeId,
  responses: {
    200: { description: '{success, data}' },
    404: compatErr('Agent not found'),
    500: e9,
  },
})
documentRoute({
  ...common,
  method: 'patch',
  path: '/api/v1/milady/agents/{id}',
  note: hosted,
  summary: 'Lifecycle action: shutdown or suspend',
  ...runtimeId,
  body: S.miladyPatchBody,
  responses: {
    200: { description: '{success, data:{agentId, action, message, previousStatus}}' },
    400: compatErr('"Invalid request data" with zod issues'),
    404: compatErr('Agent not found'),
    409: compatErr('Agent provisioning is in progress'),
    500: e9,
  },
})
documentRoute({
  ...common,
  method: 'delete',
  path: '/api/v1/milady/agents/{id}',
  note: hosted,
  summary: 'Delete a Milady runtime',
  ...runtimeId,
  responses: {
    200: { description: '{success:true}' },
    404: compatErr('Agent not found'),
    409: compatErr('Agent provisioning is in progress'),
    500: e9,
  },
})
documentRoute({
  ...common,
  method: 'post',
  path: '/api/v1/milady/agents/{id}/provision',
  note: hosted,
  summary: 'Start provisioning (async job); 200 with URLs when already running',
  ...runtimeId,
  responses: {
    200: {
      description: 'Already running: {success, data:{id, agentName, status, bridgeUrl, healthUrl}}',
    },
    202: {
      description:
        '{success, created:true, data:{jobId, agentId, status, estimatedCompletionAt}, polling}',
    },
    402: { description: 'Below the minimum balance', schema: S.creditGateError },
    404: compatErr('Agent not found'),
    409: { description: 'Already in progress (created:false)' },
    500: compatErr('An unexpected error occurred'),
  },
})
documentRoute({
  ...common,
  method: 'post',
  path: '/api/v1/milady/agents/{id}/suspend',
  note: hosted,
  summary: 'Suspend with a snapshot',
  ...runtimeId,
  responses: {
    200: { description: '{success, data:{agentId, action, message, previousStatus}}' },
    404: compatErr('Agent not found'),
    409: compatErr('Agent provisioning is in progress'),
    500: e9,
  },
})
documentRoute({
  ...common,
  method: 'post',
  path: '/api/v1/milady/agents/{id}/resume',
  note: hosted,
  summary: 'Resume from the latest snapshot (async job, or ?sync=true)',
  ...runtimeId,
  query: S.syncQuery,
  responses: {
    200: { description: 'Already running, or the sync result' },
    202: {
      description:
        '{success, created:true, data:{agentId, action, jobId, status, message}, polling}',
    },
    402: { description: 'Below the minimum balance', schema: S.creditGateError },
    404: compatErr('Agent not found'),
    409: { description: 'Already in progress' },
    500: e9,
  },
})
documentRoute({
  ...common,
  method: 'post',
  path: '/api/v1/milady/agents/{id}/snapshot',
  note: hosted,
  summary: 'Manual backup of a running runtime',
  ...runtimeId,
  responses: {
    200: { description: '{success, data:{backupId, snapshotType, sizeBytes, createdAt}}' },
    409: compatErr('Sandbox is not running'),
    500: e9,
  },
})
documentRoute({
  ...common,
  method: 'get',
  path: '/api/v1/milady/agents/{id}/backups',
  note: hosted,
  summary: 'Backups, newest first (at most 10)',
  ...runtimeId,
  responses: {
    200: { description: '{success, data:[…]}' },
    401: { description: 'E2', schema: S.e2Error },
  },
})
documentRoute({
  ...common,
  method: 'post',
  path: '/api/v1/milady/agents/{id}/restore',
  note: hosted,
  summary: 'Restore a backup (re-provisions a stopped runtime)',
  ...runtimeId,
  body: S.restoreBody,
  responses: {
    200: { description: '{success, data:{restoredFromBackupId, snapshotType, createdAt}}' },
    400: compatErr('"Invalid request" with zod issues'),
    404: compatErr('Agent not found / No backup found'),
    409: compatErr('Stopped agents can only restore the latest backup'),
    500: e9,
  },
})
documentRoute({
  ...common,
  method: 'post',
  path: '/api/v1/agents',
  note: 'docs/cloud/agents.md "/api/v1/agents lifecycle routes — partner service key only"',
  summary: 'Partner-only: every customer key gets 401 {"error":"Unauthorized"}',
  responses: { 401: { description: 'E5', schema: S.e5Error } },
})
for (const [method, action] of [
  ['get', 'status'],
  ['post', 'suspend'],
  ['post', 'resume'],
  ['post', 'restart'],
  ['get', 'logs'],
  ['get', 'usage'],
] as const) {
  documentRoute({
    ...common,
    method,
    path: `/api/v1/agents/{agentId}/${action}`,
    note: 'docs/cloud/agents.md "/api/v1/agents lifecycle routes — partner service key only"',
    summary: 'Partner-only: every customer key gets 401 {"error":"Unauthorized"}',
    params: S.agentIdParams,
    responses: { 401: { description: 'E5', schema: S.e5Error } },
  })
}
