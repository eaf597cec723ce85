export const containerKeys = {
  all: ['containers'] as const,
  lists: () => [...containerKeys.all, 'list'] as const,
  detail: (id: string) => [...containerKeys.all, 'detail', id] as const,
}
