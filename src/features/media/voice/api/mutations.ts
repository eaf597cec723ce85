import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api-client'
import { voiceKeys } from './keys'

/** DELETE /api/v1/voice/{id} (internal UUID): a soft delete (docs/cloud/media.md §5.6). */
export function useDeleteVoice() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/v1/voice/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: voiceKeys.lists() }),
  })
}

/** PATCH /api/v1/voice/{id} `{name}`; free (docs/cloud/media.md §5.6). */
export function useRenameVoice() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, name }: { id: string; name: string }) =>
      api.patch(`/api/v1/voice/${encodeURIComponent(id)}`, { body: { name } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: voiceKeys.lists() }),
  })
}
