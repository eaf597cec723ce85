import { z } from 'zod/mini'

// Every amount is US dollars as a decimal number (billing.md "Money units").

/** GET /api/v1/credits/balance → { balance } (billing.md §1). */
export const balanceSchema = z.object({ balance: z.number() })
export type Balance = z.infer<typeof balanceSchema>

/** One ledger row; `amount` is negative for debits (billing.md §3). */
export const transactionSchema = z.object({
  id: z.string(),
  amount: z.number(),
  type: z.string(),
  description: z.catch(z.nullable(z.string()), null),
  created_at: z.string(),
  stripe_payment_intent_id: z.nullish(z.string()),
})
export type Transaction = z.infer<typeof transactionSchema>

/** GET /api/credits/transactions. `total` is the number of rows returned, not a grand total. */
export const transactionListSchema = z.pipe(
  z.object({
    transactions: z.array(transactionSchema),
    total: z.number(),
    period: z.optional(z.object({ start: z.string(), end: z.string() })),
  }),
  z.transform(({ transactions, period }) => ({
    transactions: transactions.map((t) => ({
      id: t.id,
      amount: t.amount,
      type: t.type,
      description: t.description,
      createdAt: t.created_at,
      isPurchase: Boolean(t.stripe_payment_intent_id),
    })),
    period,
  })),
)
export type TransactionList = z.infer<typeof transactionListSchema>
export type LedgerEntry = TransactionList['transactions'][number]

export type TransactionListParams = { limit: number; hours?: number }

/** GET /api/v1/credits/summary (billing.md §2); only the parts the console shows. */
export const summarySchema = z.object({
  organization: z.object({
    id: z.string(),
    name: z.string(),
    creditBalance: z.number(),
    autoTopUpEnabled: z.boolean(),
    autoTopUpThreshold: z.nullable(z.number()),
    autoTopUpAmount: z.nullable(z.number()),
    hasPaymentMethod: z.boolean(),
  }),
  agentsSummary: z.optional(
    z.object({
      total: z.number(),
      withBudget: z.number(),
      paused: z.number(),
    }),
  ),
  pricing: z.optional(
    z.object({
      creditsPerDollar: z.number(),
      minimumTopUp: z.number(),
      x402Enabled: z.boolean(),
    }),
  ),
})
export type CreditSummary = z.infer<typeof summarySchema>
