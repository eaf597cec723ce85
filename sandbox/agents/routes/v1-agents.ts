// /api/v1/agents/{agentId}[/publish|/monetization] (docs/cloud/agents.md: org-scoped read,
// publish, monetization) and the partner-only /api/v1/agents lifecycle routes, which refuse
// every customer key.
import type { Context } from 'hono'
import { z } from 'zod'
import { authenticate } from '../../core/auth.ts'
import type { SandboxContext } from '../../core/context.ts'
import {
  apiError,
  bare500,
  bareError,
  codeForStatus,
  flagError,
  methodNotAllowed,
} from '../../core/errors.ts'
import { PRESETS, rateLimit } from '../../core/rate-limit.ts'
import { FamilyRoutes } from '../../core/route.ts'
import {
  type CharacterRow,
  endpoints,
  findCharacter,
  originOf,
  readJson,
  serializeCharacter,
} from '../characters.ts'
import * as S from '../schemas.ts'
import { bare500Doc } from '../schemas.ts'

export function v1AgentsRoutes(ctx: SandboxContext): FamilyRoutes {
  const routes = new FamilyRoutes('agents')
  const { app } = routes
  const { db } = ctx
  const auth = (c: Context) => authenticate(c.req.raw, db, ctx.balanceCache)

  // Org-scoped read: E2 auth errors with their real status; anything else (a non-UUID id) is
  // the older helper's code-less 500 (docs/cloud/auth-errors-limits.md E2).
  routes.route({
    method: 'get',
    path: '/api/v1/agents/{agentId}',
    auth: 'key',
    note: 'docs/cloud/agents.md "GET /api/v1/agents/{agentId} — read (org-scoped)"',
    summary: "Any character of the caller's organization, unwrapped",
    params: S.agentIdParams,
    responses: {
      200: {
        description: '{success, data:<character>}',
        schema: z.object({ success: z.literal(true), data: S.characterObject }),
      },
      401: { description: 'E2', schema: S.e2Error },
      403: { description: 'E2', schema: S.e2Error },
      404: { description: 'Agent not found', schema: S.e6Error },
      500: { description: 'An unexpected error occurred (no code)', schema: S.e6Error },
    },
    handler: async (c) => {
      const result = await auth(c)
      if (!result.ok) return apiError(result.status, result.message, codeForStatus(result.status))
      try {
        const row = await findCharacter(db, c.req.param('agentId') ?? '')
        if (!row || row.organization_id !== result.auth.organizationId) {
          return flagError(404, 'Agent not found')
        }
        return c.json({ success: true, data: serializeCharacter(row) })
      } catch {
        return flagError(500, 'An unexpected error occurred')
      }
    },
  })
  app.all('/api/v1/agents/:agentId', () => methodNotAllowed(['GET', 'OPTIONS']))

  // Publish / unpublish: owner only, no try/catch (auth or DB failure → bare 500, E9).
  routes.route({
    method: 'post',
    path: '/api/v1/agents/{agentId}/publish',
    auth: 'key',
    note: 'docs/cloud/agents.md "POST / DELETE /api/v1/agents/{agentId}/publish"',
    summary: 'Make an owned character public with monetization and protocol flags',
    params: S.agentIdParams,
    body: S.publishBody,
    responses: {
      200: { description: 'Published, or "Agent is already published"' },
      403: { description: 'Not authorized to publish this agent', schema: S.e6Error },
      404: { description: 'Agent not found', schema: S.e6Error },
      500: bare500Doc,
    },
    handler: async (c) => {
      try {
        const result = await auth(c)
        if (!result.ok) return bare500()
        const row = await findCharacter(db, c.req.param('agentId') ?? '')
        if (!row) return flagError(404, 'Agent not found')
        if (row.user_id !== result.auth.userId) {
          return flagError(403, 'Not authorized to publish this agent')
        }
        const origin = originOf(c)
        if (row.is_public) {
          return c.json({
            success: true,
            message: 'Agent is already published',
            agent: { id: row.id, name: row.name, isPublic: true, ...endpoints(origin, row.id) },
          })
        }
        // An invalid (or absent) body is silently replaced by the defaults (docs/cloud/agents.md).
        const body = await readJson(c)
        const parsed = S.publishBody.safeParse(body.ok ? body.value : {})
        const opts = parsed.success ? parsed.data : S.publishBody.parse({})
        await db.query(
          `UPDATE user_characters
            SET is_public = true, monetization_enabled = $2, inference_markup_percentage = $3,
                payout_wallet_address = COALESCE($4, payout_wallet_address), a2a_enabled = $5,
                mcp_enabled = $6, updated_at = now()
          WHERE id = $1`,
          [
            row.id,
            opts.enableMonetization,
            opts.markupPercentage,
            opts.payoutWalletAddress ?? null,
            opts.a2aEnabled,
            opts.mcpEnabled,
          ],
        )
        return c.json({
          success: true,
          message: 'Agent published successfully',
          agent: {
            id: row.id,
            name: row.name,
            isPublic: true,
            monetizationEnabled: opts.enableMonetization,
            markupPercentage: opts.markupPercentage,
            a2aEnabled: opts.a2aEnabled,
            mcpEnabled: opts.mcpEnabled,
            ...endpoints(origin, row.id),
          },
        })
      } catch {
        return bare500()
      }
    },
  })

  routes.route({
    method: 'delete',
    path: '/api/v1/agents/{agentId}/publish',
    auth: 'key',
    summary: 'Unpublish (also turns monetization off)',
    params: S.agentIdParams,
    responses: {
      200: { description: '{success, message:"Agent unpublished", agent}' },
      403: { description: 'Not authorized', schema: S.e6Error },
      404: { description: 'Agent not found', schema: S.e6Error },
      500: bare500Doc,
    },
    handler: async (c) => {
      try {
        const result = await auth(c)
        if (!result.ok) return bare500()
        const row = await findCharacter(db, c.req.param('agentId') ?? '')
        if (!row) return flagError(404, 'Agent not found')
        if (row.user_id !== result.auth.userId) return flagError(403, 'Not authorized')
        await db.query(
          `UPDATE user_characters SET is_public = false, monetization_enabled = false,
                updated_at = now() WHERE id = $1`,
          [row.id],
        )
        return c.json({
          success: true,
          message: 'Agent unpublished',
          agent: { id: row.id, name: row.name, isPublic: false },
        })
      } catch {
        return bare500()
      }
    },
  })
  app.all('/api/v1/agents/:agentId/publish', () => methodNotAllowed(['POST', 'DELETE', 'OPTIONS']))

  // Monetization: no try/catch either (E9). GET: owner or same organization.
  routes.route({
    method: 'get',
    path: '/api/v1/agents/{agentId}/monetization',
    auth: 'key',
    note: 'docs/cloud/agents.md "GET / PUT /api/v1/agents/{agentId}/monetization"',
    summary: 'Monetization settings and totals (owner or same organization)',
    params: S.agentIdParams,
    responses: {
      200: { description: '{success, monetization:{…}}' },
      403: { description: 'Not authorized to view this agent', schema: S.e6Error },
      404: { description: 'Agent not found', schema: S.e6Error },
      500: bare500Doc,
    },
    handler: async (c) => {
      try {
        const result = await auth(c)
        if (!result.ok) return bare500()
        const row = await findCharacter(db, c.req.param('agentId') ?? '')
        if (!row) return flagError(404, 'Agent not found')
        if (
          row.user_id !== result.auth.userId &&
          row.organization_id !== result.auth.organizationId
        ) {
          return flagError(403, 'Not authorized to view this agent')
        }
        return c.json({
          success: true,
          monetization: {
            enabled: row.monetization_enabled,
            markupPercentage: Number(row.inference_markup_percentage),
            payoutWalletAddress: row.payout_wallet_address,
            isPublic: row.is_public,
            totalEarnings: Number(row.total_creator_earnings),
            totalRequests: row.total_inference_requests,
            a2aEnabled: row.a2a_enabled,
            mcpEnabled: row.mcp_enabled,
          },
        })
      } catch {
        return bare500()
      }
    },
  })

  // PUT: zod tree → 400 "Invalid request"; the service's refusals are 400 too (owner only,
  // public before monetization).
  routes.route({
    method: 'put',
    path: '/api/v1/agents/{agentId}/monetization',
    auth: 'key',
    summary: 'Set markup, payout wallet, monetization on/off (must be public to enable)',
    params: S.agentIdParams,
    body: S.monetizationBody,
    responses: {
      200: {
        description:
          '{success, monetization:{enabled, markupPercentage, payoutWalletAddress, isPublic}}',
      },
      400: {
        description: '"Invalid request" with a zod tree, or the service\'s reason',
        schema: S.e6Error,
      },
      500: bare500Doc,
    },
    handler: async (c) => {
      try {
        const result = await auth(c)
        if (!result.ok) return bare500()
        const agentId = c.req.param('agentId') ?? ''
        const parsed = S.monetizationBody.safeParse(await c.req.json())
        if (!parsed.success) {
          return flagError(400, 'Invalid request', { details: z.formatError(parsed.error) })
        }
        const row = await findCharacter(db, agentId)
        if (!row) return flagError(400, 'Agent not found')
        if (row.user_id !== result.auth.userId) {
          return flagError(400, 'Not authorized to update this agent')
        }
        const settings = parsed.data
        if (settings.monetizationEnabled && !row.is_public) {
          return flagError(400, 'Agent must be public to enable monetization')
        }
        const { rows } = await db.query<CharacterRow>(
          `UPDATE user_characters
            SET monetization_enabled = COALESCE($2, monetization_enabled),
                inference_markup_percentage = COALESCE($3, inference_markup_percentage),
                payout_wallet_address = COALESCE($4, payout_wallet_address),
                updated_at = now()
          WHERE id = $1 RETURNING *`,
          [
            row.id,
            settings.monetizationEnabled ?? null,
            settings.markupPercentage ?? null,
            settings.payoutWalletAddress ?? null,
          ],
        )
        const updated = rows[0]
        return c.json({
          success: true,
          monetization: {
            enabled: updated?.monetization_enabled ?? false,
            markupPercentage: Number(updated?.inference_markup_percentage ?? 0),
            payoutWalletAddress: updated?.payout_wallet_address,
            isPublic: updated?.is_public ?? false,
          },
        })
      } catch {
        return bare500()
      }
    },
  })
  app.all('/api/v1/agents/:agentId/monetization', () => methodNotAllowed(['GET', 'PUT', 'OPTIONS']))

  // ─── Partner-only lifecycle routes ──────────────────────────────────────────────────────

  // `X-Service-Key` only: a customer key passes the edge and is refused here (docs/cloud/agents.md).
  const serviceKeyOnly = () => bareError(401, 'Unauthorized')
  routes.route({
    method: 'post',
    path: '/api/v1/agents',
    auth: 'service-key',
    note: 'docs/cloud/agents.md "/api/v1/agents lifecycle routes — partner service key only"',
    summary: 'Partner-only: every customer key gets 401 {"error":"Unauthorized"}',
    responses: { 401: { description: 'E5', schema: S.e5Error } },
    handler: serviceKeyOnly,
  })
  app.all('/api/v1/agents', () => methodNotAllowed(['POST', 'OPTIONS']))
  const partnerOnly = {
    auth: 'service-key',
    note: 'docs/cloud/agents.md "/api/v1/agents lifecycle routes — partner service key only"',
    summary: 'Partner-only: every customer key gets 401 {"error":"Unauthorized"}',
    params: S.agentIdParams,
    responses: { 401: { description: 'E5', schema: S.e5Error } },
  } as const
  // One declaration per path, written out so that each can be found (docs/sandbox.md).
  const partner = [
    ['get', 'status'],
    ['post', 'suspend'],
    ['post', 'resume'],
    ['get', 'logs'],
    ['get', 'usage'],
  ] as const
  routes.route({
    method: 'get',
    path: '/api/v1/agents/{agentId}/status',
    ...partnerOnly,
    handler: serviceKeyOnly,
  })
  routes.route({
    method: 'post',
    path: '/api/v1/agents/{agentId}/suspend',
    ...partnerOnly,
    handler: serviceKeyOnly,
  })
  routes.route({
    method: 'post',
    path: '/api/v1/agents/{agentId}/resume',
    ...partnerOnly,
    handler: serviceKeyOnly,
  })
  routes.route({
    method: 'get',
    path: '/api/v1/agents/{agentId}/logs',
    ...partnerOnly,
    handler: serviceKeyOnly,
  })
  routes.route({
    method: 'get',
    path: '/api/v1/agents/{agentId}/usage',
    ...partnerOnly,
    handler: serviceKeyOnly,
  })
  for (const [method, action] of partner) {
    app.all(`/api/v1/agents/:agentId/${action}`, () =>
      methodNotAllowed([method.toUpperCase(), 'OPTIONS']),
    )
  }
  routes.route({
    method: 'post',
    path: '/api/v1/agents/{agentId}/restart',
    ...partnerOnly,
    use: [rateLimit(ctx.limiter, PRESETS.STANDARD)],
    handler: serviceKeyOnly,
  })
  app.all('/api/v1/agents/:agentId/restart', () => methodNotAllowed(['POST', 'OPTIONS']))
  return routes
}
