import { useMutation, useQueryClient } from '@tanstack/react-query'
import { invalidateMoneyQueries } from '@/features/billing/api/keys'
import { saveToHistory } from './history'
import { skillOfRequest } from './message'
import { callA2a, type RpcExchange } from './rpc'
import type { RpcRequest } from './schemas'
import { skillSpec } from './skill-catalog'

/**
 * Sends one JSON-RPC request to /api/a2a. Not a query: message/send is billed, so nothing may
 * re-send it by itself (docs/architecture.md §9). Every answered task is saved to this browser's history;
 * a billed skill that ran makes the balance and the ledger stale.
 */
export function useA2aCall() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (request: RpcRequest): Promise<RpcExchange> => callA2a(request),
    onSuccess: async (exchange) => {
      const skill = skillOfRequest(exchange.request)
      if (!exchange.outcome.ok) return
      const task = exchange.outcome.task
      if (skill !== undefined && skillSpec(skill).isBilled) {
        void invalidateMoneyQueries(queryClient)
      }
      await saveToHistory(queryClient, task, skill === undefined ? {} : { skill })
    },
  })
}
