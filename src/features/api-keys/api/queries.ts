import { queryOptions } from '@tanstack/react-query'
import { api } from '@/lib/api-client'
import { apiKeyKeys } from './keys'
import { apiKeyListSchema } from './schemas'

/**
 * The organization's keys. The cloud answers an API key with 401 `session_auth_required` (kind
 * `session_only`); the page shows its session-only state then (docs/api-keys.md §Session only).
 */
export const apiKeyListQuery = () =>
  queryOptions({
    queryKey: apiKeyKeys.list(),
    queryFn: ({ signal }) => api.get('/api/v1/api-keys', { signal, schema: apiKeyListSchema }),
  })
