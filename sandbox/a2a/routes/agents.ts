// /api/agents/{id}/a2a: a public agent's A2A card (GET, public) and its JSON-RPC endpoint
// with the cloud's non-standard methods `chat` and `getAgentInfo` (POST) (docs/cloud/a2a-discovery.md
// "GET — agent card", "POST — JSON-RPC, non-standard methods").
import type { Context } from 'hono'
import { authenticate } from '../../core/auth.ts'
import type { SandboxContext } from '../../core/context.ts'
import type { Db } from '../../core/db/client.ts'
import { bare500, bareError, methodNotAllowed } from '../../core/errors.ts'
import { PRESETS, rateLimit } from '../../core/rate-limit.ts'
import { FamilyRoutes } from '../../core/route.ts'
import { agentCard, buildAgentCard } from '../card.ts'
import { agentEnvelope, RPC, type RpcId } from '../protocol.ts'
import { agentIdParam, bareErrorBody, rpcError } from '../schemas.ts'
import {
  billedChat,
  isUuid,
  personaOf,
  SkillCreditsError,
  type CharacterRow,
  type SkillContext,
} from '../skills.ts'
import { NOTE, originOf, rpcResult, skillContexts } from './shared.ts'

type Params = Record<string, unknown>

interface AgentRow extends CharacterRow {
  avatar_url: string | null
  category: string | null
  tags: string[]
  a2a_enabled: boolean
  monetization_enabled: boolean
  inference_markup_percentage: string
}

async function loadAgent(db: Db, id: string): Promise<AgentRow | undefined> {
  const { rows } = await db.query<AgentRow>('SELECT * FROM user_characters WHERE id = $1', [id])
  return rows[0]
}

const agentRpcError = (
  c: Context,
  status: 200 | 400 | 401 | 403 | 404,
  code: number,
  message: string,
  id: RpcId,
) => c.json({ jsonrpc: '2.0', error: { code, message }, id }, status)

async function agentChat(
  c: Context,
  s: SkillContext,
  agent: AgentRow,
  params: Params,
  rpcId: string | number,
) {
  const model = typeof params.model === 'string' ? params.model : 'gpt-4o-mini'
  const messages = params.messages
  if (!messages || !(messages as unknown[]).length) {
    // Several per-agent errors arrive with HTTP 200 (docs/cloud/a2a-discovery.md, per-agent errors).
    return agentRpcError(c, 200, RPC.INVALID_PARAMS, 'messages required', rpcId)
  }
  // A non-array `messages` makes the handler throw outside its try → bare 500 (E9).
  if (!Array.isArray(messages)) return bare500()
  const bio = Array.isArray(agent.bio) ? agent.bio.join('\n') : agent.bio
  const system = agent.system || `You are ${agent.name}. ${bio}`
  const turns = [
    { role: 'system' as const, content: system },
    ...messages.map((m: { role?: unknown; content?: unknown }) => ({
      role: (m?.role === 'assistant' || m?.role === 'system' ? m.role : 'user') as
        'user' | 'assistant' | 'system',
      content: typeof m?.content === 'string' ? m.content : String(m?.content ?? ''),
    })),
  ]
  const markupPercent = agent.monetization_enabled ? Number(agent.inference_markup_percentage) : 0
  try {
    const r = await billedChat(s, {
      model,
      messages: turns,
      persona: personaOf(agent),
      markupPercent,
      operation: `Agent: ${agent.name} (${model})`,
      insufficientMessage: (e) => `Insufficient credits. Required: $${e.required.toFixed(4)}`,
    })
    if (agent.monetization_enabled && r.markup > 0) {
      // The owner's earnings from the markup (redeemable earnings in the cloud).
      await s.sandbox.db.query(
        `UPDATE user_characters
            SET total_creator_earnings = total_creator_earnings + $2,
                total_inference_requests = total_inference_requests + 1
          WHERE id = $1`,
        [agent.id, r.markup.toFixed(4)],
      )
    }
    return rpcResult(
      c,
      {
        content: r.content,
        model: r.model,
        usage: {
          prompt_tokens: r.usage.inputTokens,
          completion_tokens: r.usage.outputTokens,
          total_tokens: r.usage.totalTokens,
        },
        cost: { base: r.baseCost, markup: r.markup, total: r.cost },
      },
      rpcId,
    )
  } catch (error) {
    if (error instanceof SkillCreditsError)
      return agentRpcError(c, 200, -32003, error.message, rpcId)
    const text = error instanceof Error ? error.message : 'Internal error'
    return agentRpcError(c, 200, -32000, text, rpcId)
  }
}

export function agentRoutes(ctx: SandboxContext): FamilyRoutes {
  const routes = new FamilyRoutes('a2a')
  const { app } = routes
  const { db } = ctx
  const skillContext = skillContexts(ctx)
  const limited = rateLimit(ctx.limiter, PRESETS.STANDARD)

  routes.route({
    method: 'get',
    path: '/api/agents/{id}/a2a',
    auth: 'none',
    summary: "A public agent's A2A card (public)",
    note: `${NOTE} "GET — agent card"`,
    params: agentIdParam,
    responses: {
      200: { description: 'Agent card', schema: agentCard },
      403: { description: 'Agent is not public / A2A not enabled (E5)', schema: bareErrorBody },
      404: { description: 'Agent not found (E5)', schema: bareErrorBody },
      429: { description: 'STANDARD rate limit (E10)' },
      500: { description: 'A non-UUID id: empty body (E9)' },
    },
    use: [limited],
    handler: async (c) => {
      const id = c.req.param('id') ?? ''
      // A non-UUID id fails in the database query, which nobody catches (E9).
      if (!isUuid(id)) return bare500()
      const agent = await loadAgent(db, id)
      if (!agent) return bareError(404, 'Agent not found')
      if (!agent.is_public) return bareError(403, 'Agent is not public')
      if (!agent.a2a_enabled) return bareError(403, 'A2A not enabled for this agent')
      return c.json(buildAgentCard(agent, originOf(c)), 200, {
        'Cache-Control': 'public, max-age=3600',
      })
    },
  })

  routes.route({
    method: 'post',
    path: '/api/agents/{id}/a2a',
    auth: 'key',
    summary: 'Per-agent JSON-RPC: chat, getAgentInfo',
    note: `${NOTE} "POST — JSON-RPC, non-standard methods"`,
    params: agentIdParam,
    body: agentEnvelope,
    responses: {
      200: { description: 'Result, or -32602 / -32003 / -32000 errors (HTTP 200)' },
      400: { description: '-32700 invalid envelope, -32601 unknown method', schema: rpcError },
      401: { description: '-32002 authentication required', schema: rpcError },
      403: { description: '-32001 agent not accessible', schema: rpcError },
      404: { description: '-32001 agent not found', schema: rpcError },
      429: { description: 'STANDARD rate limit (E10)' },
      500: { description: 'A non-UUID id or a non-JSON body: empty body (E9)' },
    },
    use: [limited],
    handler: async (c) => {
      const id = c.req.param('id') ?? ''
      if (!isUuid(id)) return bare500()
      const agent = await loadAgent(db, id)
      if (!agent) return agentRpcError(c, 404, RPC.TASK_NOT_FOUND, 'Agent not found', null)
      if (!agent.is_public || !agent.a2a_enabled) {
        return agentRpcError(c, 403, RPC.TASK_NOT_FOUND, 'Agent not accessible', null)
      }
      let body: unknown
      try {
        body = await c.req.json()
      } catch {
        return bare500() // the handler parses without a try → empty 500 (docs/cloud/auth-errors-limits.md E9)
      }
      const envelope = agentEnvelope.safeParse(body)
      if (!envelope.success) return agentRpcError(c, 400, RPC.PARSE_ERROR, 'Parse error', null)
      const { method, params, id: rpcId } = envelope.data
      const auth = await authenticate(c.req.raw, db, ctx.balanceCache)
      if (!auth.ok) return agentRpcError(c, 401, -32002, 'Authentication required', rpcId)
      if (method === 'chat') {
        return agentChat(c, skillContext(c, auth.auth), agent, params ?? {}, rpcId)
      }
      if (method === 'getAgentInfo') {
        return rpcResult(
          c,
          {
            name: agent.name,
            bio: agent.bio,
            category: agent.category,
            tags: agent.tags,
            monetizationEnabled: agent.monetization_enabled,
            markupPercentage: agent.inference_markup_percentage,
          },
          rpcId,
        )
      }
      return agentRpcError(c, 400, RPC.METHOD_NOT_FOUND, 'Method not found', rpcId)
    },
  })
  app.all('/api/agents/:id/a2a', () => methodNotAllowed(['GET', 'POST', 'OPTIONS']))

  return routes
}
