import { useMutation, useQueryClient } from '@tanstack/react-query'
import { invalidateMoneyQueries } from '@/features/billing/api/keys'
import { sendAgentChat } from './chat'
import type { ChatTurn } from './schemas'

/**
 * Try it: one billed `chat` call (a POST that spends credits, so a mutation, never retried).
 * Money moved either way (a reply is billed; a failure may have reserved and refunded), so the
 * balance, ledger and summary are refreshed when it settles.
 */
export function useAgentChat(agentId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (messages: ChatTurn[]) => sendAgentChat(agentId, messages),
    onSettled: () => invalidateMoneyQueries(queryClient),
  })
}
