import { queryOptions } from '@tanstack/react-query'
import { api } from '@/lib/api-client'
import { billingKeys } from './keys'
import {
  balanceSchema,
  summarySchema,
  transactionListSchema,
  type TransactionListParams,
} from './schemas'

/**
 * The live balance in USD. `fresh=true` reads the database: without it an API-key caller may see
 * a value up to ~10 minutes old (billing.md §1). Polled every 30 s while the page is visible.
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

/** The newest ledger rows. No paging exists beyond `limit` (billing.md §3). */
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
