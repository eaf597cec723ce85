export const overviewKeys = {
  all: ['console'] as const,
  info: () => [...overviewKeys.all, 'info'] as const,
}
