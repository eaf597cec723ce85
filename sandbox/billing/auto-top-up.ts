// Billing settings and auto top-up (docs/cloud/billing.md §7). The cloud charges the saved card from a job
// every 15 minutes for each organization below its threshold; the sandbox runs the same check
// right after every committed charge (ledger.ts after-charge hook), so a test or a demo sees the
// top-up at once. The card is the simulated one a completed checkout saves (payment-methods.ts).
import type { Context } from 'hono'
import { z } from 'zod'
import { authenticate } from '../core/auth.ts'
import type { SandboxContext } from '../core/context.ts'
import type { Db, Queryable } from '../core/db/client.ts'
import { bareError, flagError, methodNotAllowed } from '../core/errors.ts'
import { creditWithin, setAfterChargeHook } from '../core/ledger.ts'
import { FamilyRoutes } from '../core/route.ts'
import { PRESETS, rateLimit } from '../core/rate-limit.ts'
import { usd } from './html.ts'
import { paymentIntentId } from './ids.ts'
import { insertInvoice } from './invoices.ts'
import { defaultCard } from './payment-methods.ts'

export const AUTO_TOP_UP_LIMITS = {
  minAmount: 1,
  maxAmount: 1000,
  minThreshold: 0,
  maxThreshold: 1000,
}

/** PUT body: every field optional; `autoTopUp` is an object, a boolean is a 400 (docs/cloud/billing.md §7). */
export const billingSettingsBody = z.object({
  autoTopUp: z
    .object({
      enabled: z.boolean().optional(),
      amount: z
        .number()
        .min(AUTO_TOP_UP_LIMITS.minAmount)
        .max(AUTO_TOP_UP_LIMITS.maxAmount)
        .optional(),
      threshold: z
        .number()
        .min(AUTO_TOP_UP_LIMITS.minThreshold)
        .max(AUTO_TOP_UP_LIMITS.maxThreshold)
        .optional(),
    })
    .optional(),
  payAsYouGoFromEarnings: z.boolean().optional(),
})

const autoTopUpSettings = z.object({
  enabled: z.boolean(),
  amount: z.number(),
  threshold: z.number(),
  hasPaymentMethod: z.boolean(),
})

interface OrgSettingsRow {
  name: string
  credit_balance: string
  auto_top_up_enabled: boolean
  auto_top_up_amount: string | null
  auto_top_up_threshold: string | null
  pay_as_you_go_from_earnings: boolean
  has_payment_method: boolean
}

async function readOrgSettings(q: Queryable, organizationId: string, lock = false) {
  const { rows } = await q.query<OrgSettingsRow>(
    `SELECT name, credit_balance, auto_top_up_enabled, auto_top_up_amount, auto_top_up_threshold,
            pay_as_you_go_from_earnings, has_payment_method
       FROM organizations WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
    [organizationId],
  )
  const row = rows[0]
  if (!row) throw new Error('Organization not found')
  return row
}

// amount/threshold are 0 when never set (docs/cloud/billing.md §7).
const settingsOf = (row: OrgSettingsRow) => ({
  autoTopUp: {
    enabled: row.auto_top_up_enabled,
    amount: Number(row.auto_top_up_amount ?? 0),
    threshold: Number(row.auto_top_up_threshold ?? 0),
    hasPaymentMethod: row.has_payment_method,
  },
  payAsYouGoFromEarnings: row.pay_as_you_go_from_earnings,
})

/** The service's validateSettings messages (docs/cloud/billing.md §7). */
function settingsProblem(amount: number, threshold: number): string | null {
  const { minAmount, maxAmount, minThreshold, maxThreshold } = AUTO_TOP_UP_LIMITS
  if (amount < minAmount) return `Auto top-up amount must be at least $${minAmount}`
  if (amount > maxAmount) return `Auto top-up amount cannot exceed $${maxAmount}`
  if (threshold < minThreshold) return `Auto top-up threshold must be at least $${minThreshold}`
  if (threshold > maxThreshold) return `Auto top-up threshold cannot exceed $${maxThreshold}`
  return null
}

export type TopUpOutcome =
  | { kind: 'charged'; amount: number; previousBalance: number; newBalance: number }
  | { kind: 'not_needed'; balance: number; threshold: number }
  | { kind: 'not_enabled' }
  | { kind: 'failed'; error: string }

/**
 * One auto top-up: charges the simulated card `amount` when the balance is below `threshold`,
 * in one transaction with the organization row locked, so two charges crossing the threshold
 * together top up once. The ledger row and invoice are what the cloud's payment_intent.succeeded
 * webhook writes (`Auto top-up - $X.XX`, type `auto_top_up`).
 */
export async function runAutoTopUp(db: Db, organizationId: string): Promise<TopUpOutcome> {
  return db.transaction(async (tx) => {
    const org = await readOrgSettings(tx, organizationId, true)
    if (!org.auto_top_up_enabled) return { kind: 'not_enabled' }
    const balance = Number(org.credit_balance)
    const threshold = Number(org.auto_top_up_threshold ?? 0)
    if (!(balance < threshold)) return { kind: 'not_needed', balance, threshold }
    const amount = Number(org.auto_top_up_amount ?? 0)
    const card = await defaultCard(tx, organizationId)
    // A failed charge disables auto top-up (docs/cloud/billing.md §7; auto-top-up service).
    const failure = !card
      ? 'Missing default payment method'
      : amount <= 0 || amount > AUTO_TOP_UP_LIMITS.maxAmount
        ? 'Invalid top-up amount'
        : null
    if (failure || !card) {
      await tx.query(
        'UPDATE organizations SET auto_top_up_enabled = false, updated_at = now() WHERE id = $1',
        [organizationId],
      )
      return { kind: 'failed', error: failure ?? 'Missing default payment method' }
    }
    const intent = paymentIntentId()
    const entry = await creditWithin(tx, {
      organizationId,
      amount,
      description: `Auto top-up - ${usd(amount)}`,
      metadata: { type: 'auto_top_up', payment_intent_id: intent },
      stripePaymentIntentId: intent,
    })
    // A direct payment has no Stripe invoice; the cloud records `pi_` + the intent id.
    await insertInvoice(tx, {
      organizationId,
      stripeInvoiceId: `pi_${intent}`,
      stripeCustomerId: card.customerId,
      stripePaymentIntentId: intent,
      amount,
      invoiceType: 'auto_top_up',
      creditsAdded: amount,
      metadata: { type: 'auto_top_up' },
    })
    return { kind: 'charged', amount, previousBalance: balance, newBalance: entry.balanceAfter }
  })
}

async function readJson(c: Context): Promise<{ ok: true; value: unknown } | { ok: false }> {
  try {
    return { ok: true, value: await c.req.json() }
  } catch {
    return { ok: false }
  }
}

const round2 = (n: number) => Math.round(n * 100) / 100

export function autoTopUpRoutes(ctx: SandboxContext): FamilyRoutes {
  const routes = new FamilyRoutes('billing')
  const { app } = routes
  const { db } = ctx

  // Auto top-up after each committed debit on this sandbox's database. Without a threshold
  // crossing (or with auto top-up off) it writes nothing.
  setAfterChargeHook(db, async (hookDb, entry) => {
    // A cheap read first: most charges happen with auto top-up off or well above the threshold.
    const { rows } = await hookDb.query<{ due: boolean }>(
      `SELECT auto_top_up_enabled AND credit_balance < auto_top_up_threshold AS due
         FROM organizations WHERE id = $1`,
      [entry.organizationId],
    )
    if (rows[0]?.due) await runAutoTopUp(hookDb, entry.organizationId)
  })

  const unauthorized = () => flagError(401, 'Unauthorized')

  routes.route({
    method: 'get',
    path: '/api/v1/billing/settings',
    auth: 'key',
    summary: 'Auto top-up and pay-as-you-go settings',
    note: 'docs/cloud/billing.md §7',
    responses: {
      200: {
        description: 'Settings with limits',
        schema: z.object({
          success: z.literal(true),
          settings: z.object({
            autoTopUp: autoTopUpSettings,
            payAsYouGoFromEarnings: z.boolean(),
            limits: z.object({
              minAmount: z.number(),
              maxAmount: z.number(),
              minThreshold: z.number(),
              maxThreshold: z.number(),
            }),
          }),
        }),
      },
      401: { description: '{"success":false,"error":"Unauthorized"} for any auth failure' },
      429: { description: 'Rate limited (E10)' },
    },
    use: [rateLimit(ctx.limiter, PRESETS.STANDARD)],
    handler: async (c) => {
      try {
        const result = await authenticate(c.req.raw, db, ctx.balanceCache)
        if (!result.ok) return unauthorized()
        const org = await readOrgSettings(db, result.auth.organizationId)
        return c.json({
          success: true,
          settings: { ...settingsOf(org), limits: AUTO_TOP_UP_LIMITS },
        })
      } catch {
        return flagError(500, 'Failed to get billing settings')
      }
    },
  })

  routes.route({
    method: 'put',
    path: '/api/v1/billing/settings',
    auth: 'key',
    summary: 'Update auto top-up (needs a saved card to enable) and pay-as-you-go',
    note: 'docs/cloud/billing.md §7',
    body: billingSettingsBody,
    responses: {
      200: {
        description: 'Updated settings (no limits)',
        schema: z.object({
          success: z.literal(true),
          message: z.string(),
          settings: z.object({ autoTopUp: autoTopUpSettings, payAsYouGoFromEarnings: z.boolean() }),
        }),
      },
      400: { description: 'Invalid body (zod tree), no payment method, amount out of range (E6)' },
      401: { description: '{"success":false,"error":"Unauthorized"}' },
      429: { description: 'Rate limited (E10)' },
      500: { description: 'Malformed JSON: "Failed to update billing settings"' },
    },
    use: [rateLimit(ctx.limiter, PRESETS.STANDARD)],
    handler: async (c) => {
      try {
        const result = await authenticate(c.req.raw, db, ctx.balanceCache)
        if (!result.ok) return unauthorized()
        const json = await readJson(c)
        if (!json.ok) return flagError(500, 'Failed to update billing settings')
        const parsed = billingSettingsBody.safeParse(json.value)
        if (!parsed.success) {
          return flagError(400, 'Invalid request data', { details: z.formatError(parsed.error) })
        }
        const orgId = result.auth.organizationId
        const { autoTopUp, payAsYouGoFromEarnings } = parsed.data
        const current = await readOrgSettings(db, orgId)
        if (autoTopUp) {
          if (autoTopUp.enabled === true && !current.has_payment_method) {
            return flagError(
              400,
              'Cannot enable auto top-up without a default payment method. Please add a payment method first.',
            )
          }
          const enabled = autoTopUp.enabled ?? current.auto_top_up_enabled
          const amount = round2(autoTopUp.amount ?? Number(current.auto_top_up_amount ?? 0))
          const threshold = round2(
            autoTopUp.threshold ?? Number(current.auto_top_up_threshold ?? 0),
          )
          const problem = enabled ? settingsProblem(amount, threshold) : null
          if (problem) return flagError(400, problem)
          // Only given values are stored, so the summary keeps null for never-set ones (§2).
          await db.query(
            `UPDATE organizations
              SET auto_top_up_enabled = $2,
                  auto_top_up_amount = COALESCE($3::numeric, auto_top_up_amount),
                  auto_top_up_threshold = COALESCE($4::numeric, auto_top_up_threshold),
                  updated_at = now()
            WHERE id = $1`,
            [
              orgId,
              enabled,
              autoTopUp.amount === undefined ? null : amount.toFixed(2),
              autoTopUp.threshold === undefined ? null : threshold.toFixed(2),
            ],
          )
        }
        if (payAsYouGoFromEarnings !== undefined) {
          await db.query(
            'UPDATE organizations SET pay_as_you_go_from_earnings = $2, updated_at = now() WHERE id = $1',
            [orgId, payAsYouGoFromEarnings],
          )
        }
        const updated = await readOrgSettings(db, orgId)
        return c.json({
          success: true,
          message: 'Billing settings updated successfully',
          settings: settingsOf(updated),
        })
      } catch {
        return flagError(500, 'Failed to update billing settings')
      }
    },
  })
  app.all('/api/v1/billing/settings', () => methodNotAllowed(['GET', 'PUT', 'OPTIONS']))

  // STRICT 10/min; no body; any exception (auth included) → 500 {"error": message}.
  routes.route({
    method: 'post',
    path: '/api/auto-top-up/trigger',
    auth: 'key',
    summary: 'Run auto top-up now if the balance is below the threshold',
    note: 'docs/cloud/billing.md §7',
    responses: {
      200: {
        description: 'Charged, or {success:false} when the balance is not below the threshold',
      },
      400: { description: 'Not enabled, or the charge failed' },
      429: { description: 'Rate limited (E10, STRICT 10/min)' },
      500: { description: 'Any exception, auth included: {"error": message}' },
    },
    use: [rateLimit(ctx.limiter, PRESETS.STRICT)],
    handler: async (c) => {
      try {
        const result = await authenticate(c.req.raw, db, ctx.balanceCache)
        if (!result.ok) return bareError(500, result.message)
        const outcome = await runAutoTopUp(db, result.auth.organizationId)
        switch (outcome.kind) {
          case 'not_enabled':
            return c.json(
              { error: 'Auto top-up is not enabled', message: 'Please enable auto top-up first' },
              400,
            )
          case 'not_needed':
            return c.json({
              success: false,
              message: `Balance (${usd(outcome.balance)}) is above threshold (${usd(outcome.threshold)}). Auto top-up not needed.`,
              currentBalance: outcome.balance,
              threshold: outcome.threshold,
            })
          case 'failed':
            return c.json(
              {
                success: false,
                error: outcome.error,
                message: 'Please check your payment method and try again',
              },
              400,
            )
          case 'charged':
            return c.json({
              success: true,
              message: `Auto top-up successful! Added ${usd(outcome.amount)}`,
              amount: outcome.amount,
              previousBalance: outcome.previousBalance,
              newBalance: outcome.newBalance,
            })
        }
      } catch (error) {
        return bareError(500, error instanceof Error ? error.message : String(error))
      }
    },
  })
  app.all('/api/auto-top-up/trigger', () => methodNotAllowed(['POST', 'OPTIONS']))

  return routes
}
