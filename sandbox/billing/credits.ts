// Credits (docs/cloud/billing.md §1 balance, §2 summary, §3 transactions):
// GET /api/v1/credits/balance (and /api/credits/balance), /api/v1/credits/summary,
// /api/credits/transactions. Each route wraps auth failures in its own shape, as the cloud's
// handlers do.
import type { Context } from 'hono'
import { authenticate } from '../core/auth.ts'
import type { SandboxContext } from '../core/context.ts'
import { apiError, bare500, bareError, codeForStatus, methodNotAllowed } from '../core/errors.ts'
import { queryInt } from '../core/input-guard.ts'
import { getBalance } from '../core/ledger.ts'
import { PRESETS, rateLimit } from '../core/rate-limit.ts'
import { FamilyRoutes } from '../core/route.ts'
import {
  balanceQuery,
  balanceResult,
  bareErrorBody,
  transactionsQuery,
  transactionsResult,
} from './schemas.ts'

interface TransactionRow {
  id: string
  organization_id: string
  amount: string
  type: string
  description: string
  metadata: Record<string, unknown>
  stripe_payment_intent_id: string | null
  created_at: Date
}

interface OrganizationRow {
  id: string
  name: string
  auto_top_up_enabled: boolean
  auto_top_up_threshold: string | null
  auto_top_up_amount: string | null
  has_payment_method: boolean
}

interface AgentRow {
  id: string
  name: string
  is_public: boolean
  monetization_enabled: boolean
  total_creator_earnings: string
  total_inference_requests: number
}

const numberOrNull = (value: string | null) => (value === null ? null : Number(value))

export function creditsRoutes(ctx: SandboxContext): FamilyRoutes {
  const routes = new FamilyRoutes('billing')
  const { app } = routes
  const { db } = ctx

  // §1: both paths run the same handler. Without `fresh=true` the balance comes from the
  // cached auth record and may lag (docs/cloud/billing.md §1); auth failures are E2.
  const balance = {
    auth: 'key',
    summary: 'Organization balance in USD',
    note: 'docs/cloud/billing.md §1',
    query: balanceQuery,
    responses: {
      200: { description: 'The balance', schema: balanceResult },
      401: { description: 'Auth failure (E2)' },
      403: { description: 'Account state (E2)' },
    },
    handler: async (c: Context) => {
      const result = await authenticate(c.req.raw, db, ctx.balanceCache)
      if (!result.ok) return apiError(result.status, result.message, codeForStatus(result.status))
      const fresh = c.req.query('fresh') === 'true'
      const balance = fresh
        ? await getBalance(db, result.auth.organizationId)
        : result.auth.cachedBalance
      return c.json({ balance }, 200, { 'Cache-Control': 'no-store, no-cache, must-revalidate' })
    },
  } as const
  routes.route({ method: 'get', path: '/api/v1/credits/balance', ...balance })
  app.all('/api/v1/credits/balance', () => methodNotAllowed(['GET', 'OPTIONS']))
  routes.route({ method: 'get', path: '/api/credits/balance', ...balance })
  app.all('/api/credits/balance', () => methodNotAllowed(['GET', 'OPTIONS']))

  // §2: STANDARD rate limit; auth failures are not caught → bare 500 (docs/cloud/auth-errors-limits.md E9).
  routes.route({
    method: 'get',
    path: '/api/v1/credits/summary',
    auth: 'key',
    summary: 'Organization, agents, apps, earnings, recent transactions and pricing hints',
    note: 'docs/cloud/billing.md §2',
    responses: {
      200: { description: 'The summary' },
      429: { description: 'Rate limited (E10)' },
      500: { description: 'Auth failure: bare, empty 500 (E9)' },
    },
    use: [rateLimit(ctx.limiter, PRESETS.STANDARD)],
    handler: async (c) => {
      const result = await authenticate(c.req.raw, db, ctx.balanceCache)
      if (!result.ok) return bare500()
      const orgId = result.auth.organizationId
      const [org, agents, recent] = await Promise.all([
        db.query<OrganizationRow>(
          `SELECT id, name, auto_top_up_enabled, auto_top_up_threshold, auto_top_up_amount,
                has_payment_method
           FROM organizations WHERE id = $1`,
          [orgId],
        ),
        db.query<AgentRow>(
          `SELECT id, name, is_public, monetization_enabled, total_creator_earnings,
                total_inference_requests
           FROM user_characters WHERE organization_id = $1 ORDER BY created_at DESC`,
          [orgId],
        ),
        db.query<TransactionRow>(
          `SELECT id, type, amount, description, created_at FROM credit_transactions
          WHERE organization_id = $1 ORDER BY created_at DESC, id DESC LIMIT 10`,
          [orgId],
        ),
      ])
      const o = org.rows[0]
      if (!o) return bare500()
      // No agent budgets yet: every budget field is 0/null, as for an agent without a budget.
      const agentItems = agents.rows.map((a) => ({
        id: a.id,
        name: a.name,
        isPublic: a.is_public,
        monetizationEnabled: a.monetization_enabled,
        hasBudget: false,
        allocated: 0,
        spent: 0,
        available: 0,
        dailyLimit: null,
        dailySpent: 0,
        dailyRemaining: null,
        isPaused: false,
        pauseReason: null,
        totalEarnings: Number(a.total_creator_earnings),
        totalRequests: a.total_inference_requests,
      }))
      return c.json({
        success: true,
        organization: {
          id: o.id,
          name: o.name,
          // From the cached auth record, like the balance without `fresh` (docs/cloud/billing.md §2).
          creditBalance: result.auth.cachedBalance,
          autoTopUpEnabled: o.auto_top_up_enabled,
          autoTopUpThreshold: numberOrNull(o.auto_top_up_threshold),
          autoTopUpAmount: numberOrNull(o.auto_top_up_amount),
          hasPaymentMethod: o.has_payment_method,
        },
        agents: agentItems,
        agentsSummary: {
          total: agentItems.length,
          withBudget: 0,
          paused: 0,
          totalAllocated: 0,
          totalSpent: 0,
          totalAvailable: 0,
        },
        apps: [],
        earnings: {
          availableBalance: 0,
          totalEarned: 0,
          totalRedeemed: 0,
          totalPending: 0,
          breakdown: { miniapps: 0, agents: 0, mcps: 0 },
        },
        recentTransactions: recent.rows.map((t) => ({
          id: t.id,
          type: t.type,
          amount: Number(t.amount),
          description: t.description,
          createdAt: t.created_at.toISOString(),
        })),
        // minimumTopUp is advertised but not enforced anywhere (docs/cloud/billing.md §2).
        pricing: { creditsPerDollar: 100, minimumTopUp: 5, x402Enabled: false },
      })
    },
  })
  app.all('/api/v1/credits/summary', () => methodNotAllowed(['GET', 'OPTIONS']))

  // §3: STANDARD rate limit; every failure, auth included, is a 500 with E5's bare string.
  // The newest `limit` rows are read first and only then filtered to the last `hours`.
  routes.route({
    method: 'get',
    path: '/api/credits/transactions',
    auth: 'key',
    summary: 'Newest ledger rows (limit, then hours)',
    note: 'docs/cloud/billing.md §3',
    query: transactionsQuery,
    responses: {
      200: { description: 'Rows, newest first', schema: transactionsResult },
      429: { description: 'Rate limited (E10)' },
      500: { description: 'Every failure, auth included (E5)', schema: bareErrorBody },
    },
    use: [rateLimit(ctx.limiter, PRESETS.STANDARD)],
    handler: async (c) => {
      try {
        const result = await authenticate(c.req.raw, db, ctx.balanceCache)
        if (!result.ok) return bareError(500, result.message)
        // The cloud parses with parseInt: `limit=abc` → NaN → the query fails → 500. Outside strict
        // mode a bad value is a 400 instead (docs/sandbox.md §Bad input).
        if (!ctx.strict) {
          // `limit` has no maximum; `hours` stops where the date would leave the calendar.
          for (const [name, max] of [
            ['limit', Number.MAX_SAFE_INTEGER],
            ['hours', 1_000_000],
          ] as const) {
            const checked = queryInt(c.req.query(name), name, { max })
            if ('error' in checked) return bareError(400, checked.error)
          }
        }
        const limit = Number.parseInt(c.req.query('limit') ?? '100', 10)
        const hoursParam = c.req.query('hours')
        const hours = hoursParam === undefined ? undefined : Number.parseInt(hoursParam, 10)
        const { rows } = await db.query<TransactionRow>(
          `SELECT id, organization_id, amount, type, description, metadata, stripe_payment_intent_id,
                created_at
           FROM credit_transactions WHERE organization_id = $1
          ORDER BY created_at DESC, id DESC LIMIT $2`,
          [result.auth.organizationId, Number.isNaN(limit) ? 'NaN' : limit],
        )
        const now = new Date()
        const since = hours ? new Date(now.getTime() - hours * 3_600_000) : undefined
        const transactions = (since ? rows.filter((t) => t.created_at >= since) : rows).map(
          (t) => ({
            id: t.id,
            organization_id: t.organization_id,
            amount: Number(t.amount),
            type: t.type,
            description: t.description,
            metadata: t.metadata,
            stripe_payment_intent_id: t.stripe_payment_intent_id,
            created_at: t.created_at.toISOString(),
          }),
        )
        const oldest = transactions.at(-1)?.created_at
        return c.json({
          transactions,
          total: transactions.length,
          period: {
            start: since?.toISOString() ?? oldest ?? now.toISOString(),
            end: now.toISOString(),
          },
        })
      } catch (error) {
        return bareError(500, error instanceof Error ? error.message : String(error))
      }
    },
  })
  app.all('/api/credits/transactions', () => methodNotAllowed(['GET', 'OPTIONS']))

  return routes
}
