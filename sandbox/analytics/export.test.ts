// Buckets, aggregates and CSV cells of the analytics export against docs/cloud/analytics.md §1.2–§1.5.
import { describe, expect, it } from 'vitest'
import { bucketStart, modelRows, providerRows, timeseriesRows, toCsv, userRows } from './export.ts'
import { type LedgerRow, recordsFromLedger, type UsageRecord } from './usage.ts'

const rec = (over: Partial<UsageRecord>): UsageRecord => ({
  userId: 'u1',
  type: 'chat',
  model: 'gpt-4o-mini',
  provider: 'openai',
  inputTokens: 10,
  outputTokens: 5,
  cost: 0.001,
  isSuccessful: true,
  createdAt: new Date('2026-04-18T10:30:00Z'),
  ...over,
})

describe('bucketStart (UTC date_trunc)', () => {
  const at = new Date('2026-04-18T10:30:45.123Z') // a Saturday
  it.each([
    ['hour', '2026-04-18T10:00:00.000Z'],
    ['day', '2026-04-18T00:00:00.000Z'],
    ['week', '2026-04-13T00:00:00.000Z'],
    ['month', '2026-04-01T00:00:00.000Z'],
  ] as const)('%s', (granularity, expected) => {
    expect(bucketStart(at, granularity).toISOString()).toBe(expected)
  })
  it('a Sunday belongs to the week of the Monday before it', () => {
    expect(bucketStart(new Date('2026-04-19T23:59:00Z'), 'week').toISOString()).toBe(
      '2026-04-13T00:00:00.000Z',
    )
  })
})

describe('aggregates', () => {
  const records = [
    rec({}),
    rec({ createdAt: new Date('2026-04-18T23:00:00Z'), cost: 0.002, isSuccessful: false }),
    rec({
      createdAt: new Date('2026-04-20T01:00:00Z'),
      model: 'google/gemini-2.5-flash-image',
      provider: 'google',
      type: 'image',
      inputTokens: 0,
      outputTokens: 0,
      cost: 0.05,
    }),
  ]
  it('time series: sparse ascending buckets with sums and success rate', () => {
    expect(timeseriesRows(records, 'day')).toEqual([
      {
        timestamp: '2026-04-18T00:00:00.000Z',
        requests: 2,
        cost: 0.003,
        inputTokens: 20,
        outputTokens: 10,
        successRate: 0.5,
      },
      {
        timestamp: '2026-04-20T00:00:00.000Z',
        requests: 1,
        cost: 0.05,
        inputTokens: 0,
        outputTokens: 0,
        successRate: 1,
      },
    ])
  })
  it('providers: by cost, with the share of the total in percent', () => {
    const rows = providerRows(records)
    expect(rows.map((r) => r.provider)).toEqual(['google', 'openai'])
    expect(rows[0]?.percentage).toBeCloseTo((0.05 / 0.053) * 100, 9)
    expect(rows[1]).toMatchObject({ requests: 2, tokens: 30, successRate: 0.5 })
    expect(providerRows([rec({ cost: 0 })])[0]?.percentage).toBe(0)
  })
  it('models: one row per (model, provider), cost a 6-decimal string, null model unknown', () => {
    const rows = modelRows([...records, rec({ model: null, provider: 'aws_ecs', cost: 0.5 })])
    expect(rows[0]).toMatchObject({ model: 'unknown', provider: 'aws_ecs', cost: '0.500000' })
    expect(rows[2]).toMatchObject({ model: 'gpt-4o-mini', cost: '0.003000', tokens: 30 })
    expect(rows[2]?.avgCostPerToken).toBeCloseTo(0.003 / 30, 12)
    expect(rows[1]?.avgCostPerToken).toBe(0)
  })
  it('users: records of unknown users or users without email are dropped', () => {
    const users = new Map([
      ['u1', { email: 'ada@example.com', name: null }],
      ['u2', { email: null, name: 'No Mail' }],
    ])
    const rows = userRows([...records, rec({ userId: 'u2' }), rec({ userId: 'gone' })], users)
    expect(rows).toEqual([
      {
        email: 'ada@example.com',
        name: 'Unknown',
        requests: 3,
        cost: 0.053,
        inputTokens: 20,
        outputTokens: 10,
        lastActive: '2026-04-20T01:00:00.000Z',
      },
    ])
  })
})

describe('CSV', () => {
  it('header, K/M counts, cost ÷ 100, percent, guarded and quoted cells', () => {
    const csv = toCsv(
      'models',
      [
        {
          model: '=cmd,"x"',
          provider: 'openai',
          requests: 2500000,
          cost: '350.000000',
          tokens: 1234,
          avgCostPerToken: 0.5,
          successRate: 0.985,
        },
      ],
      '2026-04-20T12:00:00.000Z',
      true,
    )
    expect(csv).toBe(
      [
        '# Generated: 2026-04-20T12:00:00.000Z',
        '# Total Records: 1',
        'Model,Provider,Total Requests,Total Cost (Credits),Total Tokens,Avg Cost/Token,Success Rate',
        `"'=cmd,""x""",openai,2.5M,3.50,1.2K,0.500000,98.5%`,
      ].join('\n'),
    )
  })
  it('no data: the comment line and the header only', () => {
    expect(toCsv('timeseries', [], 'T', true)).toBe(
      '# Generated: T\nTimestamp,Total Requests,Total Cost (Credits),Input Tokens,Output Tokens,Success Rate',
    )
  })
})

describe('recordsFromLedger', () => {
  let n = 0
  const row = (over: Partial<LedgerRow>): LedgerRow => ({
    id: `r${++n}`,
    user_id: 'u1',
    amount: '0',
    type: 'debit',
    description: '',
    metadata: {},
    created_at: new Date(Date.UTC(2026, 3, 18, 0, 0, n)),
    ...over,
  })
  it('a chat reservation and its settlement are one record at the settled cost and tokens', () => {
    const reservation = row({
      amount: '-0.003000',
      description: 'Chat completion: openai/gpt-4o-mini (reserved)',
      metadata: { type: 'ai_reservation', model: 'openai/gpt-4o-mini' },
    })
    const refund = row({
      amount: '0.002000',
      type: 'refund',
      description: 'Chat completion: openai/gpt-4o-mini (refund)',
      metadata: {
        type: 'ai_settlement',
        reservationId: reservation.id,
        actualCost: 0.001,
        inputTokens: 12,
        outputTokens: 7,
      },
    })
    expect(recordsFromLedger([reservation, refund])).toEqual([
      {
        userId: 'u1',
        type: 'chat',
        model: 'gpt-4o-mini',
        provider: 'openai',
        inputTokens: 12,
        outputTokens: 7,
        cost: 0.001,
        isSuccessful: true,
        createdAt: reservation.created_at,
      },
    ])
  })
  it('a chat refunded in full makes no record; a refunded image is a failure row', () => {
    const chat = row({
      amount: '-0.003000',
      description: 'Chat completion: openai/gpt-4o-mini (reserved)',
      metadata: { type: 'ai_reservation', model: 'openai/gpt-4o-mini' },
    })
    const chatBack = row({
      amount: '0.003000',
      type: 'refund',
      metadata: { type: 'ai_settlement', reservationId: chat.id, actualCost: 0 },
    })
    const image = row({
      amount: '-0.048000',
      description: 'Image generation (1x): google/gemini-2.5-flash-image (reserved)',
      metadata: { type: 'image_generation', model: 'google/gemini-2.5-flash-image' },
    })
    const imageBack = row({
      amount: '0.048000',
      type: 'refund',
      description: 'Image generation (1x): google/gemini-2.5-flash-image (refund)',
    })
    expect(recordsFromLedger([chat, chatBack, image, imageBack])).toEqual([
      expect.objectContaining({
        type: 'image',
        provider: 'google',
        model: 'google/gemini-2.5-flash-image',
        cost: 0,
        isSuccessful: false,
      }),
    ])
  })
  it('purchases, daily container billing, hosting and adjustments are not calls', () => {
    const rows = [
      row({ amount: '10', type: 'credit', description: 'Credit purchase' }),
      row({
        amount: '-0.67',
        description: 'Daily container billing: web',
        metadata: { type: 'container_billing' },
      }),
      row({
        amount: '-0.01',
        description: 'Agent hosting: x',
        metadata: { type: 'milady_hosting' },
      }),
      row({ amount: '-1', description: 'Sandbox balance adjustment' }),
      row({
        amount: '-0.5',
        description: 'Container deployment: web',
        metadata: { type: 'container_deployment' },
      }),
    ]
    expect(recordsFromLedger(rows)).toEqual([
      expect.objectContaining({ type: 'container', provider: 'aws_ecs', model: null, cost: 0.5 }),
    ])
  })
})
