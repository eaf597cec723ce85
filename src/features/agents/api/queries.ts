import { keepPreviousData, queryOptions } from '@tanstack/react-query'
import { api } from '@/lib/api-client'
import { agentKeys } from './keys'
import { agentPageSchema, type AgentListParams } from './schemas'

/** A page of the caller's agents (cloud: characters), with the cloud's pagination totals. */
export const agentListQuery = (params: AgentListParams) =>
  queryOptions({
    queryKey: agentKeys.list(params),
    queryFn: ({ signal }) =>
      api.get('/api/my-agents/characters', { query: params, signal, schema: agentPageSchema }),
    placeholderData: keepPreviousData,
  })
