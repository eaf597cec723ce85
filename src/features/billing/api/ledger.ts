// The ledger as the transactions page shows it: reserve and settle rows of one operation grouped,
// a balance after each row derived from the current balance, and the page's filters. Pure, so the
// page, the CSV export and the bench share it (docs/billing.md §Ledger).
import type { LedgerEntry } from './schemas'

export const LEDGER_TYPES = ['all', 'credit', 'debit', 'refund'] as const
export type LedgerType = (typeof LEDGER_TYPES)[number]

export type LedgerFilters = {
  type: LedgerType
  /** Inclusive local dates, `YYYY-MM-DD`, or '' for open. */
  from: string
  to: string
  q: string
}

/** A ledger row with the balance right after it (derived, see {@link withBalanceAfter}). */
export type LedgerRow = LedgerEntry & { balanceAfter: number | null }

/** One operation: its first row and the rows that settled it (refund or overage). */
export type LedgerGroup = {
  id: string
  head: LedgerRow
  settles: LedgerRow[]
  /** What the operation cost or added in the end, in USD (sum of its rows). */
  net: number
}

// Metered operations write `<op> (reserved)`, then `<op> (refund)` or `<op> (overage)`
// (docs/billing.md §Ledger).
const RESERVED = / \(reserved\)$/
const SETTLE = / \((refund|overage)\)$/

/**
 * The balance after each row, walking back from the current balance: the API gives no running
 * balance (docs/billing.md §Ledger), and every balance change writes a row. Rows newest first.
 * Only the rows inside the fetched window are covered; older ones are unknown.
 */
export function withBalanceAfter(entries: readonly LedgerEntry[], balance: number): LedgerRow[] {
  let after = balance
  return entries.map((entry) => {
    const row = { ...entry, balanceAfter: Math.round(after * 1e6) / 1e6 }
    after -= entry.amount
    return row
  })
}

/** Groups reserve and settle rows of one operation; input and output newest first. */
export function groupLedger(rows: readonly LedgerRow[]): LedgerGroup[] {
  const groups = new Map<string, LedgerGroup>()
  const open = new Map<string, LedgerGroup[]>()
  const order: LedgerGroup[] = []
  for (let i = rows.length - 1; i >= 0; i--) {
    const row = rows[i] as LedgerRow
    const description = row.description ?? ''
    const settle = SETTLE.exec(description)
    if (settle) {
      const base = description.slice(0, settle.index)
      const pending = open.get(base)
      const group = pending?.pop()
      if (group) {
        group.settles.push(row)
        group.net += row.amount
        continue
      }
    }
    const group: LedgerGroup = { id: row.id, head: row, settles: [], net: row.amount }
    groups.set(row.id, group)
    order.push(group)
    const reserved = RESERVED.exec(description)
    if (reserved) {
      const base = description.slice(0, reserved.index)
      const list = open.get(base) ?? []
      list.push(group)
      open.set(base, list)
    }
  }
  for (const g of order) g.net = Math.round(g.net * 1e6) / 1e6
  return order.reverse()
}

const dayStart = (date: string) => new Date(`${date}T00:00:00`).getTime()

/** The groups the filters keep: type and text match any of its rows; dates use its first row. */
export function filterLedger(groups: readonly LedgerGroup[], f: LedgerFilters): LedgerGroup[] {
  const q = f.q.trim().toLowerCase()
  const from = f.from ? dayStart(f.from) : -Infinity
  const to = f.to ? dayStart(f.to) + 86_400_000 : Infinity
  if (f.type === 'all' && !q && from === -Infinity && to === Infinity)
    return groups as LedgerGroup[]
  return groups.filter((g) => {
    const time = Date.parse(g.head.createdAt)
    if (time < from || time >= to) return false
    const rows = g.settles.length ? [g.head, ...g.settles] : [g.head]
    if (f.type !== 'all' && !rows.some((r) => r.type === f.type)) return false
    if (q && !rows.some((r) => (r.description ?? '').toLowerCase().includes(q))) return false
    return true
  })
}

/** The rows a table or a CSV shows for some groups: each head, then its settle rows. */
export function flattenGroups(groups: readonly LedgerGroup[]) {
  const out: { row: LedgerRow; group: LedgerGroup; isSettle: boolean }[] = []
  for (const group of groups) {
    out.push({ row: group.head, group, isSettle: false })
    for (const row of group.settles) out.push({ row, group, isSettle: true })
  }
  return out
}

/** The CSV's records (Papa.unparse quotes them): amounts in USD as the API gives them. */
export function ledgerCsvRecords(groups: readonly LedgerGroup[]) {
  return flattenGroups(groups).map(({ row, group }) => ({
    date: row.createdAt,
    type: row.type,
    description: row.description ?? '',
    amount_usd: row.amount,
    balance_after_usd: row.balanceAfter ?? '',
    operation: group.id,
  }))
}
