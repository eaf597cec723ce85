// Request and response schemas of the chat family (docs/cloud/chat.md), used both to validate and to
// document (core/route.ts, core/openapi.ts). Requests are loose objects: the cloud ignores unknown fields.
import { z } from 'zod'

// ─── /api/v1/chat/completions ─────────────────────────────────────────────────────────────
const textPart = z.object({ type: z.literal('text'), text: z.string() })
const imagePart = z.object({
  type: z.literal('image_url'),
  image_url: z.union([z.string(), z.object({ url: z.string(), detail: z.string().optional() })]),
})
const filePart = z.object({
  type: z.literal('file'),
  file: z.object({
    file_data: z.string().optional(),
    filename: z.string().optional(),
    file_id: z.string().optional(),
  }),
})
const openAiContent = z.union([
  z.string(),
  z.array(z.union([textPart, imagePart, filePart])),
  z.null(),
])

const toolCall = z.object({
  id: z.string(),
  type: z.literal('function'),
  function: z.object({ name: z.string(), arguments: z.string() }),
})

export const chatMessage = z.looseObject({
  role: z.enum(['system', 'developer', 'user', 'assistant', 'tool']),
  content: openAiContent.optional(),
  name: z.string().optional(),
  tool_calls: z.array(toolCall).optional(),
  tool_call_id: z.string().optional(),
})

const functionTool = z.object({
  type: z.literal('function'),
  function: z.object({
    name: z.string().min(1),
    description: z.string().optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
    strict: z.boolean().nullish(),
  }),
})

const toolChoice = z.union([
  z.enum(['auto', 'none', 'required']),
  z.object({ type: z.literal('function'), function: z.object({ name: z.string() }) }),
])

const responseFormat = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text') }),
  z.object({ type: z.literal('json_object') }),
  z.object({
    type: z.literal('json_schema'),
    json_schema: z.object({
      name: z.string().optional(),
      description: z.string().optional(),
      schema: z.record(z.string(), z.unknown()).optional(),
      strict: z.boolean().nullish(),
    }),
  }),
])

export const chatCompletionRequest = z.looseObject({
  model: z.string().min(1),
  messages: z.array(chatMessage).min(1),
  stream: z.boolean().nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  frequency_penalty: z.number().min(-2).max(2).nullish(),
  presence_penalty: z.number().min(-2).max(2).nullish(),
  stop: z.union([z.string(), z.array(z.string()).max(4)]).nullish(),
  max_tokens: z.number().int().positive().nullish(),
  seed: z.number().int().nullish(),
  webSearchEnabled: z.boolean().nullish(),
  webSearchMaxUses: z.number().int().min(1).max(10).nullish(),
  // Sandbox extensions (README.md "Sandbox policy"); ignored by the cloud and in strict mode.
  tools: z.array(functionTool).nullish(),
  tool_choice: toolChoice.nullish(),
  response_format: responseFormat.nullish(),
  stream_options: z.object({ include_usage: z.boolean().nullish() }).nullish(),
})
export type ChatCompletionRequest = z.infer<typeof chatCompletionRequest>

export const usage = z.object({
  prompt_tokens: z.number().int(),
  completion_tokens: z.number().int(),
  total_tokens: z.number().int(),
})

export const chatCompletion = z.object({
  id: z.string(),
  object: z.literal('chat.completion'),
  created: z.number().int(),
  model: z.string(),
  choices: z.array(
    z.object({
      index: z.number().int(),
      message: z.object({
        role: z.literal('assistant'),
        content: z.string().nullable(),
        tool_calls: z.array(toolCall).optional(),
      }),
      finish_reason: z.enum(['stop', 'length', 'tool_calls']),
    }),
  ),
  usage,
})

export const openAiErrorBody = z.object({
  error: z.object({
    message: z.string(),
    type: z.string(),
    code: z.string().optional(),
    param: z.string().optional(),
  }),
})

export const rateLimitBody = z.object({
  success: z.literal(false),
  error: z.string(),
  code: z.literal('rate_limit_exceeded'),
  message: z.string(),
  retryAfter: z.number(),
})

// ─── /api/v1/embeddings ───────────────────────────────────────────────────────────────────
export const embeddingsRequest = z.looseObject({
  input: z.union([z.string(), z.array(z.string()).min(1)]),
  model: z.string().min(1),
  encoding_format: z.enum(['float', 'base64']).nullish(),
  dimensions: z.number().int().positive().nullish(),
  user: z.string().nullish(),
})

export const embeddingsResponse = z.object({
  object: z.literal('list'),
  data: z.array(
    z.object({
      object: z.literal('embedding'),
      embedding: z.union([z.array(z.number()), z.string()]),
      index: z.number().int(),
    }),
  ),
  model: z.string(),
  usage: z.object({ prompt_tokens: z.number().int(), total_tokens: z.number().int() }),
})

// ─── /api/v1/chat (AI SDK UI message stream) ──────────────────────────────────────────────
export const uiChatRequest = z.looseObject({
  messages: z.array(
    z.looseObject({
      role: z.string(),
      content: z.unknown().optional(),
      parts: z.array(z.looseObject({ type: z.string(), text: z.string().optional() })).optional(),
    }),
  ),
  id: z.string().optional(),
  tier: z.string().optional(),
})

// ─── /api/v1/responses ────────────────────────────────────────────────────────────────────
export const responsesRequest = z.looseObject({
  model: z.string().min(1),
  input: z.union([z.string(), z.array(z.looseObject({}))]).optional(),
  messages: z.array(z.looseObject({})).optional(),
  max_output_tokens: z.number().int().positive().nullish(),
  temperature: z.number().nullish(),
  top_p: z.number().nullish(),
  stream: z.boolean().nullish(),
  tools: z.array(z.looseObject({})).nullish(),
  tool_choice: z.unknown().optional(),
})

export const responseObject = z.looseObject({
  id: z.string(),
  object: z.literal('response'),
  created_at: z.number().int(),
  status: z.string(),
  model: z.string(),
  output: z.array(z.looseObject({ type: z.string() })),
  usage: z.object({
    input_tokens: z.number().int(),
    output_tokens: z.number().int(),
    total_tokens: z.number().int(),
  }),
})

// ─── /api/v1/messages (Anthropic) ─────────────────────────────────────────────────────────
export const anthropicRequest = z.looseObject({
  model: z.string().min(1),
  max_tokens: z.number().int().positive(),
  messages: z
    .array(
      z.looseObject({
        role: z.enum(['user', 'assistant']),
        content: z.union([z.string(), z.array(z.looseObject({ type: z.string() }))]),
      }),
    )
    .min(1),
  system: z.union([z.string(), z.array(z.looseObject({ type: z.string() }))]).optional(),
  stop_sequences: z.array(z.string()).optional(),
  temperature: z.number().min(0).max(1).optional(),
  top_p: z.number().optional(),
  stream: z.boolean().optional(),
  tools: z
    .array(
      z.looseObject({
        name: z.string().min(1),
        description: z.string().optional(),
        input_schema: z.record(z.string(), z.unknown()),
      }),
    )
    .optional(),
  tool_choice: z
    .looseObject({ type: z.enum(['auto', 'any', 'tool', 'none']), name: z.string().optional() })
    .optional(),
})

export const anthropicMessage = z.object({
  id: z.string(),
  type: z.literal('message'),
  role: z.literal('assistant'),
  model: z.string(),
  content: z.array(z.looseObject({ type: z.string() })),
  stop_reason: z.enum(['end_turn', 'max_tokens', 'stop_sequence', 'tool_use']),
  stop_sequence: z.string().nullable(),
  usage: z.object({ input_tokens: z.number().int(), output_tokens: z.number().int() }),
})

export const anthropicErrorBody = z.object({
  type: z.literal('error'),
  error: z.object({ type: z.string(), message: z.string() }),
})

// ─── /api/eliza/rooms ─────────────────────────────────────────────────────────────────────
export const createRoomBody = z.object({
  characterId: z.string().min(1),
  name: z.string().max(200).optional(),
})

export const roomMessageBody = z.object({
  text: z.string().trim().min(1, 'text is required').max(20_000),
})

export const roomSummary = z.object({
  id: z.string(),
  characterId: z.string(),
  characterName: z.string(),
  name: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastMessageAt: z.string().nullable(),
  lastText: z.string().nullable(),
  messageCount: z.number().int(),
})

export const roomMessage = z.object({
  id: z.string(),
  roomId: z.string(),
  role: z.enum(['user', 'assistant']),
  entityId: z.string(),
  content: z.object({ text: z.string(), source: z.string() }),
  createdAt: z.string(),
})

export const roomUsage = z.object({
  model: z.string(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  totalTokens: z.number().int(),
  cost: z.number(),
})

// ─── Response documentation shared by the chat routes ──────────────────────────────────────
/** A `text/event-stream` answer. */
export const sse = (description: string) => ({ description, contentType: 'text/event-stream' })
/** An E3 OpenAI-style error (docs/cloud/auth-errors-limits.md E3). */
export const e3 = (description: string) => ({ description, schema: openAiErrorBody })
/** The rate limiter's 429 (E10), with Retry-After. */
export const e10 = { description: 'Rate limited (E10), with Retry-After', schema: rateLimitBody }
/** The rooms' `{ success: false, error }`. */
export const flag = z.object({ success: z.literal(false), error: z.string() })
/** The rooms' auth failures (E2): no or a bad key, an inactive user or organization. */
export const roomAuthErrors = {
  401: { description: 'E2 authentication_required / invalid key', schema: flag },
  403: { description: 'E2 access_denied (inactive user or organization)', schema: flag },
}
export const roomParams = z.object({ roomId: z.string() })
