export const containerKeys = {
  all: ['containers'] as const,
  lists: () => [...containerKeys.all, 'list'] as const,
  quota: () => [...containerKeys.all, 'quota'] as const,
  details: () => [...containerKeys.all, 'detail'] as const,
  detail: (id: string) => [...containerKeys.details(), id] as const,
  deployments: (id: string) => [...containerKeys.detail(id), 'deployments'] as const,
  metrics: (id: string) => [...containerKeys.detail(id), 'metrics'] as const,
}
