import { queryOptions } from '@tanstack/react-query'
import { api } from '@/lib/api-client'
import { DIRECTORY_LIMIT } from './directory'
import { discoverKeys, type DirectoryParams } from './keys'
import { agentCardSchema, discoveryPageSchema } from './schemas'

/**
 * One type of the public directory, first page only, largest limit (docs/discover.md §Paging).
 * `mcpTools`/`a2aSkills` filters are ignored by the cloud, so they are never sent.
 */
export const directoryQuery = (p: DirectoryParams) =>
  queryOptions({
    queryKey: discoverKeys.directory(p),
    queryFn: ({ signal }) =>
      api.get('/api/v1/discovery', {
        query: {
          types: p.type,
          query: p.query || undefined,
          categories: p.category || undefined,
          tags: p.tag || undefined,
          x402Only: p.x402Only ? 'true' : undefined,
          limit: DIRECTORY_LIMIT,
          offset: 0,
        },
        signal,
        schema: discoveryPageSchema,
      }),
    // The cloud caches each query for 3 minutes anyway.
    staleTime: 60_000,
  })

/** An agent's card: public, no key needed; 403 when it is not public or A2A is off. */
export const agentCardQuery = (agentId: string) =>
  queryOptions({
    queryKey: discoverKeys.card(agentId),
    queryFn: ({ signal }) =>
      api.get(`/api/agents/${agentId}/a2a`, { signal, schema: agentCardSchema }),
    retry: false,
  })
