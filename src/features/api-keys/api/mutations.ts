import { useMutation, useQueryClient } from '@tanstack/react-query'
import { consoleInfoKeys } from '@/api/console-info/keys'
import { api } from '@/lib/api-client'
import { apiKeyKeys } from './keys'
import { issuedKeySchema, type CreateKeyValues, createKeyBody } from './schemas'

/**
 * A change can hit the console's own key, after which the proxy may switch keys: the list and
 * the proxy's report (its key's prefix) are both refreshed.
 */
function useRefresh() {
  const queryClient = useQueryClient()
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: apiKeyKeys.list() }),
      queryClient.invalidateQueries({ queryKey: consoleInfoKeys.info() }),
    ])
}

// Mutations that return a secret keep it no longer than their caller needs: `gcTime: 0` drops
// the finished mutation (and the secret in its `data`) from the cache as soon as the caller
// resets it, which the page does the moment it has taken the secret.

export function useCreateApiKey() {
  const refresh = useRefresh()
  return useMutation({
    mutationFn: (values: CreateKeyValues) =>
      api.post('/api/v1/api-keys', { body: createKeyBody(values), schema: issuedKeySchema }),
    onSuccess: () => refresh(),
    gcTime: 0,
  })
}

export function useRegenerateApiKey() {
  const refresh = useRefresh()
  return useMutation({
    mutationFn: (id: string) =>
      api.post(`/api/v1/api-keys/${id}/regenerate`, { schema: issuedKeySchema }),
    onSuccess: () => refresh(),
    gcTime: 0,
  })
}

export function useUpdateApiKey() {
  const refresh = useRefresh()
  return useMutation({
    mutationFn: ({ id, ...changes }: { id: string; name?: string; is_active?: boolean }) =>
      api.patch(`/api/v1/api-keys/${id}`, { body: changes }),
    onSuccess: () => refresh(),
  })
}

export function useDeleteApiKey() {
  const refresh = useRefresh()
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/v1/api-keys/${id}`),
    onSuccess: () => refresh(),
  })
}
