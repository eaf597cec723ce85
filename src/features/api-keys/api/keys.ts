/** Every query key of the API-keys area, from one root (docs/architecture.md §5). */
export const apiKeyKeys = {
  all: ['api-keys'] as const,
  list: () => [...apiKeyKeys.all, 'list'] as const,
}
