// The console info: the local proxy's report on its upstream (sandbox or cloud), which every
// feature may read (code samples name the key variable, links open on the right host).
import { queryOptions, useQuery } from '@tanstack/react-query'
import { useCallback } from 'react'
import { api } from '@/lib/api-client'
import { consoleLink } from '@/lib/console-link'
import { consoleInfoKeys } from './keys'
import { consoleInfoSchema } from './schemas'

/** Upstream (sandbox or cloud), reachability and latency, as the proxy sees them. */
export const consoleInfoQuery = () =>
  queryOptions({
    queryKey: consoleInfoKeys.info(),
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
