import { describe, expect, it } from 'vitest'
import { balanceSchema, summarySchema, transactionListSchema } from './schemas'

// Fixtures copied from docs/cloud/billing.md §1–§3.
describe('billing schemas', () => {
  it('parses the balance', () => {
    expect(balanceSchema.parse({ balance: 4.873215 })).toEqual({ balance: 4.873215 })
  })

  it('parses transactions and renames to our casing', () => {
    const parsed = transactionListSchema.parse({
      transactions: [
        {
          id: 'e1f2a3b4-c5d6-4e7f-8091-a2b3c4d5e6f7',
          organization_id: 'a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d',
          amount: 10,
          type: 'credit',
          description: 'Balance top-up - $10.00',
          metadata: { type: 'custom_amount' },
          stripe_payment_intent_id: 'pi_3Nabc',
          created_at: '2026-04-19T18:00:00.000Z',
        },
        {
          id: 'x',
          amount: -0.0936,
          type: 'debit',
          description: 'Image generation (reserved)',
          created_at: '2026-04-20T09:12:44.000Z',
        },
      ],
      total: 2,
      period: { start: '2026-04-19T18:00:00.000Z', end: '2026-04-20T09:30:00.000Z' },
    })
    expect(parsed.transactions).toEqual([
      {
        id: 'e1f2a3b4-c5d6-4e7f-8091-a2b3c4d5e6f7',
        amount: 10,
        type: 'credit',
        description: 'Balance top-up - $10.00',
        createdAt: '2026-04-19T18:00:00.000Z',
        isPurchase: true,
      },
      {
        id: 'x',
        amount: -0.0936,
        type: 'debit',
        description: 'Image generation (reserved)',
        createdAt: '2026-04-20T09:12:44.000Z',
        isPurchase: false,
      },
    ])
  })

  it('rejects a balance sent as text', () => {
    expect(balanceSchema.safeParse({ balance: '4.87' }).success).toBe(false)
  })

  it('parses the summary with auto top-up unset', () => {
    const parsed = summarySchema.parse({
      success: true,
      organization: {
        id: 'a0b1',
        name: 'Acme Labs',
        creditBalance: 4.873215,
        autoTopUpEnabled: false,
        autoTopUpThreshold: null,
        autoTopUpAmount: null,
        hasPaymentMethod: false,
      },
      agentsSummary: { total: 1, withBudget: 0, paused: 0, totalAllocated: 0 },
      pricing: { creditsPerDollar: 100, minimumTopUp: 5, x402Enabled: false },
    })
    expect(parsed.organization.name).toBe('Acme Labs')
    expect(parsed.pricing?.creditsPerDollar).toBe(100)
  })
})
