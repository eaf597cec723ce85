// /api/compat/agents/** and /api/compat/jobs/{jobId}: the compat layer over hosted runtimes
// (docs/cloud/agents.md "Hosted runtime routes usable with an API key"): envelope + E8, no rate limits.
import type { Context } from 'hono'
import type { AuthContext } from '../../core/auth.ts'
import type { SandboxContext } from '../../core/context.ts'
import { compatError, flagError, methodNotAllowed } from '../../core/errors.ts'

import { FamilyRoutes } from '../../core/route.ts'

import {
  AuthFailure,
  envelope,
  lifecycleFailureStatus,
  runtimeKit,
  statusSentence,
  tailOf,
} from '../runtime-kit.ts'
import {
  createRuntime,
  deleteRuntime,
  getRuntime,
  listRuntimes,
  type RuntimeRow,
  runtimeLogs,
  shutdownRuntime,
  snapshotRuntime,
  toCompatAgent,
  toCompatJob,
  toCompatOpResult,
  toCompatStatus,
} from '../runtimes.ts'
import * as S from '../schemas.ts'
import { compatErr, hosted, runtimeId } from '../schemas.ts'

export function compatRoutes(ctx: SandboxContext): FamilyRoutes {
  const routes = new FamilyRoutes('agents')
  const { app } = routes
  const { db } = ctx
  const { requireAuth, provisionAndWait, deleteLinkedCharacter } = runtimeKit(ctx)

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

  routes.route({
    method: 'get',
    path: '/api/compat/agents',
    auth: 'key',
    note: hosted,
    summary: "The organization's hosted runtimes (compat shape)",
    responses: {
      200: { description: 'envelope(agent[])', schema: S.envelope(S.compatAgent.array()) },
      401: compatErr('E8'),
    },
    handler: compat(async (c, auth) =>
      c.json(envelope((await listRuntimes(db, auth.organizationId)).map(toCompatAgent))),
    ),
  })

  routes.route({
    method: 'post',
    path: '/api/compat/agents',
    auth: 'key',
    note: hosted,
    summary: 'Create a hosted runtime record (queued; provision it with resume)',
    body: S.compatCreateBody,
    responses: {
      201: { description: 'envelope({agentId, agentName, jobId, status, nodeId, message})' },
      400: compatErr('"Invalid request data" with zod issues'),
      401: compatErr('E8'),
      500: compatErr('"Internal server error" (e.g. malformed JSON)'),
    },
    handler: compat(async (c, auth) => {
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
  })
  app.all('/api/compat/agents', () => methodNotAllowed(['GET', 'POST', 'OPTIONS']))

  const compatAgent = (
    handler: (c: Context, row: RuntimeRow, auth: AuthContext) => Promise<Response>,
  ) =>
    compat(async (c, auth) => {
      const row = await getRuntime(db, c.req.param('id') ?? '', auth.organizationId)
      if (!row) return compatError(404, 'Agent not found')
      return handler(c, row, auth)
    })

  routes.route({
    method: 'get',
    path: '/api/compat/agents/{id}',
    auth: 'key',
    note: hosted,
    summary: 'One hosted runtime (compat shape)',
    ...runtimeId,
    responses: {
      200: { description: 'envelope(agent)', schema: S.envelope(S.compatAgent) },
      404: compatErr('Agent not found'),
      500: compatErr('Internal server error (non-UUID id)'),
    },
    handler: compatAgent(async (c, row) => c.json(envelope(toCompatAgent(row)))),
  })
  routes.route({
    method: 'delete',
    path: '/api/compat/agents/{id}',
    auth: 'key',
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
    handler: compatAgent(async (c, row) => {
      const result = await deleteRuntime(db, row)
      if (!result.success) {
        const status = lifecycleFailureStatus(result.error, 400)
        return compatError(status, result.error)
      }
      await deleteLinkedCharacter(result.deleted)
      return c.json(envelope(toCompatOpResult(row.id, 'delete', true)))
    }),
  })
  app.all('/api/compat/agents/:id', () => methodNotAllowed(['GET', 'DELETE', 'OPTIONS']))

  routes.route({
    method: 'get',
    path: '/api/compat/agents/{id}/status',
    auth: 'key',
    note: hosted,
    summary: 'Lifecycle status: queued → provisioning → running; stopped; failed',
    ...runtimeId,
    responses: {
      200: { description: 'envelope(status)', schema: S.envelope(S.compatStatusBody) },
      404: compatErr('Agent not found'),
    },
    handler: compatAgent(async (c, row) => c.json(envelope(toCompatStatus(row)))),
  })
  app.all('/api/compat/agents/:id/status', () => methodNotAllowed(['GET', 'OPTIONS']))

  // The body's `reason` is parsed and only logged by the cloud.
  routes.route({
    method: 'post',
    path: '/api/compat/agents/{id}/suspend',
    auth: 'key',
    note: hosted,
    summary: 'Stop a runtime (pre-shutdown backup when running); 409 while provisioning',
    ...runtimeId,
    body: S.suspendBody,
    responses: {
      200: {
        description: 'envelope({jobId, status:"completed", message})',
        schema: S.envelope(S.compatOp),
      },
      404: compatErr('Agent not found'),
      409: compatErr('Provisioning in progress / already being provisioned'),
    },
    handler: compatAgent(async (c, row) => {
      const result = await shutdownRuntime(db, row)
      if (!result.success) {
        const status = lifecycleFailureStatus(result.error, 500)
        return compatError(status, result.error)
      }
      return c.json(envelope(toCompatOpResult(row.id, 'suspend', true)))
    }),
  })

  // Resume provisions synchronously (the cloud holds the request up to 120 s).
  routes.route({
    method: 'post',
    path: '/api/compat/agents/{id}/resume',
    auth: 'key',
    note: hosted,
    summary: 'Provision synchronously: the answer comes once the runtime is running',
    ...runtimeId,
    responses: {
      200: {
        description: 'envelope({jobId, status:"completed", message})',
        schema: S.envelope(S.compatOp),
      },
      404: compatErr('Agent not found'),
      409: compatErr('Provisioning in progress / already being provisioned'),
    },
    handler: compatAgent(async (c, row, auth) => {
      const result = await provisionAndWait(c, row, auth.organizationId)
      if (!result.success) {
        const status = result.error === 'Agent is already being provisioned' ? 409 : 500
        return compatError(status, result.error)
      }
      return c.json(envelope(toCompatOpResult(row.id, 'resume', true)))
    }),
  })

  // Restart = snapshot (if running) + provision. Provisioning a running runtime is a no-op
  // success, so restarting a running agent only takes a snapshot, as in the cloud. A failed
  // provision answers 502 with `success: true` and `data.status: "failed"` (docs/cloud/agents.md).
  routes.route({
    method: 'post',
    path: '/api/compat/agents/{id}/restart',
    auth: 'key',
    note: hosted,
    summary: 'Snapshot then provision; a failure is 502 with success:true, status "failed"',
    ...runtimeId,
    responses: {
      200: {
        description: 'envelope({jobId, status:"completed", message})',
        schema: S.envelope(S.compatOp),
      },
      404: compatErr('Agent not found'),
      // Provisioning already under way is a failed restart: 502, not 409 (docs/cloud/agents.md).
      502: { description: 'envelope({status:"failed"})', schema: S.envelope(S.compatOp) },
    },
    handler: compatAgent(async (c, row, auth) => {
      await snapshotRuntime(db, row)
      const result = await provisionAndWait(c, row, auth.organizationId)
      return c.json(
        envelope(toCompatOpResult(row.id, 'restart', result.success)),
        result.success ? 200 : 502,
      )
    }),
  })
  for (const action of ['suspend', 'resume', 'restart']) {
    app.all(`/api/compat/agents/:id/${action}`, () => methodNotAllowed(['POST', 'OPTIONS']))
  }

  routes.route({
    method: 'get',
    path: '/api/compat/agents/{id}/logs',
    auth: 'key',
    note: hosted,
    summary: 'Log text of a running runtime, else a status sentence',
    ...runtimeId,
    query: S.logsQuery,
    responses: { 200: { description: 'envelope(string)' }, 404: compatErr('Agent not found') },
    handler: compatAgent(async (c, row) => {
      const tail = tailOf(c)
      if (row.status === 'running' && row.bridge_url) {
        return c.json(envelope(runtimeLogs(row, tail)))
      }
      return c.json(envelope(statusSentence(row)))
    }),
  })
  app.all('/api/compat/agents/:id/logs', () => methodNotAllowed(['GET', 'OPTIONS']))

  // The compat job is the runtime itself: jobId = agentId.
  routes.route({
    method: 'get',
    path: '/api/compat/jobs/{jobId}',
    auth: 'key',
    note: hosted,
    summary: 'The create job synthesised from the runtime (jobId = agentId)',
    params: S.jobIdParams,
    responses: { 200: { description: 'envelope(job)' }, 404: compatErr('Job not found') },
    handler: compat(async (c, auth) => {
      const row = await getRuntime(db, c.req.param('jobId') ?? '', auth.organizationId)
      if (!row) return compatError(404, 'Job not found')
      return c.json(envelope(toCompatJob(row)))
    }),
  })
  app.all('/api/compat/jobs/:jobId', () => methodNotAllowed(['GET', 'OPTIONS']))
  return routes
}
