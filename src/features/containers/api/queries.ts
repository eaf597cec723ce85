import { queryOptions } from '@tanstack/react-query'
import { api } from '@/lib/api-client'
import { containerKeys } from './keys'
import { containerListSchema } from './schemas'

/** Every container of the organization (every member's), newest first. */
export const containerListQuery = () =>
  queryOptions({
    queryKey: containerKeys.lists(),
    queryFn: ({ signal }) => api.get('/api/v1/containers', { signal, schema: containerListSchema }),
  })
