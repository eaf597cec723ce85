// Token counts for usage and billing. The sandbox has no provider reporting usage, so it counts
// with the o200k_base tokenizer (the GPT-4o family's); other providers count a little
// differently, which only moves the cents.
import { Tiktoken } from 'js-tiktoken/lite'

let encoder: Promise<Tiktoken> | undefined

// The rank table is large (about a second to load), so it is loaded once, on first use.
function load(): Promise<Tiktoken> {
  encoder ??= import('js-tiktoken/ranks/o200k_base').then((m) => new Tiktoken(m.default))
  return encoder
}

export async function countTokens(text: string): Promise<number> {
  if (!text) return 0
  return (await load()).encode(text).length
}

/** Prompt tokens of a chat: each message's content plus the few framing tokens per message. */
export async function countChatTokens(messages: { content: string }[]): Promise<number> {
  let total = 3
  for (const m of messages) total += 4 + (await countTokens(m.content))
  return total
}

/** Cuts `text` to at most `maxTokens` tokens (a reply hitting `max_tokens`). */
export async function truncateToTokens(text: string, maxTokens: number): Promise<string> {
  const enc = await load()
  const ids = enc.encode(text)
  return ids.length <= maxTokens ? text : enc.decode(ids.slice(0, Math.max(0, maxTokens)))
}
