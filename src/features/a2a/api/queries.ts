import { queryOptions } from '@tanstack/react-query'
import { api } from '@/lib/api-client'
import { a2aKeys } from './keys'
import { serviceSchema } from './schemas'

/** GET /api/a2a: public, never rate limited; the skill list changes only with a deploy. */
export const a2aServiceQuery = () =>
  queryOptions({
    queryKey: a2aKeys.service(),
    queryFn: ({ signal }) => api.get('/api/a2a', { signal, schema: serviceSchema }),
    staleTime: 10 * 60_000,
  })
