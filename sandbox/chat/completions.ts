// POST /api/v1/chat/completions (docs/cloud/chat.md). Faithful by default: required fields, E3 errors,
// agent ids failing on pricing, the SSE wire format without a role delta or usage chunk,
// reserve → settle billing. The extensions of README.md "Sandbox policy" (tools, response_format,
// stream_options.include_usage, and with them an honest `finish_reason`) are off in strict mode.
import type { Context } from 'hono'
import { authenticate, type AuthContext } from '../core/auth.ts'
import type { SandboxContext } from '../core/context.ts'
import { methodNotAllowed, openAiError } from '../core/errors.ts'
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
  chatCompletion,
  chatCompletionRequest,
  e10,
  e3,
  type ChatCompletionRequest,
} from './schemas.ts'
import { FamilyRoutes } from '../core/route.ts'
import { sseResponse } from './sse.ts'
import { tokenChunks } from './tokens.ts'
import type { ToolChoice } from './tools.ts'

const EXTENSION_FIELDS = ['tools', 'tool_choice', 'response_format', 'stream_options'] as const

/** Handler auth failures on the OpenAI-compatible routes (docs/cloud/chat.md "Errors"). */
export function openAiAuthError(status: 401 | 403, message: string): Response {
  return openAiError(status, {
    message,
    type: status === 401 ? 'authentication_error' : 'api_error',
  })
}

/** A zod failure as an OpenAI-style 400 naming the parameter. */
function invalidValue(path: PropertyKey[], message: string): Response {
  const param = path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join('')
  return openAiError(400, {
    message: `Invalid value for '${param}': ${message}`,
    type: 'invalid_request_error',
    param,
    code: 'invalid_value',
  })
}

/** OpenAI messages → responder turns. Strict mode drops what the cloud cannot carry. */
export function toTurns(messages: ChatCompletionRequest['messages'], strict: boolean): ChatTurn[] {
  const toolNames = new Map<string, string>()
  const turns: ChatTurn[] = []
  for (const m of messages) {
    for (const call of m.tool_calls ?? []) toolNames.set(call.id, call.function.name)
    // docs/cloud/chat.md: `tool` messages are not supported by the cloud; the extension reads them.
    if (m.role === 'tool') {
      if (strict) continue
      turns.push({
        role: 'tool',
        content: contentText(m.content),
        name: toolNames.get(m.tool_call_id ?? '') ?? m.name,
        toolCallId: m.tool_call_id,
      })
      continue
    }
    turns.push({
      role: m.role === 'developer' ? 'system' : m.role,
      content: contentText(m.content),
      ...(m.name ? { name: m.name } : {}),
    })
  }
  return firstSystemOnly(turns)
}

function toolChoiceOf(choice: ChatCompletionRequest['tool_choice']): ToolChoice {
  if (!choice) return 'auto'
  if (typeof choice === 'string') return choice
  return { name: choice.function.name }
}

/**
 * The tools extension answers like OpenAI does (its API reference, `tool_choice`): a choice
 * needs tools, and a named function must be one of them. In strict mode both fields are gone.
 */
function toolChoiceError(body: ChatCompletionRequest): string | null {
  const choice = body.tool_choice
  if (choice == null) return null
  const names = (body.tools ?? []).map((t) => t.function.name)
  if (names.length === 0) return "'tool_choice' is only allowed when 'tools' are specified."
  if (typeof choice === 'object' && !names.includes(choice.function.name)) {
    return `no function named '${choice.function.name}' was specified in 'tools'.`
  }
  return null
}

interface Prepared {
  auth: AuthContext
  body: ChatCompletionRequest
  price: Price
  gen: GenerateInput
  extensions: boolean
  includeUsage: boolean
}

async function prepare(ctx: SandboxContext, c: Context): Promise<Prepared | Response> {
  const result = await authenticate(c.req.raw, ctx.db, ctx.balanceCache)
  if (!result.ok) return openAiAuthError(result.status, result.message)

  const parsed = await readJson(c)
  // Next.js `req.json()` throws on a bad body and the route's catch-all answers 500 (docs/cloud/chat.md).
  if (!parsed.ok) return openAiError(500, { message: parsed.message, type: 'api_error' })
  const raw = parsed.value
  // `null` throws a TypeError in the cloud's handler (a 500); outside strict mode it is refused
  // like an empty object, with the missing-field 400 (docs/sandbox.md §Bad input).
  if (raw === null && ctx.strict) {
    return openAiError(500, {
      message: "Cannot read properties of null (reading 'model')",
      type: 'api_error',
    })
  }
  const record = isRecord(raw) ? { ...raw } : {}
  if (
    !record.model ||
    !record.messages ||
    (Array.isArray(record.messages) && record.messages.length === 0)
  ) {
    return openAiError(400, {
      message: 'Missing required fields: model and messages',
      type: 'invalid_request_error',
      code: 'missing_required_parameter',
    })
  }
  // The cloud parses the extension fields but never reads them (docs/cloud/chat.md "Request fields").
  if (ctx.strict) for (const f of EXTENSION_FIELDS) delete record[f]
  const checked = chatCompletionRequest.safeParse(record)
  if (!checked.success) {
    const issue = checked.error.issues[0]
    return invalidValue(issue?.path ?? [], issue?.message ?? 'invalid')
  }
  const body = checked.data
  const choiceError = toolChoiceError(body)
  if (choiceError) return invalidValue(['tool_choice'], choiceError)

  const price = priceFor(body.model, 'language')
  if (!price)
    return openAiError(500, {
      message: pricingUnavailable(body.model, 'language'),
      type: 'api_error',
    })

  const extensions = !ctx.strict
  const stop = body.stop == null ? undefined : Array.isArray(body.stop) ? body.stop : [body.stop]
  const format = extensions ? body.response_format : undefined
  const gen: GenerateInput = {
    model: body.model,
    turns: toTurns(body.messages, ctx.strict),
    maxTokens: body.max_tokens ?? undefined,
    stop,
    seed: body.seed ?? undefined,
    temperature: body.temperature ?? undefined,
    topP: body.top_p ?? undefined,
    tools:
      extensions && body.tools && body.tools.length > 0
        ? body.tools.map((t) => ({
            name: t.function.name,
            description: t.function.description,
            parameters: t.function.parameters,
          }))
        : undefined,
    toolChoice: toolChoiceOf(body.tool_choice),
    json:
      format?.type === 'json_schema'
        ? (format.json_schema.schema ?? 'object')
        : format?.type === 'json_object'
          ? 'object'
          : null,
  }
  return {
    auth: result.auth,
    body,
    price,
    gen,
    extensions,
    includeUsage: extensions && body.stream_options?.include_usage === true,
  }
}

const operationOf = (model: string) => `Chat completion: ${model}`

/** The cloud reports `stop` whatever happened; the extension says `length` / `tool_calls`. */
const finishOf = (g: Generated, extensions: boolean) => (extensions ? g.finish : 'stop')

const usageOf = (g: Generated) => ({
  prompt_tokens: g.promptTokens,
  completion_tokens: g.completionTokens,
  total_tokens: g.promptTokens + g.completionTokens,
})

function toolCallsOf(g: Generated) {
  return g.toolCalls.map((t) => ({
    id: t.id,
    type: 'function' as const,
    function: { name: t.name, arguments: t.arguments },
  }))
}

function completionBody(model: string, g: Generated, extensions: boolean) {
  const toolCalls = extensions ? toolCallsOf(g) : []
  return {
    // chatcmpl- + server milliseconds, not unique under concurrency (docs/cloud/chat.md).
    id: `chatcmpl-${Date.now()}`,
    object: 'chat.completion',
    created: unixNow(),
    model,
    choices: [
      {
        index: 0,
        message:
          toolCalls.length > 0
            ? { role: 'assistant', content: null, tool_calls: toolCalls }
            : { role: 'assistant', content: g.text },
        finish_reason: finishOf(g, extensions),
      },
    ],
    usage: usageOf(g),
  }
}

function streamCompletion(
  ctx: SandboxContext,
  c: Context,
  p: Prepared,
  reservation: Reservation,
  g: Generated,
): Response {
  const id = `chatcmpl-${Date.now()}`
  const chunk = (delta: object, finish: string | null) =>
    JSON.stringify({
      id,
      object: 'chat.completion.chunk',
      // Recomputed per chunk (docs/cloud/chat.md).
      created: unixNow(),
      model: p.body.model,
      choices: [{ index: 0, delta, finish_reason: finish }],
    })
  const toolCalls = p.extensions ? toolCallsOf(g) : []
  return sseResponse(
    async (out) => {
      const delay = () => pause(ctx.timing.tokenDelayMs, out.signal)
      let first = true
      const next = async () => {
        if (!first) await delay()
        first = false
        return !out.signal.aborted
      }
      if (toolCalls.length > 0) {
        for (const [index, call] of toolCalls.entries()) {
          if (!(await next())) return
          out.send(
            chunk(
              {
                tool_calls: [
                  {
                    index,
                    id: call.id,
                    type: 'function',
                    function: { name: call.function.name, arguments: '' },
                  },
                ],
              },
              null,
            ),
          )
          for (const piece of tokenChunks(g.enc, call.function.arguments)) {
            if (!(await next())) return
            out.send(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }, null))
          }
        }
      } else {
        // No initial {"role":"assistant"} delta: the first chunk already carries content.
        for (const piece of tokenChunks(g.enc, g.text)) {
          if (!(await next())) return
          out.send(chunk({ content: piece }, null))
        }
      }
      if (out.signal.aborted) return
      out.send(chunk({}, finishOf(g, p.extensions)))
      if (p.includeUsage) {
        out.send(
          JSON.stringify({
            id,
            object: 'chat.completion.chunk',
            created: unixNow(),
            model: p.body.model,
            choices: [],
            usage: usageOf(g),
          }),
        )
      }
      // Settled before [DONE], so a client that saw the end also sees the final ledger.
      await settle(ctx.db, reservation, costOf(p.price, g.promptTokens, g.completionTokens), {
        inputTokens: g.promptTokens,
        outputTokens: g.completionTokens,
      })
      out.send('[DONE]')
    },
    {
      requestSignal: c.req.raw.signal,
      // A client that goes away gets the whole reservation back (docs/cloud/chat.md step 4).
      onAbort: () => void refundAll(ctx.db, reservation).catch(() => undefined),
    },
  )
}

export function completionsRoutes(ctx: SandboxContext): FamilyRoutes {
  const routes = new FamilyRoutes('chat')
  const { app } = routes
  const path = '/api/v1/chat/completions'
  routes.route({
    method: 'post',
    path: '/api/v1/chat/completions',
    auth: 'key',
    note: 'docs/cloud/chat.md "POST /api/v1/chat/completions"',
    summary: 'OpenAI-compatible chat completion, JSON or SSE (`stream: true`)',
    body: chatCompletionRequest,
    extension:
      'tools/tool_choice, response_format and stream_options.include_usage are honoured (ignored in strict mode)',
    responses: {
      200: {
        description: 'chat.completion, or chat.completion.chunk events ending in [DONE]',
        schema: chatCompletion,
      },
      400: e3('Missing required fields: model and messages / invalid value'),
      401: e3('authentication_error'),
      402: e3('insufficient_credits'),
      403: e3('inactive organization'),
      429: e10,
      500: e3(
        'Body not JSON; unknown or unpriced model (agent ids included): "Pricing unavailable for …"',
      ),
    },
    // RELAXED per key; the org-tier cap exists only in the cloud's Redis mode (docs/cloud/auth-errors-limits.md §3).
    use: [rateLimit(ctx.limiter, PRESETS.RELAXED)],
    handler: async (c) => {
      const p = await prepare(ctx, c)
      if (p instanceof Response) return p
      let reservation: Reservation
      try {
        reservation = await reserveGeneration(ctx, p.auth, {
          operation: operationOf(p.body.model),
          price: p.price,
          turns: p.gen.turns,
          maxTokens: p.gen.maxTokens,
          // Web search adds ~10,000 tokens to the input estimate (docs/cloud/chat.md step 1).
          extraChars: p.body.webSearchEnabled ? 40_000 : 0,
        })
      } catch (error) {
        if (error instanceof ReserveFailed) {
          return openAiError(402, {
            message: error.message,
            type: 'insufficient_quota',
            code: 'insufficient_credits',
          })
        }
        throw error
      }
      let g: Generated
      try {
        g = await generate(p.gen)
      } catch (error) {
        await refundAll(ctx.db, reservation)
        return openAiError(500, { message: (error as Error).message, type: 'api_error' })
      }
      if (p.body.stream) return streamCompletion(ctx, c, p, reservation, g)
      await settle(ctx.db, reservation, costOf(p.price, g.promptTokens, g.completionTokens), {
        inputTokens: g.promptTokens,
        outputTokens: g.completionTokens,
      })
      return c.json(completionBody(p.body.model, g, p.extensions))
    },
  })
  app.all(path, () => methodNotAllowed(['POST', 'OPTIONS']))
  return routes
}
