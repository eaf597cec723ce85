import { useMutation, useQueryClient } from '@tanstack/react-query'
import { deleteConversation, getConversation, saveConversation } from '../storage/conversations'
import { chatKeys } from './keys'

export function useRenameConversation() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async ({ id, title }: { id: string; title: string }) => {
      const conversation = await getConversation(id)
      if (!conversation) throw new Error('This conversation no longer exists.')
      await saveConversation({ ...conversation, title: title.trim() || conversation.title })
    },
    onSuccess: (_res, { id }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: chatKeys.conversation(id) }),
        queryClient.invalidateQueries({ queryKey: chatKeys.conversationLists() }),
      ]),
  })
}

export function useDeleteConversation() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => deleteConversation(id),
    onSuccess: (_res, id) => {
      queryClient.removeQueries({ queryKey: chatKeys.conversation(id) })
      return queryClient.invalidateQueries({ queryKey: chatKeys.conversationLists() })
    },
  })
}
