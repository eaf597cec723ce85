// Token counts and stream chunks from a real BPE tokenizer (js-tiktoken), so usage numbers and
// billing look like the cloud's. OpenAI's current models use o200k_base; for other providers we
// use cl100k_base as the closest public stand-in (their own tokenizers are not published).
// The only tokenizer module of the sandbox: chat, embeddings and A2A all count here, so each rank
// table is loaded once per process.
//
// Bounded work (docs/chat.md §Token counting): js-tiktoken merges each pre-split piece in time
// quadratic in its length, so one long run without a boundary (100,000 × "a") froze the whole
// process for minutes. Pieces up to LONG_PIECE characters are encoded exactly (ordinary text is
// counted exactly as before); a longer piece is estimated at ~4 characters per token.
import { Tiktoken } from 'js-tiktoken/lite'
import { pause } from '../core/timing.ts'

export type EncodingName = 'o200k_base' | 'cl100k_base'

/** Longer pre-split pieces are estimated, not merged (a 64-char piece costs ~0.3 ms to merge). */
export const LONG_PIECE = 64
const CHARS_PER_TOKEN = 4

/** The encoding a model id is counted with (bare names as well as `provider/model`). */
export function encodingNameFor(model: string): EncodingName {
  const name = model.toLowerCase().split('/').pop() ?? ''
  const openAi = model.toLowerCase().startsWith('openai/') || !model.includes('/')
  if (openAi && /^(?:gpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|o\d|chatgpt-4o|gpt-oss)/.test(name)) {
    return 'o200k_base'
  }
  return 'cl100k_base'
}

// The rank tables are megabytes of JS and about 130 MB once decoded: each is loaded on first use
// and let go after IDLE_RELEASE_MS without one, so an idle console does not keep it
// (docs/sandbox.md §Memory). A call that holds an encoder keeps it until it is done.
const encoders = new Map<EncodingName, Promise<Tiktoken>>()
const lastUsed = new Map<EncodingName, number>()
export const IDLE_RELEASE_MS = 60_000
const SWEEP_EVERY_MS = 15_000
let sweeper: ReturnType<typeof setInterval> | null = null

/** Drops the encoders unused for IDLE_RELEASE_MS; stops sweeping once none is loaded. */
export function releaseIdleEncoders(now = Date.now()): void {
  for (const [name, at] of lastUsed) {
    if (now - at < IDLE_RELEASE_MS) continue
    encoders.delete(name)
    lastUsed.delete(name)
  }
  if (encoders.size === 0 && sweeper) {
    clearInterval(sweeper)
    sweeper = null
  }
}
/** Each encoder's pre-split pattern (the rank file's `pat_str`). */
const patterns = new WeakMap<Tiktoken, string>()

async function load(name: EncodingName): Promise<Tiktoken> {
  const ranks =
    name === 'o200k_base'
      ? (await import('js-tiktoken/ranks/o200k_base')).default
      : (await import('js-tiktoken/ranks/cl100k_base')).default
  const enc = new Tiktoken(ranks)
  patterns.set(enc, ranks.pat_str)
  return enc
}

export function encoderFor(model: string): Promise<Tiktoken> {
  const name = encodingNameFor(model)
  let encoder = encoders.get(name)
  if (!encoder) {
    encoder = load(name)
    encoders.set(name, encoder)
  }
  lastUsed.set(name, Date.now())
  // unref: the sweep never keeps the process alive on its own.
  sweeper ??= setInterval(releaseIdleEncoders, SWEEP_EVERY_MS).unref()
  return encoder
}

/** A run of the text: exact token ids, or a piece too long to merge with its estimated count. */
type Part = { ids: number[] } | { text: string; estimate: number }

// Special-token strings in user text ("<|endoftext|>") are counted as plain text, never refused.
const exact = (enc: Tiktoken, text: string): Part => ({ ids: enc.encode(text, [], []) })

/**
 * The text split at the tokenizer's own pre-split boundaries: runs of ordinary pieces are encoded
 * exactly in one call; a piece longer than LONG_PIECE stands alone with an estimate. Linear time.
 */
function parts(enc: Tiktoken, text: string): Part[] {
  if (!text) return []
  const pattern = patterns.get(enc)
  if (pattern === undefined || text.length <= LONG_PIECE) return [exact(enc, text)]
  const out: Part[] = []
  let from = 0
  for (const match of text.matchAll(new RegExp(pattern, 'gu'))) {
    if (match[0].length <= LONG_PIECE) continue
    if (match.index > from) out.push(exact(enc, text.slice(from, match.index)))
    out.push({ text: match[0], estimate: Math.ceil(match[0].length / CHARS_PER_TOKEN) })
    from = match.index + match[0].length
  }
  if (from < text.length) out.push(exact(enc, text.slice(from)))
  return out
}

const partTokens = (p: Part) => ('ids' in p ? p.ids.length : p.estimate)

export const countTokens = (enc: Tiktoken, text: string): number =>
  parts(enc, text).reduce((n, p) => n + partTokens(p), 0)

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

/** `text.slice(0, end)`, moved back one if it would cut a surrogate pair. */
function safeEnd(text: string, end: number): number {
  const code = text.charCodeAt(end - 1)
  return end > 0 && end < text.length && code >= 0xd800 && code <= 0xdbff ? end - 1 : end
}

/** Cuts `text` to at most `max` tokens. */
export function truncateToTokens(
  enc: Tiktoken,
  text: string,
  max: number,
): { text: string; tokens: number; truncated: boolean } {
  const limit = Math.max(0, max)
  let kept = ''
  let tokens = 0
  for (const part of parts(enc, text)) {
    const n = partTokens(part)
    if (tokens + n > limit) {
      const room = limit - tokens
      // Decoding a prefix can end inside a multi-byte character; drop the broken tail.
      kept +=
        'ids' in part
          ? enc.decode(part.ids.slice(0, room)).replace(/\uFFFD+$/, '')
          : part.text.slice(0, safeEnd(part.text, room * CHARS_PER_TOKEN))
      return { text: kept, tokens: limit, truncated: true }
    }
    kept += 'ids' in part ? enc.decode(part.ids) : part.text
    tokens += n
  }
  return { text, tokens, truncated: false }
}

/**
 * Splits `text` into stream deltas of one or two tokens each, never inside a UTF-8 character:
 * the concatenation is exactly `text`. Linear: each delta decodes only its own tokens.
 */
export function tokenChunks(enc: Tiktoken, text: string): string[] {
  const chunks: string[] = []
  for (const part of parts(enc, text)) {
    if (!('ids' in part)) {
      // An estimated piece streams in deltas of about two tokens' worth of characters.
      for (let i = 0; i < part.text.length;) {
        const end = safeEnd(part.text, Math.min(part.text.length, i + 2 * CHARS_PER_TOKEN))
        chunks.push(part.text.slice(i, end))
        i = end
      }
      continue
    }
    const { ids } = part
    for (let i = 0; i < ids.length;) {
      // Alternate 1- and 2-token deltas, like providers that batch small tokens.
      let end = Math.min(ids.length, i + (chunks.length % 3 === 2 ? 2 : 1))
      let delta = enc.decode(ids.slice(i, end))
      // A delta ending inside a multi-byte character takes the next token too.
      while (delta.endsWith('\uFFFD') && end < ids.length) {
        end += 1
        delta = enc.decode(ids.slice(i, end))
      }
      if (delta) chunks.push(delta)
      i = end
    }
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
