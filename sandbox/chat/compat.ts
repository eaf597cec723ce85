// The other chat-shaped routes of docs/cloud/chat.md "Other chat-shaped routes": the dashboard's AI-SDK
// chat (`/api/v1/chat`, UI message stream), the Responses API (`/api/v1/responses`, where
// function calling is real) and the Anthropic Messages API (`/api/v1/messages`, E4 errors,
// named stream events). All share the responder, the tokenizer and the token billing.
import type { Context } from 'hono'
import { z } from 'zod'
import { authenticate, type AuthContext } from '../core/auth.ts'
import type { SandboxContext } from '../core/context.ts'
import { anthropicError, bareError, methodNotAllowed, openAiError } from '../core/errors.ts'
import { PRESETS, rateLimit } from '../core/rate-limit.ts'
import { pause } from '../core/timing.ts'
import {
  costOf,
  priceFor,
  pricingUnavailable,
  refundAll,
  ReserveFailed,
  settle,
  type Price,
  type Reservation,
} from './billing.ts'
import { generate, type Generated, type GenerateInput } from './engine.ts'
import {
  contentText,
  firstSystemOnly,
  isRecord,
  readJson,
  reserveGeneration,
  unixNow,
} from './http.ts'
import type { ChatTurn } from './responder.ts'
import {
  anthropicErrorBody,
  anthropicMessage,
  anthropicRequest,
  e10,
  e3,
  responseObject as responseObjectSchema,
  responsesRequest,
  sse,
  uiChatRequest,
} from './schemas.ts'
import { FamilyRoutes } from '../core/route.ts'
import { sseResponse, type SseWriter } from './sse.ts'
import { tokenChunks } from './tokens.ts'
import type { ToolChoice, ToolSpec } from './tools.ts'

/** docs/cloud/chat.md: `/api/v1/chat` tiers and their default models. */
const TIERS: Record<string, string> = {
  fast: 'minimax/minimax-m2.7',
  pro: 'anthropic/claude-sonnet-4.6',
  ultra: 'anthropic/claude-opus-4.7',
}
const RESPONSES_BODY_LIMIT = 4 * 1024 * 1024
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

const randomId = (prefix: string) => prefix + crypto.randomUUID().replace(/-/g, '').slice(0, 24)

type Reserved = { ok: true; reservation: Reservation } | { ok: false; required: number }

async function tryReserve(
  ctx: SandboxContext,
  auth: AuthContext,
  operation: string,
  price: Price,
  turns: ChatTurn[],
  maxTokens?: number,
): Promise<Reserved> {
  try {
    return {
      ok: true,
      reservation: await reserveGeneration(ctx, auth, { operation, price, turns, maxTokens }),
    }
  } catch (error) {
    if (error instanceof ReserveFailed) return { ok: false, required: error.required }
    throw error
  }
}

const settleFor = (ctx: SandboxContext, r: Reservation, price: Price, g: Generated) =>
  settle(ctx.db, r, costOf(price, g.promptTokens, g.completionTokens), {
    inputTokens: g.promptTokens,
    outputTokens: g.completionTokens,
  })

/** Emits `pieces` with the token delay between them; false when the client went away. */
async function pacedSend(
  ctx: SandboxContext,
  out: SseWriter,
  pieces: string[],
  send: (piece: string) => void,
): Promise<boolean> {
  for (const [i, piece] of pieces.entries()) {
    if (i > 0) await pause(ctx.timing.tokenDelayMs, out.signal)
    if (out.signal.aborted) return false
    send(piece)
  }
  return !out.signal.aborted
}

// ─── POST /api/v1/chat ────────────────────────────────────────────────────────────────────

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

// ─── POST /api/v1/responses ───────────────────────────────────────────────────────────────

function responsesTurns(body: Record<string, unknown>): ChatTurn[] {
  const turns: ChatTurn[] = []
  if (typeof body.instructions === 'string')
    turns.push({ role: 'system', content: body.instructions })
  const callNames = new Map<string, string>()
  const items =
    typeof body.input === 'string'
      ? [{ role: 'user', content: body.input }]
      : (body.input ?? body.messages)
  for (const item of Array.isArray(items) ? items : []) {
    if (!isRecord(item)) continue
    if (item.type === 'function_call' && typeof item.call_id === 'string') {
      callNames.set(item.call_id, String(item.name ?? ''))
      continue
    }
    if (item.type === 'function_call_output') {
      turns.push({
        role: 'tool',
        content: typeof item.output === 'string' ? item.output : JSON.stringify(item.output),
        name: callNames.get(String(item.call_id)),
        toolCallId: String(item.call_id),
      })
      continue
    }
    const role = item.role === 'developer' ? 'system' : item.role
    if (role === 'user' || role === 'assistant' || role === 'system') {
      turns.push({ role, content: contentText(item.content) })
    }
  }
  return firstSystemOnly(turns)
}

/** Flat (`{type,name,parameters}`) and nested (`{type,function:{…}}`) function tools. */
function responsesTools(tools: unknown): ToolSpec[] | undefined {
  if (!Array.isArray(tools)) return undefined
  const out: ToolSpec[] = []
  for (const t of tools) {
    if (!isRecord(t) || t.type !== 'function') continue
    const f = isRecord(t.function) ? t.function : t
    if (typeof f.name !== 'string') continue
    out.push({
      name: f.name,
      description: typeof f.description === 'string' ? f.description : undefined,
      parameters: isRecord(f.parameters) ? f.parameters : undefined,
    })
  }
  return out.length > 0 ? out : undefined
}

function responsesChoice(choice: unknown): ToolChoice {
  if (choice === 'none' || choice === 'required' || choice === 'auto') return choice
  if (isRecord(choice)) {
    const name = isRecord(choice.function) ? choice.function.name : choice.name
    if (typeof name === 'string') return { name }
  }
  return 'auto'
}

function responseOutput(g: Generated, msgId: string) {
  if (g.toolCalls.length > 0) {
    return g.toolCalls.map((t) => ({
      type: 'function_call',
      id: `fc_${t.id.slice(5)}`,
      call_id: t.id,
      name: t.name,
      arguments: t.arguments,
      status: 'completed',
    }))
  }
  return [
    {
      type: 'message',
      id: msgId,
      status: 'completed',
      role: 'assistant',
      content: [{ type: 'output_text', text: g.text, annotations: [] }],
    },
  ]
}

function responseObject(
  id: string,
  model: string,
  createdAt: number,
  status: string,
  output: unknown[],
  g?: Generated,
) {
  return {
    id,
    object: 'response',
    created_at: createdAt,
    status,
    model,
    output,
    ...(g?.finish === 'length' ? { incomplete_details: { reason: 'max_output_tokens' } } : {}),
    usage: g
      ? {
          input_tokens: g.promptTokens,
          output_tokens: g.completionTokens,
          total_tokens: g.promptTokens + g.completionTokens,
        }
      : { input_tokens: 0, output_tokens: 0, total_tokens: 0 },
  }
}

function responses(ctx: SandboxContext) {
  return async (c: Context) => {
    const tooLarge = () =>
      openAiError(413, {
        message: `Request body exceeds ${RESPONSES_BODY_LIMIT} bytes`,
        type: 'invalid_request_error',
        code: 'request_too_large',
      })
    if (Number(c.req.header('content-length') ?? 0) > RESPONSES_BODY_LIMIT) return tooLarge()
    const result = await authenticate(c.req.raw, ctx.db, ctx.balanceCache)
    if (!result.ok) {
      return openAiError(result.status, {
        message: result.message,
        type: result.status === 401 ? 'authentication_error' : 'api_error',
      })
    }
    const text = await c.req.text()
    if (Buffer.byteLength(text) > RESPONSES_BODY_LIMIT) return tooLarge()
    let raw: unknown
    try {
      raw = JSON.parse(text)
    } catch (error) {
      return openAiError(400, { message: (error as Error).message, type: 'invalid_request_error' })
    }
    const checked = responsesRequest.safeParse(raw)
    if (!checked.success || !isRecord(raw)) {
      const issue = checked.success ? undefined : checked.error.issues[0]
      const param = (issue?.path ?? ['model']).map(String).join('.')
      return openAiError(400, {
        message:
          issue?.code === 'invalid_type' && issue.input === undefined
            ? `Missing required parameter: ${param}`
            : `Invalid value for '${param}'`,
        type: 'invalid_request_error',
        code: issue?.input === undefined ? 'missing_required_parameter' : 'invalid_value',
        param,
      })
    }
    const body = checked.data
    const turns = responsesTurns(raw)
    if (!turns.some((t) => t.role === 'user' || t.role === 'tool')) {
      return openAiError(400, {
        message: 'Missing required parameter: input',
        type: 'invalid_request_error',
        code: 'missing_required_parameter',
        param: 'input',
      })
    }
    const price = priceFor(body.model, 'language')
    if (!price)
      return openAiError(500, {
        message: pricingUnavailable(body.model, 'language'),
        type: 'api_error',
      })
    const maxTokens = body.max_output_tokens ?? undefined
    const reserved = await tryReserve(
      ctx,
      result.auth,
      `Responses: ${body.model}`,
      price,
      turns,
      maxTokens,
    )
    if (!reserved.ok) {
      return openAiError(402, {
        message: `Insufficient credits. Required: $${reserved.required.toFixed(4)}`,
        type: 'insufficient_quota',
        code: 'insufficient_credits',
      })
    }
    const gen: GenerateInput = {
      model: body.model,
      turns,
      maxTokens,
      temperature: body.temperature ?? undefined,
      topP: body.top_p ?? undefined,
      tools: responsesTools(body.tools),
      toolChoice: responsesChoice(body.tool_choice),
    }
    const g = await generate(gen)
    const id = randomId('resp_')
    const msgId = randomId('msg_')
    const createdAt = unixNow()
    const status = g.finish === 'length' ? 'incomplete' : 'completed'
    if (!body.stream) {
      await settleFor(ctx, reserved.reservation, price, g)
      return c.json(responseObject(id, body.model, createdAt, status, responseOutput(g, msgId), g))
    }
    return sseResponse(
      async (out) => {
        let seq = 0
        const ev = (type: string, fields: object) =>
          out.send(JSON.stringify({ type, sequence_number: seq++, ...fields }))
        ev('response.created', {
          response: responseObject(id, body.model, createdAt, 'in_progress', []),
        })
        const output = responseOutput(g, msgId)
        for (const [index, item] of output.entries()) {
          if (item.type === 'function_call' && 'arguments' in item) {
            ev('response.output_item.added', {
              output_index: index,
              item: { ...item, arguments: '', status: 'in_progress' },
            })
            const ok = await pacedSend(ctx, out, tokenChunks(g.enc, item.arguments), (delta) =>
              ev('response.function_call_arguments.delta', {
                output_index: index,
                item_id: item.id,
                delta,
              }),
            )
            if (!ok) return
            ev('response.function_call_arguments.done', {
              output_index: index,
              item_id: item.id,
              arguments: item.arguments,
            })
          } else {
            ev('response.output_item.added', {
              output_index: index,
              item: { ...item, status: 'in_progress', content: [] },
            })
            ev('response.content_part.added', {
              output_index: index,
              item_id: msgId,
              content_index: 0,
              part: { type: 'output_text', text: '', annotations: [] },
            })
            const ok = await pacedSend(ctx, out, tokenChunks(g.enc, g.text), (delta) =>
              ev('response.output_text.delta', {
                output_index: index,
                item_id: msgId,
                content_index: 0,
                delta,
              }),
            )
            if (!ok) return
            ev('response.output_text.done', {
              output_index: index,
              item_id: msgId,
              content_index: 0,
              text: g.text,
            })
            ev('response.content_part.done', {
              output_index: index,
              item_id: msgId,
              content_index: 0,
              part: { type: 'output_text', text: g.text, annotations: [] },
            })
          }
          ev('response.output_item.done', { output_index: index, item })
        }
        await settleFor(ctx, reserved.reservation, price, g)
        ev(status === 'completed' ? 'response.completed' : 'response.incomplete', {
          response: responseObject(id, body.model, createdAt, status, output, g),
        })
        out.send('[DONE]')
      },
      {
        requestSignal: c.req.raw.signal,
        onAbort: () => void refundAll(ctx.db, reserved.reservation).catch(() => undefined),
      },
    )
  }
}

// ─── POST /api/v1/messages (Anthropic) ────────────────────────────────────────────────────

function anthropicTurns(system: unknown, messages: unknown[]): ChatTurn[] {
  const turns: ChatTurn[] = []
  const systemText =
    typeof system === 'string' ? system : Array.isArray(system) ? contentText(system) : ''
  if (systemText) turns.push({ role: 'system', content: systemText })
  const toolNames = new Map<string, string>()
  for (const m of messages) {
    if (!isRecord(m)) continue
    const role = m.role === 'assistant' ? 'assistant' : 'user'
    if (typeof m.content === 'string') {
      turns.push({ role, content: m.content })
      continue
    }
    const blocks = Array.isArray(m.content) ? m.content.filter(isRecord) : []
    const text: string[] = []
    for (const b of blocks) {
      if (b.type === 'text' && typeof b.text === 'string') text.push(b.text)
      else if (b.type === 'image') text.push('[image]')
      else if (b.type === 'tool_use' && typeof b.id === 'string')
        toolNames.set(b.id, String(b.name ?? ''))
      else if (b.type === 'tool_result') {
        const content = typeof b.content === 'string' ? b.content : contentText(b.content)
        turns.push({
          role: 'tool',
          content,
          name: toolNames.get(String(b.tool_use_id)),
          toolCallId: String(b.tool_use_id),
        })
      }
    }
    if (text.length > 0) turns.push({ role, content: text.join('\n') })
  }
  return turns
}

function anthropicChoice(choice: { type: string; name?: string } | undefined): ToolChoice {
  if (!choice || choice.type === 'auto') return 'auto'
  if (choice.type === 'none') return 'none'
  if (choice.type === 'any') return 'required'
  return { name: choice.name ?? '' }
}

function stopReason(g: Generated) {
  if (g.toolCalls.length > 0) return 'tool_use'
  if (g.finish === 'length') return 'max_tokens'
  if (g.stoppedBy !== null) return 'stop_sequence'
  return 'end_turn'
}

function anthropicContent(g: Generated) {
  if (g.toolCalls.length > 0) {
    return g.toolCalls.map((t) => ({
      type: 'tool_use',
      id: t.id,
      name: t.name,
      input: JSON.parse(t.arguments) as unknown,
    }))
  }
  return [{ type: 'text', text: g.text }]
}

function messages(ctx: SandboxContext) {
  return async (c: Context) => {
    const result = await authenticate(c.req.raw, ctx.db, ctx.balanceCache)
    if (!result.ok) {
      return anthropicError(
        result.status,
        result.status === 401 ? 'authentication_error' : 'permission_error',
        result.message,
      )
    }
    const parsed = await readJson(c)
    if (!parsed.ok) return anthropicError(400, 'invalid_request_error', parsed.message)
    const checked = anthropicRequest.safeParse(parsed.value)
    if (!checked.success) {
      const issue = checked.error.issues[0]
      const field = (issue?.path ?? []).map(String).join('.')
      const message =
        issue?.code === 'invalid_type' && issue.input === undefined
          ? `${field}: Field required`
          : `${field}: ${issue?.message ?? 'invalid'}`
      return anthropicError(400, 'invalid_request_error', message)
    }
    const body = checked.data
    const price = priceFor(body.model, 'language')
    if (!price) return anthropicError(500, 'api_error', pricingUnavailable(body.model, 'language'))
    const turns = anthropicTurns(body.system, body.messages)
    const reserved = await tryReserve(
      ctx,
      result.auth,
      `Messages: ${body.model}`,
      price,
      turns,
      body.max_tokens,
    )
    if (!reserved.ok) {
      return anthropicError(
        402,
        'billing_error',
        `Insufficient credits. Required: $${reserved.required.toFixed(4)}`,
      )
    }
    const g = await generate({
      model: body.model,
      turns,
      maxTokens: body.max_tokens,
      stop: body.stop_sequences,
      temperature: body.temperature,
      topP: body.top_p,
      tools: body.tools?.map((t) => ({
        name: t.name,
        description: t.description,
        parameters: t.input_schema,
      })),
      toolChoice: anthropicChoice(body.tool_choice),
      toolIdPrefix: 'toolu_',
    })
    const id = randomId('msg_')
    if (!body.stream) {
      await settleFor(ctx, reserved.reservation, price, g)
      return c.json({
        id,
        type: 'message',
        role: 'assistant',
        model: body.model,
        content: anthropicContent(g),
        stop_reason: stopReason(g),
        stop_sequence: g.stoppedBy,
        usage: { input_tokens: g.promptTokens, output_tokens: g.completionTokens },
      })
    }
    return sseResponse(
      async (out) => {
        const ev = (type: string, fields: object = {}) =>
          out.send(JSON.stringify({ type, ...fields }), type)
        ev('message_start', {
          message: {
            id,
            type: 'message',
            role: 'assistant',
            model: body.model,
            content: [],
            stop_reason: null,
            stop_sequence: null,
            usage: { input_tokens: g.promptTokens, output_tokens: 1 },
          },
        })
        const blocks = anthropicContent(g)
        for (const [index, block] of blocks.entries()) {
          if (block.type === 'tool_use' && 'name' in block) {
            ev('content_block_start', { index, content_block: { ...block, input: {} } })
            if (index === 0) ev('ping')
            const json = JSON.stringify(block.input)
            const ok = await pacedSend(ctx, out, tokenChunks(g.enc, json), (partial_json) =>
              ev('content_block_delta', {
                index,
                delta: { type: 'input_json_delta', partial_json },
              }),
            )
            if (!ok) return
          } else {
            ev('content_block_start', { index, content_block: { type: 'text', text: '' } })
            if (index === 0) ev('ping')
            const ok = await pacedSend(ctx, out, tokenChunks(g.enc, g.text), (text) =>
              ev('content_block_delta', { index, delta: { type: 'text_delta', text } }),
            )
            if (!ok) return
          }
          ev('content_block_stop', { index })
        }
        await settleFor(ctx, reserved.reservation, price, g)
        ev('message_delta', {
          delta: { stop_reason: stopReason(g), stop_sequence: g.stoppedBy },
          usage: { output_tokens: g.completionTokens },
        })
        ev('message_stop')
      },
      {
        requestSignal: c.req.raw.signal,
        onAbort: () => void refundAll(ctx.db, reserved.reservation).catch(() => undefined),
      },
    )
  }
}

export function compatRoutes(ctx: SandboxContext): FamilyRoutes {
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
      402: { description: '{"error":"Insufficient balance","details":…}' },
      429: e10,
    },
    use: [rateLimit(ctx.limiter, PRESETS.STANDARD)],
    handler: uiChat(ctx),
  })
  app.all('/api/v1/chat', () => methodNotAllowed(['POST', 'OPTIONS']))
  routes.route({
    method: 'post',
    path: '/api/v1/responses',
    auth: 'key',
    note: 'docs/cloud/chat.md "Other chat-shaped routes"',
    summary: 'OpenAI Responses API (function calling works here)',
    body: responsesRequest,
    responses: {
      200: { description: 'response object, or response.* events', schema: responseObjectSchema },
      400: e3('invalid request'),
      401: e3('authentication_error'),
      402: e3('insufficient_credits'),
      413: e3('request_too_large (4 MiB)'),
      429: e10,
    },
    use: [rateLimit(ctx.limiter, PRESETS.RELAXED)],
    handler: responses(ctx),
  })
  app.all('/api/v1/responses', () => methodNotAllowed(['POST', 'OPTIONS']))
  routes.route({
    method: 'post',
    path: '/api/v1/messages',
    auth: 'key',
    note: 'docs/cloud/chat.md "Other chat-shaped routes"',
    summary: 'Anthropic Messages API (tools, named stream events)',
    body: anthropicRequest,
    responses: {
      200: { description: 'message, or Anthropic named events', schema: anthropicMessage },
      400: { description: 'E4 invalid_request_error', schema: anthropicErrorBody },
      401: { description: 'E4 authentication_error', schema: anthropicErrorBody },
      402: { description: 'E4 billing_error', schema: anthropicErrorBody },
      429: e10,
    },
    use: [rateLimit(ctx.limiter, PRESETS.RELAXED)],
    handler: messages(ctx),
  })
  app.all('/api/v1/messages', () => methodNotAllowed(['POST', 'OPTIONS']))
  return routes
}
