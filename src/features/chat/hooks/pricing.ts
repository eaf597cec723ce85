import type { ChatModel } from '../api/schemas'

/** The cloud multiplies the catalog's per-token prices by 1.2 (chat.md "How credits are charged"). */
export const PLATFORM_MARKUP = 1.2
/** The cloud's own estimate when `max_tokens` is not sent (chat.md, step 1). */
export const DEFAULT_OUTPUT_ESTIMATE = 500

/** Tokens as the cloud estimates them: characters / 4, rounded up. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4)
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
