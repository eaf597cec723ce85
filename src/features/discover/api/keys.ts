import type { ServiceType } from './schemas'

/** The directory request of one type; the list page merges the types (docs/discover.md §Paging). */
export type DirectoryParams = {
  type: ServiceType
  query: string
  category: string
  tag: string
  x402Only: boolean
}

export const discoverKeys = {
  all: ['discover'] as const,
  directories: () => [...discoverKeys.all, 'directory'] as const,
  directory: (p: DirectoryParams) => [...discoverKeys.directories(), p] as const,
  card: (agentId: string) => [...discoverKeys.all, 'card', agentId] as const,
}
