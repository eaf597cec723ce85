// The values the container routes accept in their URLs. Route options (validateSearch) are not
// code-split, so this module stays tiny and imports nothing (docs/architecture.md §6).

export const CONTAINER_SORTS = ['newest', 'oldest', 'name', 'status'] as const
export type ContainerSort = (typeof CONTAINER_SORTS)[number]

/** Filter values: a status, or `active` for every state a container leaves by itself. */
export const STATUS_FILTERS = [
  'running',
  'active',
  'failed',
  'stopped',
  'pending',
  'building',
  'deploying',
  'deleting',
] as const
export type StatusFilter = (typeof STATUS_FILTERS)[number]

export interface ContainerFilters {
  q: string
  status: StatusFilter | ''
  sort: ContainerSort
}

export const DETAIL_TABS = [
  'overview',
  'logs',
  'metrics',
  'deployments',
  'environment',
  'settings',
] as const
export type DetailTab = (typeof DETAIL_TABS)[number]

/** The levels the cloud infers for a log line (docs/containers.md §Logs). */
export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]
