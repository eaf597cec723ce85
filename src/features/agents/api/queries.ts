import { infiniteQueryOptions, keepPreviousData, queryOptions } from '@tanstack/react-query'
import { api } from '@/lib/api-client'
import { agentKeys } from './keys'
import {
  agentPageSchema,
  agentResponseSchema,
  compatRuntimeListSchema,
  runtimeSchema,
  type AgentBrowseParams,
  type AgentListParams,
  type Runtime,
} from './schemas'

/** A page of the caller's agents (cloud: characters), with the cloud's pagination totals. */
export const agentListQuery = (params: AgentListParams) =>
  queryOptions({
    queryKey: agentKeys.list(params),
    queryFn: ({ signal }) =>
      api.get('/api/my-agents/characters', { query: params, signal, schema: agentPageSchema }),
    placeholderData: keepPreviousData,
  })

/** Rows per request of the list page: large enough to fill a screen many times over. */
export const AGENT_PAGE_SIZE = 100

/**
 * The list page: pages of the API, loaded one after another as the virtual list nears its end.
 * The cloud filters and sorts the whole list on every call (docs/cloud/agents.md), so pages stay consistent.
 */
export const agentBrowseQuery = (params: AgentBrowseParams) =>
  infiniteQueryOptions({
    queryKey: agentKeys.browse(params),
    queryFn: ({ pageParam, signal }) =>
      api.get('/api/my-agents/characters', {
        query: { ...params, page: pageParam, limit: AGENT_PAGE_SIZE },
        signal,
        schema: agentPageSchema,
      }),
    initialPageParam: 1,
    getNextPageParam: (last) => (last.pagination.hasMore ? last.pagination.page + 1 : undefined),
    placeholderData: keepPreviousData,
  })

/** One agent, in full. The id must be a UUID: the cloud answers others with a bare 500 (E9). */
export const agentQuery = (id: string) =>
  queryOptions({
    queryKey: agentKeys.detail(id),
    queryFn: ({ signal }) =>
      api.get(`/api/my-agents/characters/${id}`, { signal, schema: agentResponseSchema }),
  })

/** The organization's hosted runtimes (compat list: the only one that shows `agent_config`). */
export const runtimeListQuery = () =>
  queryOptions({
    queryKey: agentKeys.runtimes(),
    queryFn: ({ signal }) =>
      api.get('/api/compat/agents', { signal, schema: compatRuntimeListSchema }),
  })

/** States a runtime leaves by itself; any other state is final until the user acts. */
export const isRuntimeMoving = (status: Runtime['status'] | undefined) => status === 'provisioning'

export const RUNTIME_POLL_MS = 1_000

/** One runtime; polled while it is provisioning, and not after it reaches a final state. */
export const runtimeQuery = (id: string) =>
  queryOptions({
    queryKey: agentKeys.runtime(id),
    queryFn: ({ signal }) =>
      api.get(`/api/v1/milady/agents/${id}`, { signal, schema: runtimeSchema }),
    refetchInterval: (query) =>
      isRuntimeMoving(query.state.data?.status) ? RUNTIME_POLL_MS : false,
    staleTime: 0,
  })
