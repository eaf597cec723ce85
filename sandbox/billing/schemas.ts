// Request and response shapes of the credits routes (docs/cloud/billing.md §1–§3): they document
// the routes in /api/openapi.json; validation is the handlers' own.
import { z } from 'zod'

export const balanceQuery = z.object({ fresh: z.enum(['true']).optional() })
export const balanceResult = z.object({ balance: z.number() })

export const transactionItem = z.object({
  id: z.string(),
  organization_id: z.string(),
  amount: z.number(),
  type: z.enum(['credit', 'debit', 'refund']),
  description: z.string(),
  metadata: z.record(z.string(), z.unknown()),
  stripe_payment_intent_id: z.string().nullable(),
  created_at: z.string(),
})
export const transactionsQuery = z.object({
  limit: z.string().optional().describe('Integer, default 100, no maximum'),
  hours: z
    .string()
    .optional()
    .describe('Integer; filters the newest `limit` rows to the last N hours'),
})
export const transactionsResult = z.object({
  transactions: z.array(transactionItem),
  total: z.number(),
  period: z.object({ start: z.string(), end: z.string() }),
})

/** E5: `{error}`. */
export const bareErrorBody = z.object({ error: z.string() })
