import type { AgentBrowseParams, AgentListParams } from './schemas'

export const agentKeys = {
  all: ['agents'] as const,
  lists: () => [...agentKeys.all, 'list'] as const,
  list: (p: AgentListParams) => [...agentKeys.lists(), p] as const,
  /** The list page's infinite query; under `lists()`, so list invalidation reaches it. */
  browse: (p: AgentBrowseParams) => [...agentKeys.lists(), 'browse', p] as const,
  detail: (id: string) => [...agentKeys.all, 'detail', id] as const,
  runtimes: () => [...agentKeys.all, 'runtimes'] as const,
  runtime: (id: string) => [...agentKeys.runtimes(), id] as const,
}
