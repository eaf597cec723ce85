// /api/v1/milady/agents/**: hosted runtimes (docs/cloud/agents.md "Hosted runtime routes usable
// with an API key"; the note only outlines them: shapes and statuses follow the cloud's handlers,
// including which ones lack a try/catch and so answer a bare 500, E9).
import type { Context } from 'hono'
import type { AuthContext } from '../../core/auth.ts'
import type { SandboxContext } from '../../core/context.ts'
import { apiError, bare500, codeForStatus, flagError, methodNotAllowed } from '../../core/errors.ts'

import { FamilyRoutes } from '../../core/route.ts'

import {
  AuthFailure,
  envelope,
  isAuthenticationError,
  lifecycleFailureStatus,
  runtimeKit,
} from '../runtime-kit.ts'
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
  type RuntimeRow,
  shutdownRuntime,
  snapshotRuntime,
  startProvisioning,
  toMiladyDetail,
  toMiladyListItem,
} from '../runtimes.ts'
import * as S from '../schemas.ts'
import { compatErr, e9, hosted, runtimeId } from '../schemas.ts'

export function miladyRoutes(ctx: SandboxContext): FamilyRoutes {
  const routes = new FamilyRoutes('agents')
  const { app } = routes
  const { db } = ctx
  const { requireAuth, provisionAndWait, tokenLinks, deleteLinkedCharacter } = runtimeKit(ctx)

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

  routes.route({
    method: 'get',
    path: '/api/v1/milady/agents',
    auth: 'key',
    note: hosted,
    summary: "The organization's Milady runtimes with token linkage",
    responses: {
      200: { description: '{success, data:[…]}' },
      401: compatErr('Unauthorized'),
      500: compatErr('Failed to list agents'),
    },
    handler: caught('Failed to list agents', async (c, auth) => {
      const rows = await listRuntimes(db, auth.organizationId)
      const token = await tokenLinks(rows, auth.organizationId)
      return c.json(envelope(rows.map((row) => toMiladyListItem(row, token(row)))))
    }),
  })

  routes.route({
    method: 'post',
    path: '/api/v1/milady/agents',
    auth: 'key',
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
    handler: caught('Failed to create agent', async (c, auth) => {
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
  })
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

  routes.route({
    method: 'get',
    path: '/api/v1/milady/agents/{id}',
    auth: 'key',
    note: hosted,
    summary: 'One Milady runtime',
    ...runtimeId,
    responses: {
      200: { description: '{success, data}' },
      404: compatErr('Agent not found'),
      500: e9,
    },
    handler: uncaught(async (c, auth) => {
      const row = await getRuntime(db, c.req.param('id') ?? '', auth.organizationId)
      if (!row) return notFound()
      const token = await tokenLinks([row], auth.organizationId)
      return c.json(envelope(toMiladyDetail(row, token(row))))
    }),
  })

  routes.route({
    method: 'patch',
    path: '/api/v1/milady/agents/{id}',
    auth: 'key',
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
    handler: uncaught(async (c, auth) => {
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
  })

  routes.route({
    method: 'delete',
    path: '/api/v1/milady/agents/{id}',
    auth: 'key',
    note: hosted,
    summary: 'Delete a Milady runtime',
    ...runtimeId,
    responses: {
      200: { description: '{success:true}' },
      404: compatErr('Agent not found'),
      409: compatErr('Agent provisioning is in progress'),
      500: e9,
    },
    handler: uncaught(async (c, auth) => {
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
  })
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
  routes.route({
    method: 'post',
    path: '/api/v1/milady/agents/{id}/provision',
    auth: 'key',
    note: hosted,
    summary: 'Start provisioning (async job); 200 with URLs when already running',
    ...runtimeId,
    responses: {
      200: {
        description:
          'Already running: {success, data:{id, agentName, status, bridgeUrl, healthUrl}}',
      },
      202: {
        description:
          '{success, created:true, data:{jobId, agentId, status, estimatedCompletionAt}, polling}',
      },
      401: { description: 'Bad key: keeps its E2 status and code', schema: S.e2Error },
      402: { description: 'Below the minimum balance', schema: S.creditGateError },
      403: { description: 'Inactive user or organization (E2)', schema: S.e2Error },
      404: compatErr('Agent not found'),
      409: { description: 'Already in progress (created:false)' },
      500: compatErr('An unexpected error occurred (non-UUID id)'),
    },
    handler: async (c) => {
      try {
        const auth = await requireAuth(c)
        const id = c.req.param('id') ?? ''
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
    },
  })

  routes.route({
    method: 'post',
    path: '/api/v1/milady/agents/{id}/suspend',
    auth: 'key',
    note: hosted,
    summary: 'Suspend with a snapshot',
    ...runtimeId,
    responses: {
      200: { description: '{success, data:{agentId, action, message, previousStatus}}' },
      404: compatErr('Agent not found'),
      409: compatErr('Agent provisioning is in progress'),
      500: e9,
    },
    handler: uncaught(async (c, auth) => {
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
  })

  // Resume: asynchronous by default; unlike provision, `?sync=true` is honoured.
  routes.route({
    method: 'post',
    path: '/api/v1/milady/agents/{id}/resume',
    auth: 'key',
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
    handler: uncaught(async (c, auth) => {
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
  })

  // Snapshot looks for a *running* runtime of the org: a missing one is also "not running".
  routes.route({
    method: 'post',
    path: '/api/v1/milady/agents/{id}/snapshot',
    auth: 'key',
    note: hosted,
    summary: 'Manual backup of a running runtime',
    ...runtimeId,
    responses: {
      200: { description: '{success, data:{backupId, snapshotType, sizeBytes, createdAt}}' },
      409: compatErr('Sandbox is not running'),
      500: e9,
    },
    handler: uncaught(async (c, auth) => {
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
  })

  // Backups of a missing runtime are simply an empty list.
  routes.route({
    method: 'get',
    path: '/api/v1/milady/agents/{id}/backups',
    auth: 'key',
    note: hosted,
    summary: 'Backups, newest first (at most 10)',
    ...runtimeId,
    responses: {
      200: { description: '{success, data:[…]}' },
      401: { description: 'E2', schema: S.e2Error },
    },
    handler: async (c) => {
      try {
        const auth = await requireAuth(c)
        const row = await getRuntime(db, c.req.param('id') ?? '', auth.organizationId)
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
    },
  })

  // Restore: the body must be JSON (an empty body throws → bare 500). A running runtime gets the
  // state pushed; a stopped one is provisioned again (synchronously) from its latest backup.
  routes.route({
    method: 'post',
    path: '/api/v1/milady/agents/{id}/restore',
    auth: 'key',
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
    handler: uncaught(async (c, auth) => {
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
  })
  for (const action of ['provision', 'suspend', 'resume', 'snapshot', 'restore']) {
    app.all(`/api/v1/milady/agents/:id/${action}`, () => methodNotAllowed(['POST', 'OPTIONS']))
  }
  app.all('/api/v1/milady/agents/:id/backups', () => methodNotAllowed(['GET', 'OPTIONS']))
  return routes
}
