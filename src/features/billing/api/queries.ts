import { queryOptions } from '@tanstack/react-query'
import { api } from '@/lib/api-client'
import { billingKeys } from './keys'
import { groupLedger, withBalanceAfter } from './ledger'
import {
  balanceSchema,
  billingSettingsSchema,
  verifySchema,
  summarySchema,
  transactionListSchema,
  type TransactionListParams,
} from './schemas'

/**
 * The live balance in USD. `fresh=true` reads the database: without it an API-key caller may see
 * a value up to ~10 minutes old (docs/cloud/billing.md §1). Polled every 30 s while the page is visible.
 */
export const balanceQuery = () =>
  queryOptions({
    queryKey: billingKeys.balance(),
    queryFn: ({ signal }) =>
      api.get('/api/v1/credits/balance', {
        query: { fresh: 'true' },
        signal,
        schema: balanceSchema,
      }),
    staleTime: 10_000,
    refetchInterval: 30_000,
    refetchOnWindowFocus: true,
    // The route loader has just tried; a card mounting right after must not ask again (a 429 twice).
    retryOnMount: false,
  })

/** The newest ledger rows. No paging exists beyond `limit` (docs/cloud/billing.md §3). */
export const transactionsQuery = (params: TransactionListParams) =>
  queryOptions({
    queryKey: billingKeys.transactions(params),
    queryFn: ({ signal }) =>
      api.get('/api/credits/transactions', {
        query: params,
        signal,
        schema: transactionListSchema,
      }),
  })

/** Organization, auto top-up and pricing hints. Auth failures arrive as a bare 500 (E9). */
export const summaryQuery = () =>
  queryOptions({
    queryKey: billingKeys.summary(),
    queryFn: ({ signal }) => api.get('/api/v1/credits/summary', { signal, schema: summarySchema }),
  })

/** Auto top-up settings and the limits the server enforces (docs/billing.md §Auto top-up). */
export const billingSettingsQuery = () =>
  queryOptions({
    queryKey: billingKeys.settings(),
    queryFn: ({ signal }) =>
      api.get('/api/v1/billing/settings', { signal, schema: billingSettingsSchema }),
  })

/**
 * The payment status of a returned checkout. It only reads the session (it never adds credits,
 * docs/billing.md §Verify), so a reload asking again gets the same answer; cached for the visit.
 */
export const verifyCheckoutQuery = (sessionId: string) =>
  queryOptions({
    queryKey: billingKeys.verify(sessionId),
    queryFn: ({ signal }) =>
      api.get('/api/v1/credits/verify', {
        query: { session_id: sessionId },
        signal,
        schema: verifySchema,
      }),
    staleTime: Infinity,
    retry: false,
  })

/** How many ledger rows the transactions page reads: the API has no paging (docs/billing.md §Ledger). */
export const LEDGER_LIMIT = 10_000

/**
 * The ledger for the transactions page: the newest rows and the current balance, read together
 * so each row's balance after can be derived (docs/billing.md §Ledger), then grouped.
 */
export const ledgerQuery = (limit = LEDGER_LIMIT) =>
  queryOptions({
    queryKey: [...billingKeys.transactionLists(), 'ledger', limit] as const,
    queryFn: async ({ signal }) => {
      const [list, balance] = await Promise.all([
        api.get('/api/credits/transactions', {
          query: { limit },
          signal,
          schema: transactionListSchema,
        }),
        api.get('/api/v1/credits/balance', {
          query: { fresh: 'true' },
          signal,
          schema: balanceSchema,
        }),
      ])
      const groups = groupLedger(withBalanceAfter(list.transactions, balance.balance))
      return {
        groups,
        rowCount: list.transactions.length,
        isTruncated: list.transactions.length >= limit,
      }
    },
  })
