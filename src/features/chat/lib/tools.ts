import type { ToolChoice } from '../storage/conversations'
import type { ToolChoiceField, ToolDefinition } from '../api/schemas'

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string }

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

function parseJson(text: string): Parsed<unknown> {
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : 'Not valid JSON' }
  }
}

const NAME = /^[a-zA-Z0-9_-]{1,64}$/

/**
 * Tool definitions as typed: a JSON array of `{type:"function", function:{name, description?,
 * parameters?}}` (OpenAI's shape). '' means no tools. Errors name the first problem.
 */
export function parseTools(text: string): Parsed<ToolDefinition[]> {
  if (!text.trim()) return { ok: true, value: [] }
  const json = parseJson(text)
  if (!json.ok) return json
  if (!Array.isArray(json.value)) return { ok: false, error: 'Expected a JSON array of tools.' }
  const tools: ToolDefinition[] = []
  for (const [i, item] of json.value.entries()) {
    const where = `Tool ${i + 1}`
    if (!isRecord(item) || item.type !== 'function' || !isRecord(item.function)) {
      return { ok: false, error: `${where}: expected {"type": "function", "function": {…}}.` }
    }
    const { name, description, parameters } = item.function
    if (typeof name !== 'string' || !NAME.test(name)) {
      return { ok: false, error: `${where}: "name" must be 1–64 letters, digits, _ or -.` }
    }
    if (description !== undefined && typeof description !== 'string') {
      return { ok: false, error: `${where}: "description" must be a string.` }
    }
    if (parameters !== undefined && (!isRecord(parameters) || parameters.type !== 'object')) {
      return { ok: false, error: `${where}: "parameters" must be a JSON schema of type "object".` }
    }
    tools.push({
      type: 'function',
      function: {
        name,
        ...(description !== undefined ? { description } : {}),
        ...(parameters !== undefined ? { parameters } : {}),
      },
    })
  }
  return { ok: true, value: tools }
}

/**
 * The `tool_choice` to send with `tools` (the parsed definitions). Nothing is sent for `auto`
 * (OpenAI's default when tools are given) or when no tools go out (OpenAI refuses a
 * `tool_choice` without `tools`); a named function must be one of the tools.
 */
export function parseToolChoice(
  choice: ToolChoice | undefined,
  tools: Parsed<ToolDefinition[]>,
): Parsed<ToolChoiceField | undefined> {
  if (choice === undefined || choice === 'auto' || !tools.ok || tools.value.length === 0) {
    return { ok: true, value: undefined }
  }
  if (typeof choice === 'string') return { ok: true, value: choice }
  if (!tools.value.some((t) => t.function.name === choice.name)) {
    return { ok: false, error: `No tool named "${choice.name}" is defined.` }
  }
  return { ok: true, value: { type: 'function', function: { name: choice.name } } }
}

/**
 * The first reason the parameters can't go out as typed (tools, tool choice, output schema),
 * so Send is held back with a message instead of silently sending less than the user set.
 */
/** The most stop sequences a request may carry (OpenAI's limit; the sandbox enforces it too). */
export const MAX_STOP_SEQUENCES = 4

export type SamplingErrors = Partial<Record<'temperature' | 'topP' | 'maxTokens' | 'stop', string>>

/** Out-of-range sampling parameters, per field (each would be refused with a 400). */
export function samplingErrors(
  params: {
    temperature?: number | null
    topP?: number | null
    maxTokens?: number | null
    stop?: readonly string[]
  },
  maxOutputTokens: number | null = null,
): SamplingErrors {
  const errors: SamplingErrors = {}
  const { temperature, topP, maxTokens, stop } = params
  if (temperature != null && (temperature < 0 || temperature > 2))
    errors.temperature = 'Between 0 and 2.'
  if (topP != null && (topP < 0 || topP > 1)) errors.topP = 'Between 0 and 1.'
  if (maxTokens != null && maxTokens < 1) errors.maxTokens = 'At least 1.'
  else if (maxTokens != null && maxOutputTokens !== null && maxTokens > maxOutputTokens)
    errors.maxTokens = `At most ${maxOutputTokens.toLocaleString('en-US')} for this model.`
  if (stop && stop.length > MAX_STOP_SEQUENCES)
    errors.stop = `At most ${MAX_STOP_SEQUENCES} sequences.`
  return errors
}

const SAMPLING_LABELS: Record<keyof SamplingErrors, string> = {
  temperature: 'Temperature',
  topP: 'Top P',
  maxTokens: 'Max tokens',
  stop: 'Stop sequences',
}

export function paramsProblem(
  params: {
    tools?: string
    toolChoice?: ToolChoice
    responseSchema?: string
    temperature?: number | null
    topP?: number | null
    maxTokens?: number | null
    stop?: readonly string[]
  },
  maxOutputTokens: number | null = null,
): string | null {
  const sampling = Object.entries(samplingErrors(params, maxOutputTokens))[0]
  if (sampling) return `${SAMPLING_LABELS[sampling[0] as keyof SamplingErrors]}: ${sampling[1]}`
  const tools = parseTools(params.tools ?? '')
  if (!tools.ok) return `Tools: ${tools.error}`
  const choice = parseToolChoice(params.toolChoice, tools)
  if (!choice.ok) return `Tool choice: ${choice.error}`
  const schema = parseSchema(params.responseSchema ?? '')
  if (!schema.ok) return `Structured output: ${schema.error}`
  return null
}

/** A JSON schema for structured output: an object with a `type`. '' means none. */
export function parseSchema(text: string): Parsed<Record<string, unknown> | null> {
  if (!text.trim()) return { ok: true, value: null }
  const json = parseJson(text)
  if (!json.ok) return json
  if (!isRecord(json.value)) return { ok: false, error: 'Expected a JSON schema object.' }
  if (typeof json.value.type !== 'string') {
    return { ok: false, error: 'The schema needs a "type" (e.g. "object").' }
  }
  return { ok: true, value: json.value }
}

export const EXAMPLE_TOOLS = `[
  {
    "type": "function",
    "function": {
      "name": "get_weather",
      "description": "Get the current weather in a city",
      "parameters": {
        "type": "object",
        "properties": { "city": { "type": "string" } },
        "required": ["city"]
      }
    }
  }
]`

export const EXAMPLE_SCHEMA = `{
  "type": "object",
  "properties": {
    "title": { "type": "string" },
    "year": { "type": "integer" }
  },
  "required": ["title", "year"]
}`
