// Prices and the reserve → settle cycle of A2A calls. The cloud reserves an estimate before the
// work and reconciles with the real cost afterwards; each step is its own ledger row
// (docs/cloud/billing.md "How a charge appears in the ledger"). Every debit goes through ledger.charge().
import type { Db } from '../core/db/client.ts'
import { charge, credit, InsufficientCreditsError, releaseHold } from '../core/ledger.ts'
import { findModel } from '../chat/model-catalog.ts'

/** Platform markup on model prices (docs/cloud/chat.md "How credits are charged", step 2). */
export const PLATFORM_MARKUP = 1.2
/** Output tokens assumed by an estimate when the caller gives no max_tokens (docs/cloud/chat.md step 1). */
export const DEFAULT_OUTPUT_ESTIMATE = 500
/** Smallest amount the ledger can move. */
const MIN_USD = 0.000001

export interface ModelPrice {
  /** The catalog id the price comes from. */
  id: string
  provider: string
  inputPerToken: number
  outputPerToken: number
}

/**
 * Resolves the price of a model id as the cloud's pricing does (docs/cloud/chat.md, `model`): a
 * `provider/model` id is looked up as is; a bare name is assumed OpenAI (`gpt-…`, anything
 * unknown), Anthropic (`claude-…`), Google (`gemini-…`) or Meta (`llama…`).
 */
export function priceOf(model: string): ModelPrice | null {
  let id = model
  if (!model.includes('/')) {
    const provider = model.startsWith('claude-')
      ? 'anthropic'
      : model.startsWith('gemini-')
        ? 'google'
        : model.startsWith('llama')
          ? 'meta'
          : 'openai'
    id = `${provider}/${model}`
  }
  const entry = findModel(id)
  if (!entry?.pricing || entry.type !== 'language') return null
  return {
    id,
    provider: id.split('/')[0] ?? 'openai',
    inputPerToken: Number(entry.pricing.input),
    outputPerToken: Number(entry.pricing.output ?? 0),
  }
}

/** USD for a number of tokens, with the platform markup, split as the usage records store it. */
export function tokenCost(price: ModelPrice, inputTokens: number, outputTokens: number) {
  const inputCost = inputTokens * price.inputPerToken * PLATFORM_MARKUP
  const outputCost = outputTokens * price.outputPerToken * PLATFORM_MARKUP
  return { inputCost, outputCost, totalCost: inputCost + outputCost }
}

/** The pre-call estimate: characters / 4 input tokens, `max_tokens` (or 500) output tokens. */
export function estimateCost(
  price: ModelPrice,
  messages: { content: string }[],
  maxTokens?: number,
): number {
  const chars = messages.reduce((n, m) => n + m.content.length, 0)
  return tokenCost(price, Math.ceil(chars / 4), maxTokens ?? DEFAULT_OUTPUT_ESTIMATE).totalCost
}

export interface Reservation {
  amount: number
  /** Refunds the difference or charges the overage; `0` refunds everything. */
  settle(actual: number): Promise<void>
}

/**
 * Takes the estimate from the organization (`<operation> (reserved)`).
 * @throws InsufficientCreditsError (from ledger.charge) with nothing written.
 */
export async function reserve(
  db: Db,
  input: {
    organizationId: string
    userId: string
    amount: number
    operation: string
    metadata?: Record<string, unknown>
  },
): Promise<Reservation> {
  const amount = Math.max(input.amount, MIN_USD)
  const base = { organizationId: input.organizationId, userId: input.userId }
  const { id } = await charge(db, {
    ...base,
    amount,
    description: `${input.operation} (reserved)`,
    metadata: { type: 'a2a', ...input.metadata },
    hold: input.operation,
  })
  let settled = false
  return {
    amount,
    async settle(actual) {
      if (settled) return
      settled = true
      const diff = actual - amount
      if (Math.abs(diff) < MIN_USD) return releaseHold(db, id)
      if (diff < 0) {
        await credit(db, {
          ...base,
          amount: -diff,
          type: 'refund',
          description: `${input.operation} (refund)`,
          metadata: { type: 'a2a', ...input.metadata },
          releases: id,
        })
        return
      }
      try {
        await charge(db, {
          ...base,
          amount: diff,
          description: `${input.operation} (overage)`,
          metadata: { type: 'a2a', ...input.metadata },
          releases: id,
        })
      } catch (error) {
        // The answer was already produced; an overage the balance cannot cover is not recovered.
        if (!(error instanceof InsufficientCreditsError)) throw error
        await releaseHold(db, id)
      }
    },
  }
}

/** Runs `work` under a reservation: settles with what it returns, refunds all if it throws. */
export async function withReservation<T extends { cost: number }>(
  reservation: Reservation,
  work: () => Promise<T>,
): Promise<T> {
  let result: T
  try {
    result = await work()
  } catch (error) {
    await reservation.settle(0)
    throw error
  }
  await reservation.settle(result.cost)
  return result
}
