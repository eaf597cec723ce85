// Balance, summary and transactions against docs/cloud/billing.md §1–§3.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { charge } from '../core/ledger.ts'
import { SEED } from '../core/seed.ts'
import { openTestSandbox, type TestSandbox, SANDBOX_TIMEOUTS } from '../core/test-utils.ts'

vi.setConfig(SANDBOX_TIMEOUTS)

let sb: TestSandbox
beforeAll(async () => {
  sb = await openTestSandbox()
})
afterAll(() => sb.close())
beforeEach(() => sb.reset())

const spend = (amount: number, description = 'Chat completion: openai/gpt-4o-mini (reserved)') =>
  charge(sb.ctx.db, { organizationId: SEED.organizationId, amount, description })

/** Inserts a ledger row `hoursAgo` hours old, bypassing the balance (history only). */
const backdated = (hoursAgo: number, description: string) =>
  sb.ctx.db.query(
    `INSERT INTO credit_transactions (organization_id, amount, type, description, created_at)
     VALUES ($1, -0.01, 'debit', $2, now() - make_interval(hours => $3))`,
    [SEED.organizationId, description, hoursAgo],
  )

describe('GET /api/v1/credits/balance and /api/credits/balance', () => {
  it('returns the seeded $5.00 as a USD number on both paths', async () => {
    for (const path of ['/api/v1/credits/balance', '/api/credits/balance']) {
      const res = await sb.call(path)
      expect(res.status).toBe(200)
      expect(res.headers.get('cache-control')).toContain('no-store')
      expect(await res.json()).toEqual({ balance: 5 })
    }
  })

  it('serves the cached auth record without fresh=true and the DB with it', async () => {
    expect(await (await sb.call('/api/v1/credits/balance')).json()).toEqual({ balance: 5 })
    await spend(0.123456)
    // The cached record still says $5 (docs/cloud/billing.md §1)…
    expect(await (await sb.call('/api/credits/balance')).json()).toEqual({ balance: 5 })
    // …while fresh=true reads the database.
    for (const path of ['/api/v1/credits/balance?fresh=true', '/api/credits/balance?fresh=true']) {
      expect(await (await sb.call(path)).json()).toEqual({ balance: 4.876544 })
    }
  })

  it('answers another method with an empty 405', async () => {
    const res = await sb.call('/api/v1/credits/balance', { method: 'POST' })
    expect(res.status).toBe(405)
    expect(await res.text()).toBe('')
  })
})

describe('GET /api/v1/credits/summary', () => {
  it('has the documented shape, with every agent and pricing hints', async () => {
    const res = await sb.call('/api/v1/credits/summary')
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body).toMatchObject({
      success: true,
      organization: {
        id: SEED.organizationId,
        name: 'Sandbox Org',
        creditBalance: 5,
        autoTopUpEnabled: false,
        autoTopUpThreshold: null,
        autoTopUpAmount: null,
        hasPaymentMethod: false,
      },
      agentsSummary: { total: 3, withBudget: 0, paused: 0 },
      apps: [],
      earnings: { availableBalance: 0, breakdown: { miniapps: 0, agents: 0, mcps: 0 } },
      pricing: { creditsPerDollar: 100, minimumTopUp: 5, x402Enabled: false },
    })
    expect(body.agents).toHaveLength(3)
    expect(body.agents[0]).toEqual({
      id: SEED.agentIds[2],
      name: 'Pixel Muse',
      isPublic: false,
      monetizationEnabled: false,
      hasBudget: false,
      allocated: 0,
      spent: 0,
      available: 0,
      dailyLimit: null,
      dailySpent: 0,
      dailyRemaining: null,
      isPaused: false,
      pauseReason: null,
      totalEarnings: 0,
      totalRequests: 0,
    })
    expect(body.recentTransactions).toEqual([
      {
        id: expect.any(String),
        type: 'credit',
        amount: 5,
        description: 'Initial free credits',
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
      },
    ])
  })

  it('lists only the 10 newest transactions, newest first', async () => {
    for (let i = 1; i <= 12; i++) await spend(0.01, `op ${i}`)
    const body = await (await sb.call('/api/v1/credits/summary')).json()
    expect(body.recentTransactions).toHaveLength(10)
    expect(body.recentTransactions[0]).toMatchObject({
      description: 'op 12',
      amount: -0.01,
      type: 'debit',
    })
    expect(body.recentTransactions[9].description).toBe('op 3')
  })

  it('carries X-RateLimit-* (STANDARD, in-memory)', async () => {
    const res = await sb.call('/api/v1/credits/summary')
    expect(res.headers.get('x-ratelimit-limit')).toBe('60')
    expect(res.headers.get('x-ratelimit-remaining')).toBe('59')
    expect(res.headers.get('x-ratelimit-policy')).toBe('in-memory')
  })
})

describe('GET /api/credits/transactions', () => {
  it('returns rows as stored, newest first, with total and period', async () => {
    await spend(0.5, 'Image generation (1x): google/gemini-2.5-flash-image (reserved)')
    const res = await sb.call('/api/credits/transactions')
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body.total).toBe(2)
    expect(body.transactions[0]).toEqual({
      id: expect.any(String),
      organization_id: SEED.organizationId,
      amount: -0.5,
      type: 'debit',
      description: 'Image generation (1x): google/gemini-2.5-flash-image (reserved)',
      metadata: {},
      stripe_payment_intent_id: null,
      created_at: expect.any(String),
    })
    expect(body.transactions[1]).toMatchObject({ amount: 5, type: 'credit' })
    // Without `hours`, the period starts at the oldest returned row.
    expect(body.period.start).toBe(body.transactions[1].created_at)
    expect(Date.parse(body.period.end)).toBeGreaterThanOrEqual(Date.parse(body.period.start))
  })

  it('honours limit', async () => {
    for (let i = 1; i <= 5; i++) await spend(0.01, `op ${i}`)
    const body = await (await sb.call('/api/credits/transactions?limit=2')).json()
    expect(body.total).toBe(2)
    expect(body.transactions.map((t: { description: string }) => t.description)).toEqual([
      'op 5',
      'op 4',
    ])
  })

  it('filters to the last `hours` after taking the newest `limit` rows', async () => {
    await backdated(30, 'yesterday')
    await backdated(3, 'three hours ago')
    const before = Date.now()
    const body = await (await sb.call('/api/credits/transactions?hours=24')).json()
    expect(body.transactions.map((t: { description: string }) => t.description).sort()).toEqual([
      'Initial free credits',
      'three hours ago',
    ])
    const start = Date.parse(body.period.start)
    expect(start).toBeGreaterThanOrEqual(before - 24 * 3_600_000 - 1000)
    expect(start).toBeLessThanOrEqual(Date.now() - 24 * 3_600_000 + 1000)
    // `hours` never reaches beyond the `limit` window: limit=1 keeps only the newest row.
    const narrow = await (await sb.call('/api/credits/transactions?hours=48&limit=1')).json()
    expect(narrow.transactions).toHaveLength(1)
  })

  it('refuses a bad limit with a 400 (strict mode: the cloud 500), both bare messages (E5)', async () => {
    const res = await sb.call('/api/credits/transactions?limit=abc')
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({ error: expect.stringMatching(/^limit must be/) })
    sb.ctx.strict = true
    try {
      const strict = await sb.call('/api/credits/transactions?limit=abc')
      expect(strict.status).toBe(500)
      const body = await strict.json()
      expect(Object.keys(body)).toEqual(['error'])
      expect(typeof body.error).toBe('string')
    } finally {
      sb.ctx.strict = false
    }
  })
})
