// Function calling for /api/v1/chat/completions, /api/v1/responses and /api/v1/messages.
// On chat/completions it is a sandbox extension (the cloud ignores `tools`, docs/cloud/chat.md); on the
// other two the cloud really forwards tools. The "model" picks a tool deterministically: the
// one `tool_choice` names, else the tool whose name and description share the most words with
// the user's last message; its arguments are generated from the tool's JSON schema.
import { valueForSchema } from './structured.ts'

export interface ToolSpec {
  name: string
  description?: string
  parameters?: Record<string, unknown>
}

/** `auto` (default), `none`, `required`, or one named function. */
export type ToolChoice = 'auto' | 'none' | 'required' | { name: string }

export interface PlannedToolCall {
  id: string
  name: string
  /** JSON text, valid against the tool's `parameters`. */
  arguments: string
}

const STOP = new Set(['the', 'a', 'an', 'to', 'of', 'and', 'or', 'for', 'in', 'on', 'is', 'get'])

function words(text: string): Set<string> {
  const split = text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 1 && !STOP.has(w))
  // Crude stemming so "weather" matches "weathers" and "searching" matches "search".
  return new Set(split.map((w) => w.replace(/(?:ing|es|s)$/, '')))
}

function score(tool: ToolSpec, text: string): number {
  const ask = words(text)
  let total = 0
  for (const w of words(tool.name)) if (ask.has(w)) total += 3
  for (const w of words(tool.description ?? '')) if (ask.has(w)) total += 1
  return total
}

function hashId(text: string): string {
  let h1 = 0x811c9dc5
  let h2 = 0x01000193
  for (let i = 0; i < text.length; i++) {
    h1 = Math.imul(h1 ^ text.charCodeAt(i), 0x01000193)
    h2 = Math.imul(h2 ^ text.charCodeAt(i), 0x5bd1e995)
  }
  return ((h1 >>> 0).toString(36) + (h2 >>> 0).toString(36)).padEnd(14, '0')
}

/**
 * Decides whether the next assistant turn calls a tool, and with what. `lastIsToolResult`
 * means the conversation ends with a tool's answer: with `auto` the model then replies in
 * text, as real models do.
 */
export function planToolCall(input: {
  tools: readonly ToolSpec[]
  choice: ToolChoice
  lastUserText: string
  lastIsToolResult: boolean
  seed: number
  prefix: string
}): PlannedToolCall | null {
  const { tools, choice } = input
  if (tools.length === 0 || choice === 'none') return null
  let tool: ToolSpec | undefined
  if (typeof choice === 'object') {
    tool = tools.find((t) => t.name === choice.name)
  } else {
    if (choice === 'auto' && input.lastIsToolResult) return null
    const ranked = tools
      .map((t, i) => ({ t, s: score(t, input.lastUserText), i }))
      .sort((a, b) => b.s - a.s || a.i - b.i)
    const best = ranked[0]
    if (!best) return null
    if (choice === 'auto' && best.s === 0) return null
    tool = best.t
  }
  if (!tool) return null
  const schema = tool.parameters ?? { type: 'object', properties: {} }
  const generated = valueForSchema(schema, input.lastUserText, input.seed)
  if (!generated.ok) return null
  return {
    id: `${input.prefix}${hashId(`${tool.name}\n${input.lastUserText}\n${input.seed}`)}`,
    name: tool.name,
    arguments: JSON.stringify(generated.value),
  }
}
