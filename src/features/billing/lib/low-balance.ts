// The two warning levels of the balance, shared by the header badge and the billing page.

/** Below $1: low; below $0.50: critical (issue #12; docs/billing.md §Balance). */
export const LOW_BALANCE_USD = 1
export const CRITICAL_BALANCE_USD = 0.5

export type BalanceLevel = 'ok' | 'low' | 'critical'

export function balanceLevel(balance: number): BalanceLevel {
  if (balance < CRITICAL_BALANCE_USD) return 'critical'
  if (balance < LOW_BALANCE_USD) return 'low'
  return 'ok'
}

/** What a warning says, or null when the balance is fine. */
export function balanceWarning(level: BalanceLevel): string | null {
  if (level === 'critical') return 'Balance below $0.50: most requests will be refused soon.'
  if (level === 'low') return 'Balance below $1.00: add credits before it runs out.'
  return null
}
