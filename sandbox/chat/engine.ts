// One generation step shared by every chat-shaped route: the responder writes the text (or a
// tool call, or schema-valid JSON), then stop sequences and `max_tokens` cut it, and the real
// tokenizer counts it.
import type { Tiktoken } from 'js-tiktoken/lite'
import { composeReply, type ChatTurn, type Persona } from './responder.ts'
import { valueForSchema } from './structured.ts'
import { countChatTokens, countTokens, encoderFor, truncateToTokens } from './tokens.ts'
import { planToolCall, type PlannedToolCall, type ToolChoice, type ToolSpec } from './tools.ts'

export type FinishReason = 'stop' | 'length' | 'tool_calls'

export interface GenerateInput {
  model: string
  /** The whole conversation, system turns included. */
  turns: ChatTurn[]
  persona?: Persona | null
  maxTokens?: number
  stop?: string[]
  seed?: number
  temperature?: number
  topP?: number
  tools?: ToolSpec[]
  toolChoice?: ToolChoice
  /** `response_format`: a JSON schema, or `'object'` for plain JSON mode. */
  json?: Record<string, unknown> | 'object' | null
  /** Prefix of tool call ids (`call_` for OpenAI, `toolu_` for Anthropic). */
  toolIdPrefix?: string
}

export interface Generated {
  text: string
  toolCalls: PlannedToolCall[]
  finish: FinishReason
  /** True when a stop sequence cut the text. */
  stoppedBy: string | null
  promptTokens: number
  completionTokens: number
  enc: Tiktoken
}

/**
 * The seed the responder sees. Temperature 0 is greedy decoding: only the conversation counts.
 * Otherwise `seed`, `temperature` and `top_p` each select a different (still repeatable) reply.
 */
function effectiveSeed(input: GenerateInput): number {
  if (input.temperature === 0) return 0
  const t = input.temperature === undefined ? 0 : Math.round(input.temperature * 100)
  const p = input.topP === undefined ? 0 : Math.round(input.topP * 100)
  return ((input.seed ?? 0) * 31 + t * 7 + p) | 0
}

export function lastUserText(turns: readonly ChatTurn[]): string {
  for (let i = turns.length - 1; i >= 0; i--) {
    const t = turns[i]
    if (t?.role === 'user') return t.content
  }
  return ''
}

export async function generate(input: GenerateInput): Promise<Generated> {
  const enc = await encoderFor(input.model)
  const seed = effectiveSeed(input)
  const system = input.turns.find((t) => t.role === 'system')?.content ?? null
  let promptTokens = countChatTokens(enc, input.turns)
  if (input.tools && input.tools.length > 0)
    promptTokens += countTokens(enc, JSON.stringify(input.tools))
  const userText = lastUserText(input.turns)

  const call = input.tools
    ? planToolCall({
        tools: input.tools,
        choice: input.toolChoice ?? 'auto',
        lastUserText: userText,
        lastIsToolResult: input.turns[input.turns.length - 1]?.role === 'tool',
        seed,
        prefix: input.toolIdPrefix ?? 'call_',
      })
    : null
  if (call) {
    return {
      text: '',
      toolCalls: [call],
      finish: 'tool_calls',
      stoppedBy: null,
      promptTokens,
      completionTokens: countTokens(enc, call.name) + countTokens(enc, call.arguments) + 3,
      enc,
    }
  }

  let text: string
  if (input.json) {
    const reply = composeReply({
      messages: input.turns,
      persona: input.persona,
      system,
      model: input.model,
      seed,
    })
    const schema =
      input.json === 'object'
        ? { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'] }
        : input.json
    const made = valueForSchema(schema, userText, seed)
    // A schema the generator cannot satisfy still gets JSON, with the reply inside.
    text = made.ok ? JSON.stringify(made.value) : JSON.stringify({ answer: reply })
    if (input.json === 'object') text = JSON.stringify({ answer: reply })
  } else {
    text = composeReply({
      messages: input.turns,
      persona: input.persona,
      system,
      model: input.model,
      seed,
      maxTokens: input.maxTokens,
    })
  }

  let stoppedBy: string | null = null
  for (const s of input.stop ?? []) {
    if (!s) continue
    const at = text.indexOf(s)
    if (at >= 0 && (stoppedBy === null || at < text.indexOf(stoppedBy))) stoppedBy = s
  }
  if (stoppedBy !== null) text = text.slice(0, text.indexOf(stoppedBy))

  let finish: FinishReason = 'stop'
  let completionTokens = countTokens(enc, text)
  if (input.maxTokens !== undefined && completionTokens > input.maxTokens) {
    const cut = truncateToTokens(enc, text, input.maxTokens)
    text = cut.text
    completionTokens = cut.tokens
    finish = 'length'
  }
  return { text, toolCalls: [], finish, stoppedBy, promptTokens, completionTokens, enc }
}
