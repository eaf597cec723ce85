import { queryOptions } from '@tanstack/react-query'
import { api } from '@/lib/api-client'
import { voiceKeys } from './keys'
import { premadeVoicesSchema, voiceListSchema } from './schemas'

/** My organization's cloned voices, newest first (docs/cloud/media.md §5.4); 100 is the route's maximum. */
export const voiceListQuery = () =>
  queryOptions({
    queryKey: voiceKeys.list(),
    queryFn: ({ signal }) =>
      api.get('/api/v1/voice/list', { query: { limit: 100 }, signal, schema: voiceListSchema }),
  })

/** The provider's premade library voices (docs/cloud/media.md §5.7). */
export const premadeVoicesQuery = () =>
  queryOptions({
    queryKey: voiceKeys.premade(),
    queryFn: ({ signal }) =>
      api.get('/api/elevenlabs/voices', { signal, schema: premadeVoicesSchema }),
    staleTime: 10 * 60_000,
  })
