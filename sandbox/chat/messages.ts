// POST /api/v1/messages: the Anthropic Messages API, with E4 errors and named stream events
// (docs/cloud/chat.md "Other chat-shaped routes").
import type { Context } from 'hono'
import { authenticate } from '../core/auth.ts'
import type { SandboxContext } from '../core/context.ts'
import { anthropicError, methodNotAllowed } from '../core/errors.ts'
import { PRESETS, rateLimit } from '../core/rate-limit.ts'
import { FamilyRoutes } from '../core/route.ts'
import { priceFor, pricingUnavailable, refundAll } from './billing.ts'
import { generate, type Generated } from './engine.ts'
import { contentText, isRecord, readJson } from './http.ts'
import { pacedSend, randomId, settleFor, tryReserve } from './reply.ts'
import type { ChatTurn } from './responder.ts'
import { anthropicErrorBody, anthropicMessage, anthropicRequest, e10 } from './schemas.ts'
import { sseResponse } from './sse.ts'
import { tokenChunks } from './tokens.ts'
import type { ToolChoice } from './tools.ts'

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

export function messagesRoutes(ctx: SandboxContext): FamilyRoutes {
  const routes = new FamilyRoutes('chat')
  const { app } = routes
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
      403: {
        description: 'E4 permission_error (inactive organization)',
        schema: anthropicErrorBody,
      },
      429: e10,
    },
    use: [rateLimit(ctx.limiter, PRESETS.RELAXED)],
    handler: messages(ctx),
  })
  app.all('/api/v1/messages', () => methodNotAllowed(['POST', 'OPTIONS']))
  return routes
}
