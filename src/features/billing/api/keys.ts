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
