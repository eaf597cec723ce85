import { QueryClient } from '@tanstack/react-query'

import { isApiError, type ApiError } from './api-error'

declare module '@tanstack/react-query' {
  interface Register {
    defaultError: ApiError
  }
}

/** Queries are retried at most this many times, and only for the kinds below. */
export const MAX_QUERY_RETRIES = 2

/**
 * Whether a failed query should be tried again: only transient failures (`network`, `server`),
 * at most twice. A 429 is never retried silently (the UI shows a countdown), nor is any 4xx,
 * a timeout or an abort (docs/architecture.md §4).
 */
export function shouldRetryQuery(failureCount: number, error: unknown): boolean {
  if (failureCount >= MAX_QUERY_RETRIES) return false
  return isApiError(error) && (error.kind === 'network' || error.kind === 'server')
}

/**
 * The app's QueryClient. `staleTime` 30 s; mutations never retry, because a retried generation
 * is billed twice. Window-focus refetch stays on (stale data only), so the balance and lists catch
 * up after the user comes back from the dashboard or another tab.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: shouldRetryQuery,
        refetchOnWindowFocus: true,
      },
      mutations: {
        retry: false,
      },
    },
  })
}
