// /api/a2a: the platform's A2A service description (GET, public) and its JSON-RPC 2.0 endpoint
// (POST: message/send, tasks/get, tasks/cancel, the skills of skills.ts) (docs/cloud/a2a-discovery.md
// "GET /api/a2a", "POST /api/a2a").
import { randomUUID } from 'node:crypto'
import type { SandboxContext } from '../../core/context.ts'
import { authenticate } from '../../core/auth.ts'
import { jsonRpcError, methodNotAllowed } from '../../core/errors.ts'
import type { RateLimitPreset } from '../../core/rate-limit.ts'
import { FamilyRoutes } from '../../core/route.ts'
import { classifyFailure, PLATFORM_METHODS, platformEnvelope, RPC } from '../protocol.ts'
import { platformResult, rpcError } from '../schemas.ts'
import { AVAILABLE_SKILLS, runSkill, type SkillContext } from '../skills.ts'
import { TaskStore } from '../store.ts'
import { readMessage, TERMINAL_STATES, type Message, type Task } from '../types.ts'
import { NOTE, rpcResult, skillContexts } from './shared.ts'

/** POST /api/a2a: 100 requests / 60 s per organization (docs/cloud/auth-errors-limits.md §3). */
const A2A_ORG_LIMIT: RateLimitPreset = { name: 'A2A_ORG', limit: 100, windowMs: 60_000 }

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

export function platformRoutes(ctx: SandboxContext): FamilyRoutes {
  const routes = new FamilyRoutes('a2a')
  const { app } = routes
  const { db } = ctx
  const methods = platformMethods(new TaskStore(db))
  const skillContext = skillContexts(ctx)

  // Public service description, no rate limit.
  routes.route({
    method: 'get',
    path: '/api/a2a',
    auth: 'none',
    summary: 'A2A service description (public)',
    note: `${NOTE} "GET /api/a2a"`,
    responses: { 200: { description: 'Methods and skills' } },
    handler: (c) =>
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
  })

  // Order as in the cloud: JSON → envelope → auth → org rate limit → method → handler.
  routes.route({
    method: 'post',
    path: '/api/a2a',
    auth: 'key',
    summary: 'A2A JSON-RPC 2.0: message/send, tasks/get, tasks/cancel',
    note: `${NOTE} "POST /api/a2a"`,
    body: platformEnvelope,
    responses: {
      200: { description: 'JSON-RPC result (a Task)', schema: platformResult },
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
    handler: async (c) => {
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
      if (!handler) {
        return jsonRpcError(404, RPC.METHOD_NOT_FOUND, `Method not found: ${method}`, id)
      }
      try {
        return rpcResult(c, await handler(params ?? {}, skillContext(c, auth.auth)), id)
      } catch (error) {
        const text = error instanceof Error ? error.message : 'Internal error'
        const { code, status } = classifyFailure(text)
        return jsonRpcError(status, code, text, id)
      }
    },
  })
  app.all('/api/a2a', () => methodNotAllowed(['GET', 'POST', 'OPTIONS']))

  return routes
}
