// The detail and deploy pages' queries (not in queries.ts, which the overview's first page loads).
import { queryOptions } from '@tanstack/react-query'
import { api } from '@/lib/api-client'
import {
  containerResponseSchema,
  deploymentsSchema,
  metricsSchema,
  quotaSchema,
  type MetricsSample,
} from './detail-schemas'
import { containerKeys } from './keys'
import { isMovingStatus } from './schemas'

export const DETAIL_POLL_MS = 3_000

/**
 * One container, environment variables included (kept in this cache only). Polled while it is on
 * its way, so the status timeline moves without a reload, and not after a final state.
 */
export const containerQuery = (id: string) =>
  queryOptions({
    queryKey: containerKeys.detail(id),
    queryFn: ({ signal }) =>
      api.get(`/api/v1/containers/${id}`, { signal, schema: containerResponseSchema }),
    refetchInterval: (query) => (isMovingStatus(query.state.data?.status) ? DETAIL_POLL_MS : false),
    staleTime: 5_000,
  })

/** Quota, balance and prices (docs/containers.md §Quota). */
export const containerQuotaQuery = () =>
  queryOptions({
    queryKey: containerKeys.quota(),
    queryFn: ({ signal }) => api.get('/api/v1/containers/quota', { signal, schema: quotaSchema }),
    staleTime: 10_000,
  })

/** Deployment history (first deployments only; docs/containers.md §Deployments). */
export const deploymentsQuery = (id: string) =>
  queryOptions({
    queryKey: containerKeys.deployments(id),
    queryFn: ({ signal }) =>
      api.get(`/api/v1/containers/${id}/deployments`, { signal, schema: deploymentsSchema }),
  })

/** How often the metrics panel samples while it is shown, and how many samples it keeps. */
export const METRICS_POLL_MS = 10_000
export const METRICS_HISTORY = 30

export interface MetricsHistory {
  latest: MetricsSample
  /** Oldest first, at most {@link METRICS_HISTORY}; `sampledAt` is the browser's clock. */
  samples: (MetricsSample & { sampledAt: number })[]
}

/**
 * The latest metrics plus a short history sampled in this browser: each fetch appends to what the
 * cache already holds, so the history lives in react-query memory with the rest. Polled only
 * while the page is visible (react-query pauses intervals in background tabs).
 */
export const metricsQuery = (id: string) =>
  queryOptions({
    queryKey: containerKeys.metrics(id),
    queryFn: async ({ signal, client, queryKey }): Promise<MetricsHistory> => {
      const latest = await api.get(`/api/v1/containers/${id}/metrics`, {
        signal,
        schema: metricsSchema,
      })
      const previous = client.getQueryData<MetricsHistory>(queryKey)?.samples ?? []
      const samples = [...previous, { ...latest, sampledAt: Date.now() }].slice(-METRICS_HISTORY)
      return { latest, samples }
    },
    // A refusal (400: no service yet) will not change by asking again every 10 s.
    refetchInterval: (query) => (query.state.error?.kind === 'invalid' ? false : METRICS_POLL_MS),
    staleTime: 0,
  })
