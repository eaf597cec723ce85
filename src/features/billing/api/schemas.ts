import { z } from 'zod/mini'

// Every amount is US dollars as a decimal number (docs/cloud/billing.md "Money units").

/** GET /api/v1/credits/balance → { balance } (docs/cloud/billing.md §1). */
export const balanceSchema = z.object({ balance: z.number() })
export type Balance = z.infer<typeof balanceSchema>

/** One ledger row; `amount` is negative for debits (docs/cloud/billing.md §3). */
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

/** One agent's budget and earnings in the summary (docs/billing.md §Summary). */
export const agentBudgetSchema = z.object({
  id: z.string(),
  name: z.string(),
  hasBudget: z.boolean(),
  allocated: z.number(),
  spent: z.number(),
  available: z.number(),
  dailyLimit: z.nullable(z.number()),
  dailySpent: z.number(),
  isPaused: z.boolean(),
  pauseReason: z.nullish(z.string()),
  totalEarnings: z.number(),
  totalRequests: z.number(),
})
export type AgentBudget = z.infer<typeof agentBudgetSchema>

/** GET /api/v1/credits/summary (docs/cloud/billing.md §2); only the parts the console shows. */
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
  agents: z.catch(z.array(agentBudgetSchema), []),
  earnings: z.optional(
    z.object({
      availableBalance: z.number(),
      totalEarned: z.number(),
      totalRedeemed: z.number(),
      totalPending: z.number(),
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

/** The server's range for a checkout amount in USD (docs/billing.md §Checkout). */
export const CHECKOUT_LIMITS = { min: 1, max: 1000 } as const

/** The Amount field of "Add credits": USD with at most two decimals, within the server's range. */
export const checkoutAmountInput = z.number().check(
  z.refine((n) => Number.isFinite(n), 'Enter an amount in US dollars.'),
  z.minimum(CHECKOUT_LIMITS.min, `The smallest amount is $${CHECKOUT_LIMITS.min}.`),
  z.maximum(
    CHECKOUT_LIMITS.max,
    `The largest amount is $${CHECKOUT_LIMITS.max.toLocaleString('en-US')}.`,
  ),
  z.refine(
    (n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6,
    'Use at most two decimals (cents).',
  ),
)

/** POST /api/v1/credits/checkout → the page to open (docs/billing.md §Checkout). */
export const checkoutResponseSchema = z.object({ url: z.string(), sessionId: z.string() })
export type CheckoutBody = { credits: number; success_url: string; cancel_url: string }

/**
 * GET /api/v1/credits/verify: paid → `{success:true, amount}`; unpaid and wrong type are 200s
 * with `success:false` (docs/billing.md §Verify).
 */
export const verifySchema = z.object({
  success: z.boolean(),
  amount: z.optional(z.number()),
  error: z.optional(z.string()),
  status: z.optional(z.string()),
})
export type VerifyResult = z.infer<typeof verifySchema>

/** GET /api/v1/billing/settings (docs/billing.md §Auto top-up). */
export const billingSettingsSchema = z.pipe(
  z.object({
    settings: z.object({
      autoTopUp: z.object({
        enabled: z.boolean(),
        amount: z.number(),
        threshold: z.number(),
        hasPaymentMethod: z.boolean(),
      }),
      limits: z.object({
        minAmount: z.number(),
        maxAmount: z.number(),
        minThreshold: z.number(),
        maxThreshold: z.number(),
      }),
    }),
  }),
  z.transform(({ settings }) => settings),
)
export type BillingSettings = z.infer<typeof billingSettingsSchema>
export type BillingLimits = BillingSettings['limits']

/** The auto top-up form, checked against the limits the server itself reports. */
export function autoTopUpInput(limits: BillingLimits) {
  const usd = (min: number, max: number, what: string) =>
    z.number().check(
      z.refine((n) => Number.isFinite(n), `Enter the ${what} in US dollars.`),
      z.minimum(min, `The ${what} must be at least $${min}.`),
      z.maximum(max, `The ${what} cannot exceed $${max}.`),
    )
  return z.object({
    enabled: z.boolean(),
    amount: usd(limits.minAmount, limits.maxAmount, 'amount'),
    threshold: usd(limits.minThreshold, limits.maxThreshold, 'threshold'),
  })
}
export type AutoTopUpValues = { enabled: boolean; amount: number; threshold: number }
