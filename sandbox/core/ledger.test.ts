// The credits ledger: atomic charges, no overdraft, no partial writes (docs/cloud/billing.md).
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { charge, credit, getBalance, InsufficientCreditsError, setBalance } from './ledger.ts'
import { SEED } from './seed.ts'
import { openTestSandbox, type TestSandbox, SANDBOX_TIMEOUTS } from './test-utils.ts'

vi.setConfig(SANDBOX_TIMEOUTS)

let sb: TestSandbox
beforeAll(async () => {
  sb = await openTestSandbox()
})
afterAll(() => sb.close())
beforeEach(() => sb.reset())

const org = SEED.organizationId
const balance = () => getBalance(sb.ctx.db, org)
const txCount = async () => {
  const { rows } = await sb.ctx.db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM credit_transactions',
  )
  return rows[0]?.n
}

describe('charge', () => {
  it('takes the amount and records a debit with the balance after it', async () => {
    const entry = await charge(sb.ctx.db, {
      organizationId: org,
      amount: 0.0042,
      description: 'Chat completion (reserved)',
      metadata: { model: 'openai/gpt-4o-mini' },
    })
    expect(entry).toMatchObject({
      organizationId: org,
      amount: -0.0042,
      type: 'debit',
      description: 'Chat completion (reserved)',
      metadata: { model: 'openai/gpt-4o-mini' },
      balanceAfter: 4.9958,
    })
    expect(await balance()).toBe(4.9958)
    expect(await txCount()).toBe(2)
  })

  it('rounds to 6 decimals and refuses amounts that are not positive', async () => {
    await charge(sb.ctx.db, { organizationId: org, amount: 0.1234567, description: 'x' })
    expect(await balance()).toBe(4.876543)
    for (const amount of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, 0.0000004]) {
      await expect(
        charge(sb.ctx.db, { organizationId: org, amount, description: 'x' }),
      ).rejects.toThrow(RangeError)
    }
  })

  it('fails with insufficient credits and writes nothing', async () => {
    await setBalance(sb.ctx.db, org, 0.01)
    const rows = await txCount()
    const attempt = charge(sb.ctx.db, {
      organizationId: org,
      amount: 0.010001,
      description: 'too much',
    })
    await expect(attempt).rejects.toBeInstanceOf(InsufficientCreditsError)
    await expect(attempt).rejects.toMatchObject({ required: 0.010001, balance: 0.01 })
    expect(await balance()).toBe(0.01)
    expect(await txCount()).toBe(rows)
    // Exactly the balance is allowed and leaves 0, never less.
    await charge(sb.ctx.db, { organizationId: org, amount: 0.01, description: 'all of it' })
    expect(await balance()).toBe(0)
  })

  it('rolls the balance back when the ledger row cannot be written', async () => {
    // A null description violates NOT NULL after the balance UPDATE has run.
    const broken = { organizationId: org, amount: 1, description: null as unknown as string }
    await expect(charge(sb.ctx.db, broken)).rejects.toThrow()
    expect(await balance()).toBe(5)
    expect(await txCount()).toBe(1)
  })

  it('keeps the balance exact under 50 parallel charges', async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        charge(sb.ctx.db, { organizationId: org, amount: 0.07, description: `parallel ${i}` }),
      ),
    )
    expect(results).toHaveLength(50)
    expect(await balance()).toBe(1.5)
    expect(await txCount()).toBe(51)
    const sum = await sb.ctx.db.query<{ s: string }>(
      'SELECT sum(amount) AS s FROM credit_transactions',
    )
    expect(Number(sum.rows[0]?.s)).toBe(1.5)
  })

  it('never overdraws when 50 parallel charges compete for too little money', async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        charge(sb.ctx.db, { organizationId: org, amount: 0.15, description: `race ${i}` }),
      ),
    )
    const ok = outcomes.filter((o) => o.status === 'fulfilled')
    const refused = outcomes.filter(
      (o) => o.status === 'rejected' && o.reason instanceof InsufficientCreditsError,
    )
    expect(ok).toHaveLength(33) // 33 × 0.15 = 4.95 ≤ 5.00 < 34 × 0.15
    expect(refused).toHaveLength(17)
    expect(await balance()).toBe(0.05)
    expect(await txCount()).toBe(34)
  })
})

describe('credit and setBalance', () => {
  it('credits and refunds add to the balance with their own type', async () => {
    await credit(sb.ctx.db, {
      organizationId: org,
      amount: 10,
      description: 'Balance top-up - $10.00',
    })
    const refund = await credit(sb.ctx.db, {
      organizationId: org,
      amount: 0.0011,
      type: 'refund',
      description: 'Chat completion (refund)',
    })
    expect(refund).toMatchObject({ type: 'refund', amount: 0.0011, balanceAfter: 15.0011 })
  })

  it('records an adjustment that explains the new balance', async () => {
    const down = await setBalance(sb.ctx.db, org, 1.25)
    expect(down).toMatchObject({ type: 'debit', amount: -3.75, balanceAfter: 1.25 })
    const up = await setBalance(sb.ctx.db, org, 2)
    expect(up).toMatchObject({ type: 'credit', amount: 0.75, balanceAfter: 2 })
    await expect(setBalance(sb.ctx.db, org, -1)).rejects.toThrow(RangeError)
    const sum = await sb.ctx.db.query<{ s: string }>(
      'SELECT sum(amount) AS s FROM credit_transactions',
    )
    expect(Number(sum.rows[0]?.s)).toBe(2)
  })
})
