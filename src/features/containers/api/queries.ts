import { queryOptions } from '@tanstack/react-query'
import { api } from '@/lib/api-client'
import { containerKeys } from './keys'
import { containerListSchema, isMovingStatus } from './schemas'

/** While a container is on its way (docs/containers.md §Status lifecycle), how often to look again. */
export const LIST_POLL_MS = 5_000

/**
 * Every container of the organization (every member's), newest first. Polled while any of them
 * is in a state it leaves by itself; the polling stops once all have reached a final state.
 */
export const containerListQuery = () =>
  queryOptions({
    queryKey: containerKeys.lists(),
    queryFn: ({ signal }) => api.get('/api/v1/containers', { signal, schema: containerListSchema }),
    refetchInterval: (query) =>
      query.state.data?.some((c) => isMovingStatus(c.status)) ? LIST_POLL_MS : false,
  })
