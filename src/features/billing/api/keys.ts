import type { QueryClient, QueryKey } from '@tanstack/react-query'
import type { TransactionListParams } from './schemas'

export const billingKeys = {
  all: ['billing'] as const,
  balance: () => [...billingKeys.all, 'balance'] as const,
  summary: () => [...billingKeys.all, 'summary'] as const,
  settings: () => [...billingKeys.all, 'settings'] as const,
  verify: (sessionId: string) => [...billingKeys.all, 'verify', sessionId] as const,
  transactionLists: () => [...billingKeys.all, 'transactions'] as const,
  transactions: (p: TransactionListParams) => [...billingKeys.transactionLists(), p] as const,
}

/**
 * Money moved (a checkout, a crypto or x402 payment): the balance, the ledger and the summary are
 * stale, with whatever else the caller names.
 */
export function invalidateMoneyQueries(
  queryClient: QueryClient,
  extra: readonly QueryKey[] = [],
): Promise<void[]> {
  const keys = [
    billingKeys.balance(),
    billingKeys.transactionLists(),
    billingKeys.summary(),
    ...extra,
  ]
  return Promise.all(keys.map((queryKey) => queryClient.invalidateQueries({ queryKey })))
}
