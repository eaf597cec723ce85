// POST /api/v1/responses: the OpenAI Responses API, where function calling is real
// (docs/cloud/chat.md "Other chat-shaped routes").
import type { Context } from 'hono'
import { authenticate } from '../core/auth.ts'
import type { SandboxContext } from '../core/context.ts'
import { methodNotAllowed, openAiError } from '../core/errors.ts'
import { PRESETS, rateLimit } from '../core/rate-limit.ts'
import { FamilyRoutes } from '../core/route.ts'
import { priceFor, pricingUnavailable, refundAll } from './billing.ts'
import { generate, type Generated, type GenerateInput } from './engine.ts'
import { contentText, firstSystemOnly, isRecord, unixNow } from './http.ts'
import { pacedSend, randomId, settleFor, tryReserve } from './reply.ts'
import type { ChatTurn } from './responder.ts'
import { e10, e3, responseObject as responseObjectSchema, responsesRequest } from './schemas.ts'
import { sseResponse } from './sse.ts'
import { tokenChunks } from './tokens.ts'
import type { ToolChoice, ToolSpec } from './tools.ts'

const RESPONSES_BODY_LIMIT = 4 * 1024 * 1024

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

export function responsesRoutes(ctx: SandboxContext): FamilyRoutes {
  const routes = new FamilyRoutes('chat')
  const { app } = routes
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
      403: e3('inactive user or organization'),
      413: e3('request_too_large (4 MiB)'),
      429: e10,
    },
    use: [rateLimit(ctx.limiter, PRESETS.RELAXED)],
    handler: responses(ctx),
  })
  app.all('/api/v1/responses', () => methodNotAllowed(['POST', 'OPTIONS']))
  return routes
}
