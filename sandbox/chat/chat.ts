// POST /api/v1/chat: the dashboard's AI-SDK chat, a UI message stream (docs/cloud/chat.md
// "Other chat-shaped routes"). Shares the responder, the tokenizer and the token billing.
import type { Context } from 'hono'
import { z } from 'zod'
import { authenticate } from '../core/auth.ts'
import type { SandboxContext } from '../core/context.ts'
import { bareError, methodNotAllowed } from '../core/errors.ts'
import { PRESETS, rateLimit } from '../core/rate-limit.ts'
import { FamilyRoutes } from '../core/route.ts'
import { priceFor, refundAll } from './billing.ts'
import { generate } from './engine.ts'
import { contentText, firstSystemOnly, isRecord, readJson } from './http.ts'
import { pacedSend, randomId, settleFor, tryReserve } from './reply.ts'
import type { ChatTurn } from './responder.ts'
import { e10, sse, uiChatRequest } from './schemas.ts'
import { sseResponse } from './sse.ts'
import { tokenChunks } from './tokens.ts'

/** docs/cloud/chat.md: `/api/v1/chat` tiers and their default models. */
const TIERS: Record<string, string> = {
  fast: 'minimax/minimax-m2.7',
  pro: 'anthropic/claude-sonnet-4.6',
  ultra: 'anthropic/claude-opus-4.7',
}
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

function uiTurns(messages: unknown[]): ChatTurn[] | string {
  const turns: ChatTurn[] = []
  for (const m of messages) {
    if (!isRecord(m)) return 'Invalid message'
    const role = m.role
    if (role !== 'user' && role !== 'assistant' && role !== 'system' && role !== 'tool') {
      return `Invalid role: ${String(role)}`
    }
    const text = Array.isArray(m.parts)
      ? m.parts
          .filter(
            (p): p is { type: string; text: string } =>
              isRecord(p) && p.type === 'text' && typeof p.text === 'string',
          )
          .map((p) => p.text)
          .join('')
      : contentText(m.content)
    turns.push({ role, content: text })
  }
  return firstSystemOnly(turns)
}

function uiChat(ctx: SandboxContext) {
  return async (c: Context) => {
    const result = await authenticate(c.req.raw, ctx.db, ctx.balanceCache)
    // The sandbox has no anonymous sessions; without a key the route answers as for a bad one.
    if (!result.ok) return bareError(result.status, result.message)
    const parsed = await readJson(c)
    if (!parsed.ok) return bareError(400, 'Invalid JSON body')
    const body = uiChatRequest.safeParse(parsed.value)
    if (!body.success || body.data.messages.length === 0) {
      return bareError(400, 'Messages are required')
    }
    const turns = uiTurns(body.data.messages)
    if (typeof turns === 'string') return bareError(400, turns)
    // A model id may come in `id` or `tier`; UUIDs in `id` are chat ids and ignored (docs/cloud/chat.md).
    const requested =
      body.data.id && !UUID.test(body.data.id) && body.data.id.includes('/')
        ? body.data.id
        : (TIERS[body.data.tier ?? 'fast'] ?? body.data.tier ?? TIERS.fast!)
    const price = priceFor(requested, 'language')
    if (!price) return bareError(400, `Unsupported model: ${requested}`)
    const reserved = await tryReserve(ctx, result.auth, `Chat: ${requested}`, price, turns)
    if (!reserved.ok) {
      return bareError(402, 'Insufficient balance', { details: { required: reserved.required } })
    }
    const g = await generate({ model: requested, turns })
    const messageId = randomId('msg-')
    return sseResponse(
      async (out) => {
        const part = (p: object) => out.send(JSON.stringify(p))
        part({ type: 'start', messageId })
        part({ type: 'start-step' })
        part({ type: 'text-start', id: '0' })
        const complete = await pacedSend(ctx, out, tokenChunks(g.enc, g.text), (delta) =>
          part({ type: 'text-delta', id: '0', delta }),
        )
        if (!complete) return
        part({ type: 'text-end', id: '0' })
        part({ type: 'finish-step' })
        await settleFor(ctx, reserved.reservation, price, g)
        part({ type: 'finish' })
        out.send('[DONE]')
      },
      {
        headers: { 'x-vercel-ai-ui-message-stream': 'v1' },
        requestSignal: c.req.raw.signal,
        onAbort: () => void refundAll(ctx.db, reserved.reservation).catch(() => undefined),
      },
    )
  }
}

export function chatRoutes(ctx: SandboxContext): FamilyRoutes {
  const routes = new FamilyRoutes('chat')
  const { app } = routes
  routes.route({
    method: 'post',
    path: '/api/v1/chat',
    auth: 'key',
    note: 'docs/cloud/chat.md "Other chat-shaped routes"',
    summary: "The dashboard's AI-SDK chat: UI message stream (SSE)",
    body: uiChatRequest,
    responses: {
      200: sse('UI message stream parts ending in [DONE]'),
      400: { description: '{"error":"…"}', schema: z.object({ error: z.string() }) },
      401: {
        description: '{"error":"Authentication required"}',
        schema: z.object({ error: z.string() }),
      },
      403: {
        description: '{"error":"Organization is inactive"}',
        schema: z.object({ error: z.string() }),
      },
      402: { description: '{"error":"Insufficient balance","details":…}' },
      429: e10,
    },
    use: [rateLimit(ctx.limiter, PRESETS.STANDARD)],
    handler: uiChat(ctx),
  })
  app.all('/api/v1/chat', () => methodNotAllowed(['POST', 'OPTIONS']))
  return routes
}
