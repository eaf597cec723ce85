import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import {
  filterLedger,
  flattenGroups,
  groupLedger,
  ledgerCsvRecords,
  withBalanceAfter,
  type LedgerFilters,
} from './ledger'
import type { LedgerEntry } from './schemas'

const entry = (
  id: string,
  amount: number,
  type: string,
  description: string | null,
  createdAt: string,
): LedgerEntry => ({ id, amount, type, description, createdAt, isPurchase: false })

// Newest first, as GET /api/credits/transactions returns them (docs/billing.md §Ledger).
const ENTRIES: LedgerEntry[] = [
  entry(
    'f',
    -0.002,
    'debit',
    'Chat completion: openai/gpt-4o-mini (overage)',
    '2026-04-20T10:00:05Z',
  ),
  entry(
    'e',
    -0.01,
    'debit',
    'Chat completion: openai/gpt-4o-mini (reserved)',
    '2026-04-20T10:00:00Z',
  ),
  entry('d', 0.0036, 'refund', 'Image generation (1x): g (refund)', '2026-04-20T09:12:50Z'),
  entry('c', 10, 'credit', 'Balance top-up - $10.00', '2026-04-19T18:00:00Z'),
  entry('b', -0.0936, 'debit', 'Image generation (1x): g (reserved)', '2026-04-19T09:12:44Z'),
  entry('a', 5, 'credit', 'Initial free credits', '2026-04-01T00:00:00Z'),
]
const NONE: LedgerFilters = { type: 'all', from: '', to: '', q: '' }

describe('withBalanceAfter', () => {
  it('walks back from the current balance', () => {
    const rows = withBalanceAfter(ENTRIES, 14.898)
    expect(rows.map((r) => r.balanceAfter)).toEqual([14.898, 14.9, 14.91, 14.9064, 4.9064, 5])
  })
})

describe('groupLedger', () => {
  const groups = groupLedger(withBalanceAfter(ENTRIES, 14.898))

  it('puts each settle row under the reservation it settles, newest group first', () => {
    expect(groups.map((g) => [g.id, g.settles.map((s) => s.id)])).toEqual([
      ['e', ['f']],
      ['c', []],
      ['b', ['d']],
      ['a', []],
    ])
    expect(groups[0]?.net).toBe(-0.012)
    expect(groups[2]?.net).toBe(-0.09)
  })

  it('leaves a settle row with no reservation in the window on its own', () => {
    const lone = groupLedger(withBalanceAfter(ENTRIES.slice(0, 3), 14.898))
    expect(lone.map((g) => g.id)).toEqual(['e', 'd'])
  })

  it('flattens heads then their settle rows', () => {
    expect(flattenGroups(groups).map((r) => [r.row.id, r.isSettle])).toEqual([
      ['e', false],
      ['f', true],
      ['c', false],
      ['b', false],
      ['d', true],
      ['a', false],
    ])
  })
})

describe('filterLedger', () => {
  const groups = groupLedger(withBalanceAfter(ENTRIES, 14.898))
  const ids = (f: Partial<LedgerFilters>) =>
    filterLedger(groups, { ...NONE, ...f }).map((g) => g.id)

  it('keeps everything without filters', () => {
    expect(ids({})).toEqual(['e', 'c', 'b', 'a'])
  })
  it('matches a type on any row of the operation', () => {
    expect(ids({ type: 'refund' })).toEqual(['b'])
    expect(ids({ type: 'credit' })).toEqual(['c', 'a'])
  })
  it('matches text case-insensitively', () => {
    expect(ids({ q: 'IMAGE' })).toEqual(['b'])
  })
  it('takes inclusive local dates', () => {
    const day = new Date('2026-04-19T18:00:00Z')
    const local = `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`
    expect(ids({ from: local, to: local })).toContain('c')
    expect(ids({ from: '2026-05-01' })).toEqual([])
  })
})

describe('ledgerCsvRecords', () => {
  it('round-trips through papaparse, quotes included', () => {
    const tricky = [entry('x', -1, 'debit', 'Says "hi", then\nleaves', '2026-04-20T10:00:00Z')]
    const csv = Papa.unparse(ledgerCsvRecords(groupLedger(withBalanceAfter(tricky, 2))))
    const parsed = Papa.parse<Record<string, string>>(csv, { header: true })
    expect(parsed.data[0]).toEqual({
      date: '2026-04-20T10:00:00Z',
      type: 'debit',
      description: 'Says "hi", then\nleaves',
      amount_usd: '-1',
      balance_after_usd: '2',
      operation: 'x',
    })
  })
})
