// A2A and discovery family: docs/cloud/a2a-discovery.md. GET /api/v1/discovery, the
// platform JSON-RPC endpoint /api/a2a (message/send, tasks/get, tasks/cancel and the skills),
// and the per-agent card and JSON-RPC endpoint /api/agents/{id}/a2a. The platform card
// /.well-known/agent-card.json does not exist in the cloud, so it is left to the app's 404.
import { randomUUID } from 'node:crypto'
import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { authenticate, type AuthContext } from '../core/auth.ts'
import type { SandboxContext } from '../core/context.ts'
import type { Db } from '../core/db/client.ts'
import { bare500, bareError, jsonRpcError, methodNotAllowed } from '../core/errors.ts'
import type { Family } from '../core/family.ts'
import { documentRoute } from '../core/openapi-registry.ts'
import { PRESETS, rateLimit, type RateLimitPreset } from '../core/rate-limit.ts'
import { SEED } from '../core/seed.ts'
import { agentCard, buildAgentCard } from './card.ts'
import { discover, DiscoveryCache, discoveryQuery, discoveryResponse } from './discovery.ts'
import { insertPublicMcp, seedDirectory, type SeedMcp } from './directory-seed.ts'
import {
  agentEnvelope,
  classifyFailure,
  PLATFORM_METHODS,
  platformEnvelope,
  RPC,
  type RpcId,
} from './protocol.ts'
import {
  AVAILABLE_SKILLS,
  billedChat,
  isUuid,
  personaOf,
  runSkill,
  SkillCreditsError,
  type CharacterRow,
  type SkillContext,
} from './skills.ts'
import { TaskStore } from './store.ts'
import { PartWriter, readMessage, TERMINAL_STATES, type Message, type Task } from './types.ts'

const NOTE = 'docs/cloud/a2a-discovery.md'

/** POST /api/a2a: 100 requests / 60 s per organization (docs/cloud/auth-errors-limits.md §3). */
const A2A_ORG_LIMIT: RateLimitPreset = { name: 'A2A_ORG', limit: 100, windowMs: 60_000 }

/** State kept in memory per sandbox: the discovery cache (cleared by a reset). */
const caches = new WeakMap<SandboxContext, DiscoveryCache>()

const originOf = (c: Context) => new URL(c.req.url).origin

const rpcResult = (c: Context, result: unknown, id: RpcId) =>
  c.json({ jsonrpc: '2.0', result, id }, 200)

// ─── Documentation (the same schemas the handlers validate with) ──────────────────────────

const rpcError = z.object({
  jsonrpc: z.literal('2.0'),
  error: z.object({ code: z.number().int(), message: z.string() }),
  id: z.union([z.string(), z.number(), z.null()]),
})
const part = z
  .object({ type: z.enum(['text', 'data', 'file']).optional(), kind: z.string().optional() })
  .loose()
const message = z.object({
  role: z.enum(['user', 'agent']),
  parts: z.array(part).min(1),
  metadata: z.record(z.string(), z.unknown()).optional(),
})
const task = z.object({
  id: z.string(),
  contextId: z.string().optional(),
  status: z.object({
    state: z.enum([
      'submitted',
      'working',
      'input-required',
      'auth-required',
      'completed',
      'canceled',
      'failed',
      'rejected',
    ]),
    message: message.optional(),
    timestamp: z.string(),
  }),
  history: z.array(message).optional(),
  artifacts: z
    .array(
      z.object({ name: z.string().optional(), description: z.string().optional(), parts: z.any() }),
    )
    .optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
})
const agentIdParam = z.object({ id: z.uuid() })

documentRoute({
  method: 'get',
  path: '/api/v1/discovery',
  family: 'a2a',
  summary: 'Discover public agents and MCP servers (public; a key only changes the rate bucket)',
  note: `${NOTE} "GET /api/v1/discovery"`,
  query: discoveryQuery,
  responses: {
    200: { description: 'Services, paged twice as the cloud does', schema: discoveryResponse },
    400: {
      description: 'Invalid parameters (E5 with zod issues)',
      schema: z.object({ error: z.string(), details: z.array(z.any()) }),
    },
    429: { description: 'STANDARD rate limit (E10)' },
  },
})
documentRoute({
  method: 'get',
  path: '/api/a2a',
  family: 'a2a',
  summary: 'A2A service description (public)',
  note: `${NOTE} "GET /api/a2a"`,
  responses: { 200: { description: 'Methods and skills' } },
})
documentRoute({
  method: 'post',
  path: '/api/a2a',
  family: 'a2a',
  summary: 'A2A JSON-RPC 2.0: message/send, tasks/get, tasks/cancel',
  note: `${NOTE} "POST /api/a2a"`,
  body: platformEnvelope,
  responses: {
    200: {
      description: 'JSON-RPC result (a Task)',
      schema: z.object({ jsonrpc: z.literal('2.0'), result: task, id: z.any() }),
    },
    400: {
      description: '-32700 invalid JSON, -32600 not a JSON-RPC 2.0 envelope',
      schema: rpcError,
    },
    401: { description: '-32010 authentication failed', schema: rpcError },
    402: { description: '-32011 insufficient credits', schema: rpcError },
    403: { description: '-32013 suspended/banned', schema: rpcError },
    404: { description: '-32601 unknown method, -32001 unknown task', schema: rpcError },
    429: { description: '-32012 organization rate limit (no headers)', schema: rpcError },
    500: { description: '-32603 anything else', schema: rpcError },
  },
  extension: 'A2A message parts spelled with `kind`',
})
documentRoute({
  method: 'get',
  path: '/api/agents/{id}/a2a',
  family: 'a2a',
  summary: "A public agent's A2A card (public)",
  note: `${NOTE} "GET — agent card"`,
  params: agentIdParam,
  responses: {
    200: { description: 'Agent card', schema: agentCard },
    403: { description: 'Agent is not public / A2A not enabled (E5)' },
    404: { description: 'Agent not found (E5)' },
    429: { description: 'STANDARD rate limit (E10)' },
  },
})
documentRoute({
  method: 'post',
  path: '/api/agents/{id}/a2a',
  family: 'a2a',
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
    500: { description: 'Non-JSON body: empty body (E9)' },
  },
})

// ─── The platform endpoint's methods ──────────────────────────────────────────────────────

type Params = Record<string, unknown>
type Method = (params: Params, s: SkillContext) => Promise<unknown>

function platformMethods(store: TaskStore): Map<string, Method> {
  const messageSend: Method = async (params, s) => {
    const message = params.message as Message | undefined
    const parts: unknown = message?.parts
    if (!Array.isArray(parts) || parts.length === 0) {
      throw new Error('Message must contain at least one part')
    }
    const metadata = (params.metadata ?? undefined) as Record<string, unknown> | undefined
    // Task and context ids come from params.metadata only; params.id is ignored.
    const taskId = (metadata?.taskId as string | undefined) || randomUUID()
    const contextId = (metadata?.contextId as string | undefined) || randomUUID()
    const org = s.auth.organizationId
    const initial: Task = {
      id: taskId,
      contextId,
      status: { state: 'working', timestamp: new Date().toISOString() },
      ...(metadata === undefined ? {} : { metadata }),
    }
    await store.set(initial, org, s.auth.userId)
    await store.addToHistory(String(taskId), org, message as Message)

    const { text, data } = readMessage(parts, s.writer.kindExtension)
    // A failing skill leaves the task in `working` and the error goes back to the caller.
    const outcome = await runSkill(s, text, data)
    await store.addToHistory(String(taskId), org, outcome.message)
    for (const artifact of outcome.artifacts) await store.addArtifact(String(taskId), org, artifact)
    const done = await store.setState(String(taskId), org, 'completed', outcome.message)
    const result = done ?? { ...initial, status: { ...initial.status, state: 'completed' } }
    return s.writer.taskResult(result)
  }

  const tasksGet: Method = async (params, s) => {
    const { id, historyLength } = params
    const found = await store.get(String(id), s.auth.organizationId)
    if (!found) throw new Error(`Task not found: ${String(id)}`)
    const result = { ...found }
    // `slice(-n)`, with JavaScript's coercions: 0, null or junk keep the whole history.
    if (historyLength !== undefined && result.history) {
      result.history = result.history.slice(-Number(historyLength))
    }
    return s.writer.taskResult(result)
  }

  const tasksCancel: Method = async (params, s) => {
    const { id } = params
    const found = await store.get(String(id), s.auth.organizationId)
    if (!found) throw new Error(`Task not found: ${String(id)}`)
    if (TERMINAL_STATES.includes(found.status.state)) {
      throw new Error(`Task ${String(id)} is already in terminal state: ${found.status.state}`)
    }
    const canceled = await store.setState(String(id), s.auth.organizationId, 'canceled')
    if (!canceled) throw new Error(`Failed to update task: ${String(id)}`)
    return s.writer.taskResult(canceled)
  }

  return new Map([
    ['message/send', messageSend],
    ['tasks/get', tasksGet],
    ['tasks/cancel', tasksCancel],
  ])
}

// ─── Per-agent endpoint ───────────────────────────────────────────────────────────────────

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

// ─── Routes ───────────────────────────────────────────────────────────────────────────────

export function a2aRoutes(ctx: SandboxContext): Hono {
  const app = new Hono()
  const { db } = ctx
  const store = new TaskStore(db)
  const methods = platformMethods(store)
  const cache = new DiscoveryCache()
  caches.set(ctx, cache)
  // The `kind` extension (README.md "Sandbox policy"): off in strict mode.
  const writer = new PartWriter(() => !ctx.strict)
  const skillContext = (c: Context, auth: AuthContext): SkillContext => ({
    sandbox: ctx,
    auth,
    writer,
    signal: c.req.raw.signal,
  })

  // Public: no authentication; a key (valid or not) only selects its own rate-limit bucket.
  app.get('/api/v1/discovery', rateLimit(ctx.limiter, PRESETS.STANDARD), async (c) => {
    const parsed = discoveryQuery.safeParse(Object.fromEntries(new URL(c.req.url).searchParams))
    if (!parsed.success) {
      return bareError(400, 'Invalid parameters', { details: parsed.error.issues })
    }
    const base = originOf(c)
    const key = JSON.stringify([base, parsed.data])
    return c.json(await cache.get(key, () => discover(db, parsed.data, base)))
  })
  app.all('/api/v1/discovery', () => methodNotAllowed(['GET', 'OPTIONS']))

  // Public service description, no rate limit.
  app.get('/api/a2a', (c) =>
    c.json({
      name: 'Eliza Cloud A2A',
      version: '1.0.0',
      protocolVersion: '0.3.0',
      protocol: 'JSON-RPC 2.0',
      documentation: 'https://google.github.io/a2a-spec/',
      agentCard: '/.well-known/agent-card.json',
      methods: PLATFORM_METHODS.map((m) => ({ ...m, isStandard: true })),
      skills: AVAILABLE_SKILLS,
    }),
  )

  // Order as in the cloud: JSON → envelope → auth → org rate limit → method → handler.
  app.post('/api/a2a', async (c) => {
    let body: unknown
    try {
      body = JSON.parse(await c.req.text())
    } catch {
      return jsonRpcError(400, RPC.PARSE_ERROR, 'Parse error: Invalid JSON', null)
    }
    const envelope = platformEnvelope.safeParse(body)
    if (!envelope.success) {
      return jsonRpcError(
        400,
        RPC.INVALID_REQUEST,
        'Invalid Request: Does not conform to JSON-RPC 2.0',
        null,
      )
    }
    const { method, params, id } = envelope.data
    const auth = await authenticate(c.req.raw, db, ctx.balanceCache)
    if (!auth.ok) return jsonRpcError(401, RPC.AUTHENTICATION_REQUIRED, auth.message, id)
    // Per organization, answered as JSON-RPC without rate-limit headers (docs/cloud/auth-errors-limits.md §3).
    const decision = ctx.limiter.check(`a2a:org:${auth.auth.organizationId}`, A2A_ORG_LIMIT)
    if (!decision.allowed) return jsonRpcError(429, RPC.RATE_LIMITED, 'Rate limited', id)
    const handler = methods.get(method)
    if (!handler) return jsonRpcError(404, RPC.METHOD_NOT_FOUND, `Method not found: ${method}`, id)
    try {
      return rpcResult(c, await handler(params ?? {}, skillContext(c, auth.auth)), id)
    } catch (error) {
      const text = error instanceof Error ? error.message : 'Internal error'
      const { code, status } = classifyFailure(text)
      return jsonRpcError(status, code, text, id)
    }
  })
  app.all('/api/a2a', () => methodNotAllowed(['GET', 'POST', 'OPTIONS']))

  app.get('/api/agents/:id/a2a', rateLimit(ctx.limiter, PRESETS.STANDARD), async (c) => {
    const id = c.req.param('id')
    // A non-UUID id fails in the database query, which nobody catches (E9).
    if (!isUuid(id)) return bare500()
    const agent = await loadAgent(db, id)
    if (!agent) return bareError(404, 'Agent not found')
    if (!agent.is_public) return bareError(403, 'Agent is not public')
    if (!agent.a2a_enabled) return bareError(403, 'A2A not enabled for this agent')
    return c.json(buildAgentCard(agent, originOf(c)), 200, {
      'Cache-Control': 'public, max-age=3600',
    })
  })

  app.post('/api/agents/:id/a2a', rateLimit(ctx.limiter, PRESETS.STANDARD), async (c) => {
    const id = c.req.param('id')
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
  })
  app.all('/api/agents/:id/a2a', () => methodNotAllowed(['GET', 'POST', 'OPTIONS']))

  return app
}

// ─── Demo data ────────────────────────────────────────────────────────────────────────────

export const A2A_SEED = {
  mcpIds: [
    '5a4db0c0-0000-4000-8000-0000000000d1',
    '5a4db0c0-0000-4000-8000-0000000000d2',
    '5a4db0c0-0000-4000-8000-0000000000d3',
  ],
} as const

/** Three MCP servers of the sandbox org: one live and priced in credits, one x402, one draft. */
async function seedA2a(db: Db): Promise<void> {
  const rows: SeedMcp[] = [
    {
      id: A2A_SEED.mcpIds[0],
      name: 'Weather Tools',
      slug: 'weather-tools',
      description: 'Forecast lookups for any city',
      category: 'utilities',
      tags: ['weather'],
      status: 'live',
      tools: [{ name: 'get_forecast' }, { name: 'get_alerts' }],
      pricing: 'credits',
      credits: '1.0000',
      x402: null,
      verified: true,
      daysAgo: 5,
    },
    {
      id: A2A_SEED.mcpIds[1],
      name: 'Chain Oracle',
      slug: 'chain-oracle',
      description: 'Token prices and wallet balances',
      category: 'finance',
      tags: ['crypto', 'prices'],
      status: 'live',
      tools: [{ name: 'get_token_price' }],
      pricing: 'x402',
      credits: null,
      x402: '0.0100',
      verified: false,
      daysAgo: 3,
    },
    {
      id: A2A_SEED.mcpIds[2],
      name: 'Draft Notes',
      slug: 'draft-notes',
      description: 'A note-taking server that is not live yet',
      category: 'productivity',
      tags: ['notes'],
      status: 'draft',
      tools: [{ name: 'add_note' }],
      pricing: 'free',
      credits: null,
      x402: null,
      verified: false,
      daysAgo: 1,
    },
  ]
  for (const m of rows) await insertPublicMcp(db, SEED.organizationId, SEED.userId, m)
}

export const a2aFamily: Family = {
  name: 'a2a',
  routes: a2aRoutes,
  tables: [
    'a2a_tasks',
    'user_mcps',
    'a2a_usage_records',
    'a2a_memories',
    'a2a_conversations',
    'a2a_rooms',
  ],
  seed: async (db) => {
    await seedA2a(db)
    await seedDirectory(db)
  },
  clear: (ctx) => caches.get(ctx)?.clear(),
}
