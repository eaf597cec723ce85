// Token counts and stream chunks from a real BPE tokenizer (js-tiktoken), so usage numbers and
// billing look like the cloud's. OpenAI's current models use o200k_base; for other providers we
// use cl100k_base as the closest public stand-in (their own tokenizers are not published).
import { Tiktoken } from 'js-tiktoken/lite'
import { pause } from '../timing.ts'

export type EncodingName = 'o200k_base' | 'cl100k_base'

/** The encoding a model id is counted with (bare names as well as `provider/model`). */
export function encodingNameFor(model: string): EncodingName {
  const name = model.toLowerCase().split('/').pop() ?? ''
  const openAi = model.toLowerCase().startsWith('openai/') || !model.includes('/')
  if (openAi && /^(?:gpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|o\d|chatgpt-4o|gpt-oss)/.test(name)) {
    return 'o200k_base'
  }
  return 'cl100k_base'
}

// The rank tables are megabytes of JS: load each lazily, once, on first use.
const encoders = new Map<EncodingName, Promise<Tiktoken>>()

async function load(name: EncodingName): Promise<Tiktoken> {
  const ranks =
    name === 'o200k_base'
      ? (await import('js-tiktoken/ranks/o200k_base')).default
      : (await import('js-tiktoken/ranks/cl100k_base')).default
  return new Tiktoken(ranks)
}

export function encoderFor(model: string): Promise<Tiktoken> {
  const name = encodingNameFor(model)
  let encoder = encoders.get(name)
  if (!encoder) {
    encoder = load(name)
    encoders.set(name, encoder)
  }
  return encoder
}

export const countTokens = (enc: Tiktoken, text: string): number =>
  text ? enc.encode(text).length : 0

/**
 * Prompt tokens the way OpenAI counts a chat: 3 per message, 1 more when it has a name, and 3
 * priming the reply.
 */
export function countChatTokens(
  enc: Tiktoken,
  messages: ReadonlyArray<{ role: string; content: string; name?: string }>,
): number {
  let total = 3
  for (const m of messages) {
    total += 3 + countTokens(enc, m.role) + countTokens(enc, m.content)
    if (m.name) total += 1 + countTokens(enc, m.name)
  }
  return total
}

/** Cuts `text` to at most `max` tokens. */
export function truncateToTokens(
  enc: Tiktoken,
  text: string,
  max: number,
): { text: string; tokens: number; truncated: boolean } {
  const tokens = enc.encode(text)
  if (tokens.length <= max) return { text, tokens: tokens.length, truncated: false }
  // Decoding a prefix can end inside a multi-byte character; drop the broken tail.
  const cut = enc.decode(tokens.slice(0, Math.max(0, max))).replace(/\uFFFD+$/, '')
  return { text: cut, tokens: Math.max(0, max), truncated: true }
}

/**
 * Splits `text` into stream deltas of one or two tokens each, never inside a UTF-8 character:
 * the concatenation is exactly `text`.
 */
export function tokenChunks(enc: Tiktoken, text: string): string[] {
  const tokens = enc.encode(text)
  const chunks: string[] = []
  let emitted = ''
  for (let i = 0; i < tokens.length;) {
    // Alternate 1- and 2-token deltas, like providers that batch small tokens.
    i = Math.min(tokens.length, i + (chunks.length % 3 === 2 ? 2 : 1))
    const prefix = enc.decode(tokens.slice(0, i))
    if (prefix.endsWith('\uFFFD') && i < tokens.length) continue
    const delta = prefix.slice(emitted.length)
    if (delta) chunks.push(delta)
    emitted = prefix
  }
  // Guard: a tokenizer round trip always restores the text, but never emit anything else.
  if (chunks.join('') !== text) return text ? [text] : []
  return chunks
}

/** Yields `chunks` with `delayMs` between them; stops early when `signal` aborts. */
export async function* paced(
  chunks: readonly string[],
  delayMs: number,
  signal?: AbortSignal,
): AsyncGenerator<string> {
  for (const [i, chunk] of chunks.entries()) {
    if (signal?.aborted) return
    if (i > 0) await pause(delayMs, signal)
    if (signal?.aborted) return
    yield chunk
  }
}
