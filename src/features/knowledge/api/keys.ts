/** Every key of the knowledge area, from one root, so invalidation is by prefix (docs/architecture.md §5). */
export const knowledgeKeys = {
  all: ['knowledge'] as const,
  /** Everything about one agent's documents: a change to them makes all of it stale. */
  agent: (agentId: string) => [...knowledgeKeys.all, 'agent', agentId] as const,
  documents: (agentId: string) => [...knowledgeKeys.agent(agentId), 'documents'] as const,
  searches: (agentId: string) => [...knowledgeKeys.agent(agentId), 'search'] as const,
  search: (agentId: string, query: string, limit: number) =>
    [...knowledgeKeys.searches(agentId), query, limit] as const,
}
