import { z } from 'zod/mini'

/** One item of GET /api/v1/models; only `id` is always present (docs/cloud/chat.md "GET /api/v1/models"). */
export const modelSchema = z.object({
  id: z.string(),
  name: z.optional(z.string()),
  type: z.optional(z.string()),
  context_window: z.optional(z.number()),
  max_tokens: z.optional(z.number()),
  // Upstream USD per token, as strings, before the cloud's 1.2 markup (docs/cloud/chat.md).
  pricing: z.optional(z.object({ input: z.string(), output: z.optional(z.string()) })),
})

/** The catalog, reduced to language models with the facts the playground shows. */
export const modelListSchema = z.pipe(
  z.object({ data: z.array(modelSchema) }),
  z.transform(({ data }) =>
    data
      .filter((m) => m.type === undefined || m.type === 'language')
      .map((m) => ({
        id: m.id,
        name: m.name ?? m.id,
        contextWindow: m.context_window ?? null,
        maxOutputTokens: m.max_tokens ?? null,
        inputPerToken: toPrice(m.pricing?.input),
        outputPerToken: toPrice(m.pricing?.output),
      })),
  ),
)
export type ChatModel = z.infer<typeof modelListSchema>[number]

function toPrice(value: string | undefined): number | null {
  if (value === undefined) return null
  const n = Number(value)
  return Number.isFinite(n) ? n : null
}

/** One `chat.completion.chunk` (docs/cloud/chat.md "Streaming response"); usage only with the extension. */
export const chunkSchema = z.object({
  choices: z.array(
    z.object({
      delta: z.optional(
        z.object({
          content: z.optional(z.nullable(z.string())),
          // Function calls arrive in pieces: id and name first, then the arguments' text.
          tool_calls: z.optional(
            z.array(
              z.object({
                index: z.number(),
                id: z.optional(z.string()),
                function: z.optional(
                  z.object({
                    name: z.optional(z.string()),
                    arguments: z.optional(z.string()),
                  }),
                ),
              }),
            ),
          ),
        }),
      ),
      finish_reason: z.optional(z.nullable(z.string())),
    }),
  ),
  usage: z.optional(
    z.nullable(z.object({ prompt_tokens: z.number(), completion_tokens: z.number() })),
  ),
})

/** POST /api/eliza/rooms → `{ success, roomId, characterId, createdAt }` (docs/cloud/chat.md). */
export const roomCreatedSchema = z.object({ roomId: z.string() })

/** Events of POST /api/eliza/rooms/{roomId}/messages/stream (the sandbox's shape). */
export const roomEventSchema = z.union([
  z.object({ type: z.literal('user_message') }),
  z.object({ type: z.literal('delta'), delta: z.string() }),
  z.object({
    type: z.literal('done'),
    usage: z.optional(
      z.object({
        model: z.optional(z.string()),
        inputTokens: z.number(),
        outputTokens: z.number(),
        cost: z.optional(z.number()),
      }),
    ),
  }),
])

export type RequestMessage =
  | { role: 'system' | 'user'; content: string }
  | {
      role: 'assistant'
      content: string | null
      tool_calls?: { id: string; type: 'function'; function: { name: string; arguments: string } }[]
    }
  | { role: 'tool'; tool_call_id: string; content: string }

export type ToolDefinition = {
  type: 'function'
  function: { name: string; description?: string; parameters?: Record<string, unknown> }
}

/** OpenAI's `tool_choice`: let the model decide, forbid calls, force one, or force a named one. */
export type ToolChoiceField =
  'auto' | 'none' | 'required' | { type: 'function'; function: { name: string } }

/** What the playground sends to /api/v1/chat/completions (without `stream`). */
export type ChatRequest = {
  model: string
  messages: RequestMessage[]
  /** Extensions: the cloud ignores these (docs/cloud/chat.md "Request fields"); the sandbox honours them. */
  tools?: ToolDefinition[]
  tool_choice?: ToolChoiceField
  response_format?: {
    type: 'json_schema'
    json_schema: { name: string; schema: Record<string, unknown> }
  }
  temperature?: number
  top_p?: number
  max_tokens?: number
  stop?: string[]
  seed?: number
}
