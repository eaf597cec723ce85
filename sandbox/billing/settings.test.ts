// Billing settings, auto top-up after a charge, the manual trigger (docs/cloud/billing.md §7) and the
// rate limits of the STANDARD and STRICT billing routes (docs/cloud/auth-errors-limits.md §3, E10).
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { saveSimulatedCard } from './payment-methods.ts'
import { charge, getBalance, InsufficientCreditsError, setBalance } from '../core/ledger.ts'
import { SEED } from '../core/seed.ts'
import {
  openTestSandbox,
  SANDBOX_TIMEOUTS,
  type TestSandbox,
  UNKNOWN_KEY,
} from '../core/test-utils.ts'

vi.setConfig(SANDBOX_TIMEOUTS)

let sb: TestSandbox
beforeAll(async () => {
  sb = await openTestSandbox()
})
afterAll(() => sb.close())
beforeEach(() => sb.reset())

const org = SEED.organizationId
const put = (body: unknown, key?: string | null) =>
  sb.call('/api/v1/billing/settings', {
    method: 'PUT',
    key,
    headers: { 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
const trigger = (key?: string | null) =>
  sb.call('/api/auto-top-up/trigger', { method: 'POST', key })
const spend = (amount: number) =>
  charge(sb.ctx.db, { organizationId: org, amount, description: 'Chat completion (reserved)' })
const balance = () => getBalance(sb.ctx.db, org)

/** What a completed checkout leaves behind: the simulated card. */
const saveCard = () => sb.ctx.db.transaction((tx) => saveSimulatedCard(tx, org, 'cus_test'))

async function enable(amount = 25, threshold = 5) {
  await saveCard()
  const res = await put({ autoTopUp: { enabled: true, amount, threshold } })
  expect(res.status).toBe(200)
}

async function ledger() {
  const { rows } = await sb.ctx.db.query<{ amount: string; description: string; type: string }>(
    `SELECT amount, description, type, metadata, stripe_payment_intent_id FROM credit_transactions
      WHERE organization_id = $1 ORDER BY created_at DESC`,
    [org],
  )
  return rows
}

describe('GET /api/v1/billing/settings', () => {
  it('returns zeros for never-set values and the limits', async () => {
    const res = await sb.call('/api/v1/billing/settings')
    expect(res.status).toBe(200)
    expect(res.headers.get('x-ratelimit-limit')).toBe('60')
    expect(await res.json()).toEqual({
      success: true,
      settings: {
        autoTopUp: { enabled: false, amount: 0, threshold: 0, hasPaymentMethod: false },
        payAsYouGoFromEarnings: true,
        limits: { minAmount: 1, maxAmount: 1000, minThreshold: 0, maxThreshold: 1000 },
      },
    })
  })

  it('answers any auth failure with 401 {"success":false,"error":"Unauthorized"}', async () => {
    for (const key of [UNKNOWN_KEY, null]) {
      const res = await sb.call('/api/v1/billing/settings', { key })
      expect(res.status).toBe(401)
      expect(await res.json()).toMatchObject({ success: false })
    }
    const handler = await sb.call('/api/v1/billing/settings', { key: UNKNOWN_KEY })
    expect(await handler.json()).toEqual({ success: false, error: 'Unauthorized' })
  })
})

describe('PUT /api/v1/billing/settings', () => {
  it('a boolean autoTopUp is a 400 with the zod tree', async () => {
    const res = await put({ autoTopUp: true, threshold: 100, amount: 1000 })
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({
      success: false,
      error: 'Invalid request data',
      details: {
        _errors: [],
        autoTopUp: { _errors: ['Invalid input: expected object, received boolean'] },
      },
    })
    const range = await put({ autoTopUp: { amount: 0.5, threshold: 1001 } })
    expect(range.status).toBe(400)
    expect((await range.json()).details.autoTopUp).toEqual({
      _errors: [],
      amount: { _errors: ['Too small: expected number to be >=1'] },
      threshold: { _errors: ['Too big: expected number to be <=1000'] },
    })
  })

  it('refuses to enable without a saved card', async () => {
    const res = await put({ autoTopUp: { enabled: true, amount: 25, threshold: 5 } })
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({
      success: false,
      error:
        'Cannot enable auto top-up without a default payment method. Please add a payment method first.',
    })
  })

  it('needs an amount to enable, stores 2 decimals and keeps never-set values null', async () => {
    await saveCard()
    const noAmount = await put({ autoTopUp: { enabled: true } })
    expect(noAmount.status).toBe(400)
    expect(await noAmount.json()).toEqual({
      success: false,
      error: 'Auto top-up amount must be at least $1',
    })
    const ok = await put({ autoTopUp: { amount: 25.456 } })
    expect(ok.status).toBe(200)
    expect(await ok.json()).toEqual({
      success: true,
      message: 'Billing settings updated successfully',
      settings: {
        autoTopUp: { enabled: false, amount: 25.46, threshold: 0, hasPaymentMethod: true },
        payAsYouGoFromEarnings: true,
      },
    })
    const summary = await (await sb.call('/api/v1/credits/summary')).json()
    expect(summary.organization).toMatchObject({
      autoTopUpEnabled: false,
      autoTopUpAmount: 25.46,
      autoTopUpThreshold: null,
      hasPaymentMethod: true,
    })
    const on = await put({
      autoTopUp: { enabled: true, threshold: 5 },
      payAsYouGoFromEarnings: false,
    })
    expect((await on.json()).settings).toEqual({
      autoTopUp: { enabled: true, amount: 25.46, threshold: 5, hasPaymentMethod: true },
      payAsYouGoFromEarnings: false,
    })
  })

  it('malformed JSON → 500 "Failed to update billing settings"', async () => {
    const res = await put('{nope')
    expect(res.status).toBe(500)
    expect(await res.json()).toEqual({ success: false, error: 'Failed to update billing settings' })
  })
})

describe('auto top-up after a charge', () => {
  it('fires when a charge takes the balance below the threshold, once', async () => {
    await enable(25, 5)
    await spend(1) // $4.00 < $5.00
    expect(await balance()).toBe(29)
    const [top, debit] = await ledger()
    expect(debit).toMatchObject({ amount: '-1.000000', type: 'debit' })
    expect(top).toMatchObject({
      amount: '25.000000',
      type: 'credit',
      description: 'Auto top-up - $25.00',
      metadata: { type: 'auto_top_up', payment_intent_id: expect.stringMatching(/^pi_/) },
      stripe_payment_intent_id: expect.stringMatching(/^pi_/),
    })
    // Above the threshold again: the next charge does not top up.
    await spend(1)
    expect(await balance()).toBe(28)
    const invoices = await (await sb.call('/api/invoices/list')).json()
    expect(invoices.invoices.map((i: { type: string }) => i.type)).toEqual(['auto_top_up'])
  })

  it('does nothing while disabled, above the threshold, or when the charge is refused', async () => {
    await spend(4.5)
    expect(await balance()).toBe(0.5)
    await enable(10, 0.25)
    await spend(0.2) // $0.30 ≥ $0.25
    expect(await balance()).toBeCloseTo(0.3, 6)
    await expect(spend(1)).rejects.toThrow(InsufficientCreditsError)
    expect(await balance()).toBeCloseTo(0.3, 6)
  })

  it('parallel charges that cross the threshold together top up once', async () => {
    await enable(20, 4.5)
    await Promise.all([spend(0.4), spend(0.4), spend(0.4)])
    expect(await balance()).toBeCloseTo(5 - 1.2 + 20, 6)
    const tops = (await ledger()).filter((r) => r.description.startsWith('Auto top-up'))
    expect(tops).toHaveLength(1)
  })
})

describe('POST /api/auto-top-up/trigger', () => {
  it('400 when not enabled', async () => {
    const res = await trigger()
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({
      error: 'Auto top-up is not enabled',
      message: 'Please enable auto top-up first',
    })
  })

  it('200 success:false above the threshold, charges below it', async () => {
    await enable(25, 5)
    const above = await trigger()
    expect(above.status).toBe(200)
    expect(await above.json()).toEqual({
      success: false,
      message: 'Balance ($5.00) is above threshold ($5.00). Auto top-up not needed.',
      currentBalance: 5,
      threshold: 5,
    })
    // setBalance is not a charge, so no hook: the trigger does the top-up.
    await setBalance(sb.ctx.db, org, 3.5)
    const charged = await trigger()
    expect(charged.status).toBe(200)
    expect(await charged.json()).toEqual({
      success: true,
      message: 'Auto top-up successful! Added $25.00',
      amount: 25,
      previousBalance: 3.5,
      newBalance: 28.5,
    })
    expect(await balance()).toBe(28.5)
  })

  it('a bad key is a 500 with the message; STRICT 10/min → 429 E10 with Retry-After', async () => {
    const bad = await trigger(UNKNOWN_KEY)
    expect(bad.status).toBe(500)
    expect(await bad.json()).toEqual({ error: 'Invalid or expired API key' })
    for (let i = 0; i < 10; i++) expect((await trigger()).status).toBe(400)
    const limited = await trigger()
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/)
    expect(await limited.json()).toEqual({
      success: false,
      error: 'Too many requests',
      code: 'rate_limit_exceeded',
      message: 'Rate limit exceeded. Maximum 10 requests per 60 seconds.',
      retryAfter: expect.any(Number),
    })
  })
})

describe('STANDARD routes', () => {
  it('settings answers 429 on the 61st request of a minute', async () => {
    for (let i = 0; i < 60; i++) {
      expect((await sb.call('/api/v1/billing/settings')).status).toBe(200)
    }
    const res = await sb.call('/api/v1/billing/settings')
    expect(res.status).toBe(429)
    expect(res.headers.get('x-ratelimit-remaining')).toBe('0')
    expect((await res.json()).message).toBe(
      'Rate limit exceeded. Maximum 60 requests per 60 seconds.',
    )
  })
})
