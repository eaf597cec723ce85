import type { AgentListParams } from './schemas'

export const agentKeys = {
  all: ['agents'] as const,
  lists: () => [...agentKeys.all, 'list'] as const,
  list: (p: AgentListParams) => [...agentKeys.lists(), p] as const,
  detail: (id: string) => [...agentKeys.all, 'detail', id] as const,
}
