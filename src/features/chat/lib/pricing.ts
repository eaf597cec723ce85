import type { ChatModel } from '../api/schemas'

/** The cloud multiplies the catalog's per-token prices by 1.2 (docs/cloud/chat.md "How credits are charged"). */
export const PLATFORM_MARKUP = 1.2
/** The cloud's own estimate when `max_tokens` is not sent (docs/cloud/chat.md, step 1). */
export const DEFAULT_OUTPUT_ESTIMATE = 500

// How many tokens a text is, without a tokenizer. Characters / 4 (what the cloud uses to reserve
// credits, docs/chat.md §Credits) overshoots English prose by about a third against the count the
// reply is billed on (a BPE tokenizer, o200k_base for OpenAI's current models), and a real
// tokenizer's rank table is megabytes. So the text is cut the way o200k_base pre-splits it (its
// published pattern: words with one leading non-letter, case changes, up to three digits,
// punctuation runs with their line breaks, whitespace), and each piece costs what such pieces
// cost on average: a common word one token, a long or unusual one a few. One pass of one regular
// expression; pricing.test.ts holds it within a few percent of js-tiktoken on long messages.
const UPPER = '\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}'
const LOWER = '\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}'
const SUFFIX = "(?:'[sStTmMdD]|'[rR][eE]|'[vV][eE]|'[lL][lL])?"
const PIECE = new RegExp(
  [
    `[^\\r\\n\\p{L}\\p{N}]?[${UPPER}]*[${LOWER}]+${SUFFIX}`,
    `[^\\r\\n\\p{L}\\p{N}]?[${UPPER}]+[${LOWER}]*${SUFFIX}`,
    '\\p{N}{1,3}',
    ' ?[^\\s\\p{L}\\p{N}]+[\\r\\n/]*',
    '\\s*[\\r\\n]+',
    '\\s+(?!\\S)',
    '\\s+',
  ].join('|'),
  'gu',
)
const WIDE_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u
const LATIN_WORD = /^[^\p{L}]?\p{Script=Latin}+(?:'\p{L}+)?$/u

function wordTokens(piece: string): number {
  const n = piece.length
  if (WIDE_SCRIPT.test(piece)) return n * 0.9
  if (!LATIN_WORD.test(piece)) return Math.max(1, n / 2.5)
  if (n <= 7) return 1
  if (n <= 9) return 1.1
  if (n <= 12) return 1.4
  return n / 7
}

/** About how many tokens `text` is (see above); 0 for ''. */
export function estimateTokens(text: string): number {
  let total = 0
  for (const [piece] of text.matchAll(PIECE)) {
    if (/\p{L}/u.test(piece)) total += wordTokens(piece)
    else if (/^\s+$/.test(piece)) total += piece.length > 16 ? piece.length / 16 : 1
    else total += piece.length <= 4 ? 1 : piece.length / 4
  }
  return Math.ceil(total)
}

/** Tokens a chat adds around each message (role, separators) and to prime the reply. */
const PER_MESSAGE = 4
const PER_REQUEST = 3

// Messages are immutable (the session never edits one): each is estimated once.
const messageCache = new WeakMap<object, number>()

/** About how many prompt tokens a request with these messages is billed for. */
export function estimatePromptTokens(
  messages: readonly { content: string }[],
  extra: readonly string[] = [],
): number {
  let total = PER_REQUEST
  for (const m of messages) {
    let tokens = messageCache.get(m)
    if (tokens === undefined) {
      tokens = PER_MESSAGE + estimateTokens(m.content)
      messageCache.set(m, tokens)
    }
    total += tokens
  }
  for (const text of extra) if (text) total += PER_MESSAGE + estimateTokens(text)
  return total
}

/** USD for a number of input and output tokens at the model's prices with the markup; null if unpriced. */
export function costUsd(
  model: Pick<ChatModel, 'inputPerToken' | 'outputPerToken'> | undefined,
  inputTokens: number,
  outputTokens: number,
): number | null {
  if (!model || model.inputPerToken === null) return null
  const output = model.outputPerToken ?? model.inputPerToken
  return (inputTokens * model.inputPerToken + outputTokens * output) * PLATFORM_MARKUP
}

/** USD per million tokens, for the picker's facts. */
export function perMillion(perToken: number | null): number | null {
  return perToken === null ? null : perToken * 1_000_000
}
