import type { AgentBrowseParams, AgentListParams } from './schemas'

export const agentKeys = {
  all: ['agents'] as const,
  lists: () => [...agentKeys.all, 'list'] as const,
  list: (p: AgentListParams) => [...agentKeys.lists(), p] as const,
  /** The list page's infinite query; under `lists()`, so list invalidation reaches it. */
  browse: (p: AgentBrowseParams) => [...agentKeys.lists(), 'browse', p] as const,
  detail: (id: string) => [...agentKeys.all, 'detail', id] as const,
  /** Under `detail(id)`: a change of visibility refreshes the agent, its share status and monetization. */
  share: (id: string) => [...agentKeys.detail(id), 'share'] as const,
  monetization: (id: string) => [...agentKeys.detail(id), 'monetization'] as const,
  runtimes: () => [...agentKeys.all, 'runtimes'] as const,
  runtime: (id: string) => [...agentKeys.runtimes(), id] as const,
  /** The logs' answer depends on the runtime's state (lines while running, else a sentence). */
  runtimeLogs: (id: string, tail: number, status: string) =>
    [...agentKeys.runtime(id), 'logs', tail, status] as const,
}
