// Token billing for the chat-shaped routes, as docs/cloud/chat.md "How credits are charged" describes it:
// estimate (chars / 4 in, max_tokens or 500 out) → catalog price × 1.2 markup → reserve
// estimate × 1.5 (min $0.000001) before generating → settle on the real usage afterwards with a
// refund or an overage row; an abort or an error refunds the whole reservation. Each step is
// its own ledger transaction (docs/cloud/billing.md "How a charge appears in the ledger").
import type { Db } from '../core/db/client.ts'
import {
  charge,
  credit,
  InsufficientCreditsError,
  releaseHold,
  type LedgerEntry,
} from '../core/ledger.ts'
import { findModel } from './model-catalog.ts'

/** Platform markup on the upstream per-token prices (docs/cloud/chat.md step 2). */
export const MARKUP = 1.2
/** Output-token estimate when `max_tokens` is absent (docs/cloud/chat.md step 1). */
export const DEFAULT_OUTPUT_ESTIMATE = 500
const RESERVE_FACTOR = 1.5
const MIN_RESERVE = 0.000001

export interface Price {
  /** The catalog id the price came from. */
  id: string
  input: number
  output: number
}

/**
 * The id a requested model is priced under: `provider/model` as is; a bare name goes to the
 * provider its prefix suggests, anything else to OpenAI (docs/cloud/chat.md "Request fields", `model`).
 */
export function pricingId(model: string): string {
  if (model.includes('/')) return model
  const lower = model.toLowerCase()
  if (lower.startsWith('claude-')) return `anthropic/${model}`
  if (lower.startsWith('gemini-')) return `google/${model}`
  if (lower.startsWith('llama')) return `meta/${model}`
  return `openai/${model}`
}

/**
 * Per-token prices, or `null` when the catalog has none. The caller answers with the cloud's
 * "Pricing unavailable for <kind>:input <id>" (docs/cloud/chat.md, agent id as model).
 */
export function priceFor(model: string, kind: 'language' | 'embedding'): Price | null {
  const id = pricingId(model)
  const entry = findModel(id)
  if (!entry?.pricing || (entry.type ?? 'language') !== kind) return null
  return { id, input: Number(entry.pricing.input), output: Number(entry.pricing.output ?? 0) }
}

export const pricingUnavailable = (model: string, kind: 'language' | 'embedding') =>
  `Pricing unavailable for ${kind}:input ${pricingId(model)}`

/** USD for a number of tokens, markup included. */
export const costOf = (price: Price, inputTokens: number, outputTokens: number) =>
  (inputTokens * price.input + outputTokens * price.output) * MARKUP

const roundMicro = (usd: number) => Math.round(usd * 1_000_000) / 1_000_000

export interface Reservation {
  organizationId: string
  userId: string
  operation: string
  amount: number
  entry: LedgerEntry
  settled: boolean
}

export class ReserveFailed extends Error {
  constructor(readonly required: number) {
    super(`Insufficient credits. Required: $${required.toFixed(4)}`)
  }
}

/** Estimated cost × 1.5, taken from the balance in one transaction; throws `ReserveFailed`. */
export async function reserve(
  db: Db,
  input: {
    organizationId: string
    userId: string
    operation: string
    price: Price
    inputChars: number
    outputTokens: number
    metadata?: Record<string, unknown>
  },
): Promise<Reservation> {
  const estimate = costOf(input.price, Math.ceil(input.inputChars / 4), input.outputTokens)
  const amount = Math.max(MIN_RESERVE, roundMicro(estimate * RESERVE_FACTOR))
  try {
    const entry = await charge(db, {
      organizationId: input.organizationId,
      userId: input.userId,
      amount,
      description: `${input.operation} (reserved)`,
      metadata: { type: 'ai_reservation', model: input.price.id, ...input.metadata },
      hold: input.operation,
    })
    return { ...input, amount, entry, settled: false }
  } catch (error) {
    if (error instanceof InsufficientCreditsError) throw new ReserveFailed(amount)
    throw error
  }
}

/** Token counts of a settled call, kept on the settlement row for the usage analytics. */
export interface SettledTokens {
  inputTokens: number
  outputTokens: number
}

/**
 * Settles a reservation against the real cost: refunds the difference or charges the overage.
 * Returns the net amount billed. An overage the balance cannot cover is dropped (the
 * reservation already ran, as in the cloud, which cannot take back a generated answer).
 * `tokens` go into the settlement row's metadata (sandbox/analytics/usage.ts reads them).
 */
export async function settle(
  db: Db,
  r: Reservation,
  actualUsd: number,
  tokens?: SettledTokens,
): Promise<number> {
  if (r.settled) return 0
  r.settled = true
  const actual = roundMicro(actualUsd)
  const diff = roundMicro(r.amount - actual)
  const base = {
    organizationId: r.organizationId,
    userId: r.userId,
    metadata: { type: 'ai_settlement', reservationId: r.entry.id, actualCost: actual, ...tokens },
    releases: r.entry.id,
  }
  if (diff > 0) {
    await credit(db, {
      ...base,
      amount: diff,
      type: 'refund',
      description: `${r.operation} (refund)`,
    })
  } else if (diff < 0) {
    try {
      await charge(db, { ...base, amount: -diff, description: `${r.operation} (overage)` })
    } catch (error) {
      if (!(error instanceof InsufficientCreditsError)) throw error
      await releaseHold(db, r.entry.id)
      return r.amount
    }
  } else {
    await releaseHold(db, r.entry.id)
  }
  return actual
}

/** Gives the whole reservation back (client abort, error before the answer). */
export async function refundAll(db: Db, r: Reservation): Promise<void> {
  if (r.settled) return
  r.settled = true
  await credit(db, {
    organizationId: r.organizationId,
    userId: r.userId,
    amount: r.amount,
    type: 'refund',
    description: `${r.operation} (refund)`,
    metadata: { type: 'ai_settlement', reservationId: r.entry.id, actualCost: 0 },
    releases: r.entry.id,
  })
}
