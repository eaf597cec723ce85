import { queryOptions, useQuery } from '@tanstack/react-query'
import { useCallback } from 'react'
import { api } from '@/lib/api-client'
import { consoleLink } from '@/lib/console-link'
import { overviewKeys } from './keys'
import { consoleInfoSchema } from './schemas'

/**
 * What the overview's cards ask for, shared by the route loader and the cards. Kept here, not in
 * the card files, so the route's loader does not pull the cards into the app's main chunk.
 */
export const RECENT_TRANSACTION_PARAMS = { limit: 10 } as const
/** Only the count is needed: one item per page, and the pagination's total. */
export const AGENT_COUNT_PARAMS = { limit: 1 } as const

/** Upstream (sandbox or cloud), reachability and latency, as the proxy sees them. */
export const consoleInfoQuery = () =>
  queryOptions({
    queryKey: overviewKeys.info(),
    queryFn: ({ signal }) => api.get('/_console/info', { signal, schema: consoleInfoSchema }),
    refetchInterval: 60_000,
  })

/**
 * The NAME of the environment variable the proxy reads the key from, for code samples and client
 * configurations (never the key); null until the proxy has answered.
 */
export function useKeyVariable(): string | null {
  return useQuery(consoleInfoQuery()).data?.keyVariable ?? null
}

/**
 * Rewrites a link the upstream built so that it opens something real from this browser (on the
 * sandbox, this console's proxy or page; see consoleLink). Links stay as they are until the proxy
 * has said which upstream it uses.
 */
export function useConsoleLink(): (url: string) => string {
  const upstream = useQuery(consoleInfoQuery()).data?.upstream.kind
  return useCallback(
    (url: string) => (upstream ? consoleLink(url, upstream, window.location.origin) : url),
    [upstream],
  )
}
